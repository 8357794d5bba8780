-- type: PROCEDURE
PROCEDURE guid_key IS
BEGIN
  INSERT INTO documents (doc_guid, created) VALUES (SYS_GUID(), SYSDATE);
END;
