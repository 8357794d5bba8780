-- type: BEFORE EACH ROW
-- expect: ORDER_ID <- FINANCE.ORDER_SEQ (likely)
trigger orders_bi before insert on orders for each row
declare
  v number;
begin
  v := order_seq.nextval;
  :new.order_id := v;
end;
