-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
DECLARE
  FUNCTION next_key RETURN NUMBER IS
    v NUMBER;
  BEGIN
    SELECT order_seq.NEXTVAL INTO v FROM dual;
    RETURN v;
  END next_key;
BEGIN
  :NEW.order_id := next_key;
END;
