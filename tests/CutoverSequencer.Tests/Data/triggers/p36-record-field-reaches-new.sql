-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v_rec account%ROWTYPE;
BEGIN
  v_rec.account_id := account_seq.NEXTVAL;
  v_rec.opened_at := SYSDATE;
  :NEW.account_id := v_rec.account_id;
END;
