-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  -- old: SELECT legacy_seq.NEXTVAL INTO :NEW.account_id FROM DUAL;
  /* before 2019:
     :NEW.account_id := order_seq.NEXTVAL; */
  :NEW.account_id := account_seq.NEXTVAL; -- since 2019
END;
