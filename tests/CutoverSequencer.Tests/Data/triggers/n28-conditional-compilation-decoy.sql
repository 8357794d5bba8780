-- type: BEFORE EACH ROW
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  $IF $$legacy_keys $THEN
    $ERROR 'legacy keys are gone: order_seq.NEXTVAL' $END
  $END
  :NEW.created_at := SYSDATE; -- :NEW.order_id := order_seq.NEXTVAL;
END;
