-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE scaled IS
BEGIN
  INSERT INTO orders (order_id) VALUES (order_seq.NEXTVAL * 10 + 1);
END;
