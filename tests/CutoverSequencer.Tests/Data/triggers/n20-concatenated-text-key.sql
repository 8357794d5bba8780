-- type: BEFORE EACH ROW
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_no := 'ORD-' || order_seq.NEXTVAL;
  :NEW.ref_no := TO_CHAR(order_seq.NEXTVAL, 'FM000000');
  :NEW.scaled_id := order_seq.NEXTVAL * 1000 + 7;
END;
