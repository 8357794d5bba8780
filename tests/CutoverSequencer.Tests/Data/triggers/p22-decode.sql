-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
-- depends: FINANCE.ACCOUNT_SEQ
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  SELECT DECODE(:NEW.account_id, NULL, account_seq.NEXTVAL, 0, account_seq.NEXTVAL, :NEW.account_id)
    INTO :NEW.account_id
    FROM dual;
END;
