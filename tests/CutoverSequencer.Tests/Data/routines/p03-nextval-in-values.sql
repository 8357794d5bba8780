-- type: PROCEDURE
-- depends: FINANCE.LINE_SEQ
-- expect: ORDER_LINE.LINE_ID <- FINANCE.LINE_SEQ (certain)
PROCEDURE add_line(p_order NUMBER, p_item NUMBER, p_qty NUMBER) IS
BEGIN
  INSERT INTO order_line (line_id, order_id, item_id, qty)
  VALUES (line_seq.NEXTVAL, p_order, p_item, p_qty);
END;
