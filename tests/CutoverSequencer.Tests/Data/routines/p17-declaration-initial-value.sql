-- type: FUNCTION
-- depends: FINANCE.CUSTOMER_SEQ
-- expect: CUSTOMER.CUSTOMER_ID <- FINANCE.CUSTOMER_SEQ (certain)
FUNCTION create_customer(p_name VARCHAR2) RETURN NUMBER IS
  v_id NUMBER := customer_seq.NEXTVAL;
BEGIN
  INSERT INTO customer (name, customer_id) VALUES (p_name, v_id);
  RETURN v_id;
END create_customer;
