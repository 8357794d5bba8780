-- type: PROCEDURE
-- depends: FINANCE.ORDER_SEQ
PROCEDURE reserve(p_id OUT NUMBER) IS
BEGIN
  SELECT order_seq.NEXTVAL INTO p_id FROM DUAL;
  INSERT INTO reservation_log (logged_at) VALUES (SYSDATE);
END;
