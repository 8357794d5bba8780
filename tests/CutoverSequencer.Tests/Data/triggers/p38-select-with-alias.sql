-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  SELECT NVL(:NEW.account_id, account_seq.NEXTVAL) AS new_id, SYSDATE opened
    INTO :NEW.account_id, :NEW.opened_at
    FROM DUAL;
END;
