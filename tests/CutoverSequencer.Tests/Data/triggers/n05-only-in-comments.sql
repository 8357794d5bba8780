-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  -- SELECT account_seq.NEXTVAL INTO :NEW.account_id FROM DUAL;
  /* :NEW.account_id := account_seq.NEXTVAL; */
  :NEW.created_at := SYSDATE;
END;
