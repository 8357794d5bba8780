-- type: BEFORE EACH ROW
TRIGGER token_bi BEFORE INSERT ON session_token FOR EACH ROW
BEGIN
  SELECT SYS_GUID(), SYSTIMESTAMP INTO :NEW.token_id, :NEW.issued_at FROM dual;
  :NEW.hash := STANDARD_HASH(:NEW.token_id, 'SHA256');
END;
