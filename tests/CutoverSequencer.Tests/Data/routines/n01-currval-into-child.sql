-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE add_child_line(p_item NUMBER) IS
BEGIN
  INSERT INTO order_line (order_id, item_id) VALUES (order_seq.CURRVAL, p_item);
END;
