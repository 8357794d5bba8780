-- type: BEFORE EACH ROW
TRIGGER order_line_bi BEFORE INSERT ON order_line FOR EACH ROW
BEGIN
  :NEW.order_id := order_seq.CURRVAL;
  SELECT order_seq.CURRVAL INTO :NEW.parent_id FROM dual;
END;
