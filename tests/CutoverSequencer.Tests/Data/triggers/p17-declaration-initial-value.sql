-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  c_step CONSTANT PLS_INTEGER := 1;
  v_key  NUMBER(12) DEFAULT account_seq.NEXTVAL;
BEGIN
  :NEW.account_id := v_key;
END;
