-- type: BEFORE EACH ROW
-- expect: CUSTOMER_ID <- FINANCE.CUSTOMER_SEQ (likely)
TRIGGER customer_bi BEFORE INSERT ON customer FOR EACH ROW
DECLARE
  customer_id NUMBER;
BEGIN
  SELECT customer_seq.NEXTVAL INTO customer_id FROM dual;
  :NEW.customer_id := customer_id;
END;
