-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE push_remote IS
BEGIN
  INSERT INTO orders@reporting_link (order_id) VALUES (order_seq.NEXTVAL);
END;
