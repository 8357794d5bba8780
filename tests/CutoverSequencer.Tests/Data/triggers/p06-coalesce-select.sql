-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  SELECT COALESCE(:new.order_id, order_seq.nextval)
    INTO :new.order_id
    FROM sys.dual;
END;
