-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (certain)
PROCEDURE order_with_line(p_item NUMBER) IS
  v_order_id NUMBER;
BEGIN
  INSERT INTO orders (order_id, status) VALUES (order_seq.NEXTVAL, 'NEW')
  RETURNING order_id INTO v_order_id;
  INSERT INTO order_line (order_id, item_id) VALUES (v_order_id, p_item);
END;
