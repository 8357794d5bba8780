-- type: TYPE BODY
-- depends: FINANCE.ACCOUNT_SEQ
-- expect: ACCOUNT.ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (certain)
TYPE BODY account_t AS
  MEMBER PROCEDURE save IS
    v_id NUMBER;
  BEGIN
    v_id := account_seq.NEXTVAL;
    INSERT INTO account (account_id, owner_name) VALUES (v_id, SELF.owner_name);
  END save;
END;
