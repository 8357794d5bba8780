-- type: BEFORE EACH ROW
-- event: DELETE
TRIGGER orders_bd BEFORE DELETE ON orders FOR EACH ROW
BEGIN
  INSERT INTO audit.order_hist (hist_id, order_id) VALUES (audit.hist_seq.NEXTVAL, :OLD.order_id);
END;
