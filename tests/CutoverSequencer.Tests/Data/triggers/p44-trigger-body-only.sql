-- type: BEFORE EACH ROW
-- expect: LINE_ID <- FINANCE.LINE_SEQ (likely)
DECLARE
  v_line NUMBER;
BEGIN
  IF :NEW.line_id IS NULL THEN
    v_line := line_seq.NEXTVAL;
    :NEW.line_id := v_line;
  END IF;
END;
