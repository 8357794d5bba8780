-- type: BEFORE EACH ROW
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER account_bi BEFORE INSERT ON account FOR EACH ROW
DECLARE
  v_a VARCHAR2(200) := q'[:NEW.account_id := legacy_seq.NEXTVAL; it's ok]';
  v_b VARCHAR2(200) := q'{SELECT order_seq.NEXTVAL INTO :NEW.account_id FROM dual}';
  v_c VARCHAR2(200) := Q'<:NEW.account_id := order_seq.NEXTVAL>';
  v_d VARCHAR2(200) := q'(don't :NEW.account_id := legacy_seq.NEXTVAL)';
  v_e VARCHAR2(200) := nq'!:NEW.account_id := order_seq.NEXTVAL!';
  v_f VARCHAR2(200) := 'it''s :NEW.account_id := legacy_seq.NEXTVAL';
BEGIN
  :NEW.account_id := account_seq.NEXTVAL;
END;
