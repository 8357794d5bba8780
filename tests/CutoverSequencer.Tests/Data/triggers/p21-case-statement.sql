-- type: BEFORE EACH ROW
-- event: INSERT OR UPDATE
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_biu BEFORE INSERT OR UPDATE ON account FOR EACH ROW
BEGIN
  CASE
    WHEN INSERTING THEN
      :NEW.account_id := account_seq.NEXTVAL;
    WHEN UPDATING THEN
      :NEW.account_id := :OLD.account_id;
  END CASE;
END;
