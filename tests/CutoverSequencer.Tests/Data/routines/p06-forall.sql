-- type: PROCEDURE
-- depends: FINANCE.LINE_SEQ
-- expect: ORDER_LINE.LINE_ID <- FINANCE.LINE_SEQ (certain)
PROCEDURE bulk_lines(p_items IN t_item_tab) IS
BEGIN
  FORALL i IN 1 .. p_items.COUNT
    INSERT INTO order_line (line_id, item_id, qty)
    VALUES (line_seq.NEXTVAL, p_items(i).item_id, p_items(i).qty);
END;
