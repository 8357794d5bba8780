-- type: PACKAGE BODY
-- depends: FINANCE.ACCOUNT_SEQ, FINANCE.ORDER_SEQ
-- expect: ACCOUNT.ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (certain)
-- expect: ORDERS.ORDER_ID <- FINANCE.ORDER_SEQ (certain)
PACKAGE BODY finance_api AS
  g_calls PLS_INTEGER := 0;

  PROCEDURE open_account(p_owner IN VARCHAR2, p_id OUT NUMBER) IS
  BEGIN
    SELECT account_seq.NEXTVAL INTO p_id FROM dual;
    INSERT INTO account (account_id, owner_name) VALUES (p_id, p_owner);
    g_calls := g_calls + 1;
  END open_account;

  FUNCTION place_order(p_account IN NUMBER) RETURN NUMBER IS
    v_order NUMBER;
  BEGIN
    v_order := order_seq.NEXTVAL;
    INSERT INTO orders (order_id, account_id) VALUES (v_order, p_account);
    RETURN v_order;
  END place_order;
END finance_api;
