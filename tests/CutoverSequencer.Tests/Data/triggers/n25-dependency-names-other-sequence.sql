-- type: BEFORE EACH ROW
-- depends: FINANCE.ORDER_SEQ
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
BEGIN
  :NEW.account_id := account_seq.NEXTVAL;
END;
