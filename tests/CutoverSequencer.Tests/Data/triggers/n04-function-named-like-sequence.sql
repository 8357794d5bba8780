-- type: BEFORE EACH ROW
-- function: ORDER_ID <- ID_PKG.NEXT_ORDER_SEQ
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_id := id_pkg.next_order_seq();
  :NEW.batch_id := batch_seq_fn.NEXTVAL;
END;
