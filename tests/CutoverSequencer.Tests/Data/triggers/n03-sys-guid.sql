-- type: BEFORE EACH ROW
TRIGGER token_bi BEFORE INSERT ON session_token FOR EACH ROW
BEGIN
  :NEW.token_id := NVL(:NEW.token_id, SYS_GUID());
END;
