-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
	IF :NEW.account_id IS NULL THEN :NEW
	.
	account_id:=account_seq
    .
    NEXTVAL;END IF;
END;
