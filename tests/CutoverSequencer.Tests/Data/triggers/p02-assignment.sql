-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (certain)
-- depends: FINANCE.ORDER_SEQ
TRIGGER "FINANCE"."ORDERS_BI" BEFORE INSERT ON "FINANCE"."ORDERS" FOR EACH ROW
begin
  :new.order_id := order_seq.nextval;
  :new.created_at := sysdate;
end;
