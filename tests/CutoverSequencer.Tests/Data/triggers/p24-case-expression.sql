-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_id := CASE
                     WHEN :NEW.order_id IS NULL OR :NEW.order_id <= 0 THEN order_seq.NEXTVAL
                     ELSE :NEW.order_id
                   END;
END;
