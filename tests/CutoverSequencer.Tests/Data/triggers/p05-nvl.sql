-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_id := NVL(:NEW.order_id, order_seq.NEXTVAL);
END;
