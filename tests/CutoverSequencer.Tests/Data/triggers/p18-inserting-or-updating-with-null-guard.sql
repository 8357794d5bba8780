-- type: BEFORE EACH ROW
-- event: INSERT OR UPDATE
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
-- depends: FINANCE.ORDER_SEQ
TRIGGER orders_biu BEFORE INSERT OR UPDATE ON orders FOR EACH ROW
BEGIN
  IF INSERTING OR UPDATING THEN
    IF :NEW.order_id IS NULL THEN
      :NEW.order_id := order_seq.NEXTVAL;
    END IF;
    :NEW.changed_at := SYSTIMESTAMP;
  END IF;
END;
