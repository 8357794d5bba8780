-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (certain)
-- depends: FINANCE.ACCOUNT_SEQ, AUDIT.HIST_SEQ
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  e_busy EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_busy, -54);
BEGIN
  BEGIN
    SELECT account_seq.NEXTVAL INTO :NEW.account_id FROM dual;
  EXCEPTION
    WHEN e_busy THEN
      RAISE;
  END;
  :NEW.opened_at := SYSDATE;
END account_bi;
