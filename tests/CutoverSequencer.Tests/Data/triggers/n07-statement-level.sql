-- type: BEFORE STATEMENT
TRIGGER account_bs BEFORE INSERT ON account
BEGIN
  SELECT account_seq.NEXTVAL INTO g_pkg.last_id FROM DUAL;
END;
