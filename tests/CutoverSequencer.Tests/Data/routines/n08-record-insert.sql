-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE rec_insert IS
  r orders%ROWTYPE;
BEGIN
  r.order_id := order_seq.NEXTVAL;
  INSERT INTO orders VALUES r;
END;
