-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
-- expect: ORDERS#1 <- FINANCE.ORDER_SEQ (likely)
PROCEDURE quick_order(p_customer NUMBER) IS
BEGIN
  INSERT INTO orders VALUES (order_seq.NEXTVAL, p_customer, SYSDATE);
END;
