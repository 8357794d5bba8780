-- type: BEFORE EACH ROW
-- event: INSERT OR UPDATE
TRIGGER account_biu BEFORE INSERT OR UPDATE ON account FOR EACH ROW
BEGIN
  IF UPDATING THEN
    :NEW.version_id := account_seq.NEXTVAL;
  ELSIF DELETING THEN
    :NEW.version_id := order_seq.NEXTVAL;
  END IF;
  CASE WHEN UPDATING('STATUS') THEN :NEW.status_id := legacy_seq.NEXTVAL; ELSE NULL; END CASE;
END;
