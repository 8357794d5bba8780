-- type: PROCEDURE
-- depends: FINANCE.LINE_SEQ
PROCEDURE not_that_one IS
BEGIN
  INSERT INTO orders (order_id) VALUES (order_seq.NEXTVAL);
END;
