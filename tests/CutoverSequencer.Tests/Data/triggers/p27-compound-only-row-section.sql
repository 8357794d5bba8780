-- type: COMPOUND
-- event: INSERT
-- expect: LINE_ID <- FINANCE.LINE_SEQ (certain)
-- depends: FINANCE.LINE_SEQ, FINANCE.ORDER_SEQ, AUDIT.HIST_SEQ
TRIGGER order_line_ct FOR INSERT ON order_line
COMPOUND TRIGGER
  g_batch NUMBER;
  TYPE t_ids IS TABLE OF NUMBER INDEX BY PLS_INTEGER;
  g_ids t_ids;

  BEFORE STATEMENT IS
  BEGIN
    g_batch := order_seq.NEXTVAL;
  END BEFORE STATEMENT;

  BEFORE EACH ROW IS
  BEGIN
    :NEW.line_id := line_seq.NEXTVAL;
    :NEW.batch_id := g_batch;
  END BEFORE EACH ROW;

  AFTER EACH ROW IS
  BEGIN
    g_ids(g_ids.COUNT + 1) := :NEW.line_id;
  END AFTER EACH ROW;

  AFTER STATEMENT IS
  BEGIN
    FORALL i IN 1 .. g_ids.COUNT
      INSERT INTO audit.line_hist (hist_id, line_id) VALUES (audit.hist_seq.NEXTVAL, g_ids(i));
  END AFTER STATEMENT;
END order_line_ct;
