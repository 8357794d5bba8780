-- type: BEFORE EACH ROW
-- expect: HIST_ID <- AUDIT.HIST_SEQ (certain)
-- depends: AUDIT.HIST_SEQ
TRIGGER account_hist_bi BEFORE INSERT ON account_hist FOR EACH ROW
BEGIN
  SELECT "AUDIT" . hist_seq . NEXTVAL INTO :NEW.hist_id FROM dual;
END;
