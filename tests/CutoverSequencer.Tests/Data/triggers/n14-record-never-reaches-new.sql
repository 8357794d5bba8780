-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v_rec audit.account_hist%ROWTYPE;
BEGIN
  v_rec.hist_id := audit.hist_seq.NEXTVAL;
  v_rec.account_id := :NEW.account_id;
  INSERT INTO audit.account_hist VALUES v_rec;
END;
