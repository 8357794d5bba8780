-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ, FINANCE.LINE_SEQ
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (certain)
-- expect: ORDER_LINE.LINE_ID <- FINANCE.LINE_SEQ (certain)
PROCEDURE order_and_line(p_item NUMBER) IS
  v_order NUMBER;
  v_line NUMBER;
BEGIN
  SELECT order_seq.NEXTVAL, SYSDATE INTO v_order, g_now FROM DUAL;
  INSERT INTO orders (order_id, created) VALUES (v_order, g_now);
  v_line := line_seq.NEXTVAL;
  INSERT INTO order_line (line_id, order_id, item_id) VALUES (v_line, v_order, p_item);
END;
