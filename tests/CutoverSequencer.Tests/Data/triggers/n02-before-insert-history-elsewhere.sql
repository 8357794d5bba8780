-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v_hist NUMBER;
BEGIN
  v_hist := audit.hist_seq.NEXTVAL;
  INSERT INTO audit.account_hist (hist_id, account_id) VALUES (v_hist, :NEW.account_id);
END;
