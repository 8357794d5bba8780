-- type: BEFORE EACH ROW
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  log_pkg.write(':NEW.account_id := account_seq.NEXTVAL');
END;
