-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE commented IS
BEGIN
  -- INSERT INTO orders (order_id) VALUES (order_seq.NEXTVAL);
  NULL;
END;
