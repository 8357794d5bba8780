-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
DECLARE
  v_id NUMBER;
  v_n  PLS_INTEGER;
BEGIN
  LOOP
    SELECT order_seq.NEXTVAL INTO v_id FROM dual;
    SELECT COUNT(*) INTO v_n FROM orders_archive WHERE order_id = v_id;
    EXIT WHEN v_n = 0;
  END LOOP;
  :NEW.order_id := v_id;
END;
