-- type: AFTER EACH ROW
TRIGGER account_ai AFTER INSERT ON account FOR EACH ROW
BEGIN
  INSERT INTO audit.account_hist (hist_id, account_id, action)
  VALUES (audit.hist_seq.NEXTVAL, :NEW.account_id, 'I');
END;
