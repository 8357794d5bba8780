-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  SELECT NVL(MAX(account_id), 0) + 1 INTO :NEW.account_id FROM account;
END;
