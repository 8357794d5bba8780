-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi
  BEFORE INSERT ON orders
  REFERENCING OLD AS prev NEW AS cur
  FOR EACH ROW
BEGIN
  :cur.order_id := order_seq.NEXTVAL;
  :NEW.note := 'not the new row once it is renamed';
END;
