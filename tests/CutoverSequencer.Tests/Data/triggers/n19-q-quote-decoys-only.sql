-- type: BEFORE EACH ROW
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  log_pkg.write(q'{SELECT order_seq.NEXTVAL INTO :NEW.order_id FROM dual}');
  log_pkg.write(q'!:NEW.order_id := order_seq.NEXTVAL;!');
  log_pkg.write(q'[it's ]' || ':NEW.order_id := order_seq.NEXTVAL');
  EXECUTE IMMEDIATE 'SELECT order_seq.NEXTVAL FROM dual' INTO :NEW.order_ref;
END;
