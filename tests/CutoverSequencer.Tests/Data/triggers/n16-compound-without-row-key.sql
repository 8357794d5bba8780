-- type: COMPOUND
TRIGGER orders_ct FOR INSERT ON orders
COMPOUND TRIGGER
  g_batch NUMBER := order_seq.NEXTVAL;
  BEFORE STATEMENT IS
  BEGIN
    g_batch := legacy_seq.NEXTVAL;
  END BEFORE STATEMENT;
  BEFORE EACH ROW IS
  BEGIN
    :NEW.batch_id := g_batch;
  END BEFORE EACH ROW;
  AFTER EACH ROW IS
  BEGIN
    INSERT INTO audit.order_hist (hist_id, order_id) VALUES (audit.hist_seq.NEXTVAL, :NEW.order_id);
  END AFTER EACH ROW;
END orders_ct;
