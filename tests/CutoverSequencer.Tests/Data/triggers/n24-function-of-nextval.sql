-- type: BEFORE EACH ROW
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_code := format_pkg.code(order_seq.NEXTVAL);
END;
