-- type: PROCEDURE
-- depends: FINANCE.ACCOUNT_SEQ
PROCEDURE dyn(p_table VARCHAR2) IS
BEGIN
  EXECUTE IMMEDIATE 'INSERT INTO ' || p_table || ' (id) VALUES (account_seq.NEXTVAL)';
END;
