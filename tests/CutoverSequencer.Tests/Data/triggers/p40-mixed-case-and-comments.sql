-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
Trigger Orders_Bi Before Insert On Orders For Each Row
/* keys: :NEW.account_id := account_seq.NEXTVAL was moved to the application */
Begin -- :New.Account_Id := Account_Seq.NextVal;
  :New.Order_Id /* the key */ := Order_Seq.NextVal; -- SELECT legacy_seq.NEXTVAL INTO :NEW.order_id FROM dual
  /* nested -- dashes :NEW.customer_id := customer_seq.NEXTVAL; */
End;
