-- type: PROCEDURE
-- depends: FINANCE.CUSTOMER_SEQ
-- expect: CUSTOMER.CUSTOMER_ID <- FINANCE.CUSTOMER_SEQ (certain)
PROCEDURE upsert_customer(p_email VARCHAR2, p_name VARCHAR2) IS
BEGIN
  MERGE INTO customer c
  USING (SELECT p_email AS email, p_name AS name FROM dual) s
  ON (c.email = s.email)
  WHEN MATCHED THEN UPDATE SET c.name = s.name
  WHEN NOT MATCHED THEN INSERT (customer_id, email, name)
    VALUES (customer_seq.NEXTVAL, s.email, s.name);
END;
