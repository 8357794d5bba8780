-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi
BEFORE INSERT ON account
FOR EACH ROW
WHEN (NEW.account_id IS NULL)
BEGIN
  :NEW.account_id := account_seq.NEXTVAL;
END;
