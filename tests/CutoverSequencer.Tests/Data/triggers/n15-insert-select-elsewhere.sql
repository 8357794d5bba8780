-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  INSERT INTO audit.account_hist (hist_id, account_id)
  SELECT audit.hist_seq.NEXTVAL, :NEW.account_id FROM dual;
END;
