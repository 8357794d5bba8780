-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
-- depends: FINANCE.ACCOUNT_SEQ
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v_id account.account_id%TYPE;
BEGIN
  SELECT account_seq.NEXTVAL INTO v_id FROM dual;
  :NEW.account_id := v_id;
END;
