-- type: PACKAGE
-- depends: FINANCE.ORDER_SEQ
PACKAGE order_api AS
  c_seq CONSTANT VARCHAR2(30) := 'ORDER_SEQ';
  PROCEDURE add_order(p_customer NUMBER);
END order_api;
