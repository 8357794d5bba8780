-- type: COMPOUND
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
TRIGGER orders_ct FOR INSERT OR UPDATE ON orders
COMPOUND TRIGGER
  g_count PLS_INTEGER := 0;
  BEFORE STATEMENT IS
  BEGIN
    g_count := 0;
  END BEFORE STATEMENT;
  BEFORE EACH ROW IS
  BEGIN
    IF INSERTING AND :NEW.order_id IS NULL THEN
      :NEW.order_id := order_seq.NEXTVAL;
    END IF;
  END BEFORE EACH ROW;
  AFTER EACH ROW IS
  BEGIN
    g_count := g_count + 1;
  END AFTER EACH ROW;
END orders_ct;
