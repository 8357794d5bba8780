-- type: BEFORE STATEMENT
TRIGGER orders_bs BEFORE INSERT ON orders
BEGIN
  order_pkg.g_next := order_seq.NEXTVAL;
END;
