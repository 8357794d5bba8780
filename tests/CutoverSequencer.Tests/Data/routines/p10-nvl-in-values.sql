-- type: PROCEDURE
-- depends: FINANCE.ACCOUNT_SEQ
-- expect: ACCOUNT.ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
PROCEDURE put_account(p_id NUMBER, p_name VARCHAR2) IS
BEGIN
  INSERT INTO account (account_id, owner_name)
  VALUES (NVL(p_id, account_seq.NEXTVAL), p_name);
END;
