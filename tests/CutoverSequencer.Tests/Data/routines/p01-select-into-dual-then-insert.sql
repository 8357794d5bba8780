-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (certain)
PROCEDURE add_order(p_customer IN NUMBER, p_total IN NUMBER) IS
  v_id NUMBER;
BEGIN
  SELECT order_seq.NEXTVAL INTO v_id FROM DUAL;
  INSERT INTO orders (order_id, customer_id, total)
  VALUES (v_id, p_customer, p_total);
END add_order;
