-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  $IF DBMS_DB_VERSION.VER_LE_10_2 $THEN
    SELECT order_seq.NEXTVAL INTO :NEW.order_id FROM dual;
  $ELSIF $$trace_keys $THEN
    :NEW.order_id := order_seq.NEXTVAL;
    trace_pkg.note(:NEW.order_id);
  $ELSE
    :NEW.order_id := order_seq.NEXTVAL;
  $END
END;
