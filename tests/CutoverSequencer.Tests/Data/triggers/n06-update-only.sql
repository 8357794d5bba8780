-- type: BEFORE EACH ROW
-- event: UPDATE
TRIGGER account_bu BEFORE UPDATE ON account FOR EACH ROW
BEGIN
  :NEW.version_id := account_seq.NEXTVAL;
END;
