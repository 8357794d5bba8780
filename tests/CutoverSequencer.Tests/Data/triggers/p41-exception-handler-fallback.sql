-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
-- depends: FINANCE.ORDER_SEQ
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  SELECT s.order_id INTO :NEW.order_id FROM order_staging s WHERE s.ext_ref = :NEW.ext_ref;
EXCEPTION
  WHEN NO_DATA_FOUND THEN
    :NEW.order_id := order_seq.NEXTVAL;
END;
