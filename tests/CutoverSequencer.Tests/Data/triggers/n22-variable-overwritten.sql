-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v NUMBER;
BEGIN
  v := audit.hist_seq.NEXTVAL;
  INSERT INTO audit.account_hist (hist_id, account_id) VALUES (v, :NEW.account_id);
  v := :NEW.parent_account_id;
  :NEW.root_account_id := v;
END;
