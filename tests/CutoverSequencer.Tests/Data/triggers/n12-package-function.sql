-- type: BEFORE EACH ROW
-- function: ORDER_ID <- ID_PKG.NEXT_ID
-- function: CUSTOMER_ID <- GET_NEXT_CUSTOMER_ID
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  :NEW.order_id := id_pkg.next_id('ORDERS');
  :NEW.customer_id := NVL(:NEW.customer_id, get_next_customer_id);
  :NEW.created_by := NVL(SYS_CONTEXT('USERENV', 'SESSION_USER'), USER);
  :NEW.region := region_pkg.current_region;
END;
