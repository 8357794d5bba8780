-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (certain)
-- expect: LINE_ID <- FINANCE.LINE_SEQ (likely)
-- expect: CUSTOMER_ID <- FINANCE.CUSTOMER_SEQ (likely)
-- depends: FINANCE.ORDER_SEQ, FINANCE.LINE_SEQ, FINANCE.CUSTOMER_SEQ
TRIGGER order_bundle_bi BEFORE INSERT ON order_bundle FOR EACH ROW
DECLARE
  v_line NUMBER;
BEGIN
  SELECT order_seq.NEXTVAL INTO :NEW.order_id FROM dual;
  SELECT line_seq.NEXTVAL INTO v_line FROM dual;
  :NEW.line_id := v_line;
  :NEW.customer_id := COALESCE(:NEW.customer_id, customer_seq.NEXTVAL);
END;
