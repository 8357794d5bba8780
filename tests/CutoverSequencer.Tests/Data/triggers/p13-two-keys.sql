-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
-- expect: ACCOUNT_ID <- FINANCE.ACCOUNT_SEQ (likely)
TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
DECLARE
  v_note VARCHAR2(100) := 'uses :NEW.x := y_seq.NEXTVAL in docs';
BEGIN
  :NEW.order_id := order_seq.NEXTVAL;
  :NEW.account_id := NVL(:NEW.account_id, account_seq.NEXTVAL);
END;
