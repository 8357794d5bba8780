-- type: PROCEDURE
-- depends: FINANCE.LINE_SEQ
-- expect: ORDER_LINE.LINE_ID <- FINANCE.LINE_SEQ (likely)
PROCEDURE copy_lines(p_from NUMBER, p_to NUMBER) IS
BEGIN
  FOR r IN (SELECT item_id, qty FROM order_line WHERE order_id = p_from) LOOP
    INSERT INTO order_line (line_id, order_id, item_id, qty)
    VALUES (line_seq.NEXTVAL, p_to, r.item_id, r.qty);
  END LOOP;
END;
