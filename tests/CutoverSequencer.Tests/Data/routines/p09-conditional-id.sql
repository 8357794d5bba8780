-- type: PROCEDURE
-- depends: FINANCE.ACCOUNT_SEQ
-- expect: ACCOUNT.ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
PROCEDURE save_account(p_id IN NUMBER, p_name IN VARCHAR2) IS
  v_id NUMBER := p_id;
BEGIN
  IF v_id IS NULL THEN
    SELECT account_seq.NEXTVAL INTO v_id FROM DUAL;
  END IF;
  INSERT INTO account (account_id, owner_name) VALUES (v_id, p_name);
END;
