-- type: PROCEDURE
-- depends: FINANCE.CUSTOMER_SEQ
-- expect: CUSTOMER.CUSTOMER_ID <- FINANCE.CUSTOMER_SEQ (certain)
PROCEDURE new_customer(p_name VARCHAR2) AS
  l_customer_id customer.customer_id%TYPE;
BEGIN
  l_customer_id := customer_seq.nextval;
  insert into customer (customer_id, name, created) values (l_customer_id, p_name, SYSDATE);
  COMMIT;
END;
