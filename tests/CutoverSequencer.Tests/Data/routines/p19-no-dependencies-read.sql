-- type: PROCEDURE
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (likely)
PROCEDURE add_order_nodeps IS
BEGIN
  INSERT INTO orders (order_id) VALUES (order_seq.NEXTVAL);
END;
