-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  INSERT INTO trigger_log (msg) VALUES ('SELECT account_seq.NEXTVAL INTO :NEW.account_id FROM DUAL');
  INSERT INTO trigger_log (msg) VALUES (':NEW.account_id := account_seq.NEXTVAL');
END;
