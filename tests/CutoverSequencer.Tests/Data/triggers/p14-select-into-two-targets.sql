-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (certain)
-- depends: FINANCE.ORDER_SEQ
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  SELECT order_seq.NEXTVAL, SYSDATE, USER
    INTO :NEW.order_id, :NEW.created_at, :NEW.created_by
    FROM dual;
END;
