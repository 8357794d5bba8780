-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (certain)
PROCEDURE careful IS
  v_sql VARCHAR2(200) := 'INSERT INTO account (account_id) VALUES (account_seq.NEXTVAL)';
BEGIN
  -- INSERT INTO customer (customer_id) VALUES (customer_seq.NEXTVAL);
  /* INSERT INTO legacy_doc (doc_id) VALUES (legacy_seq.NEXTVAL); */
  INSERT INTO orders (order_id, note) VALUES (order_seq.NEXTVAL, q'[customer_seq.NEXTVAL]');
END;
