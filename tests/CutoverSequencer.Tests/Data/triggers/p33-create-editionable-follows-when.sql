-- type: BEFORE EACH ROW
-- expect: INVOICE_ID <- SALES.INVOICE_SEQ (certain)
-- depends: SALES.INVOICE_SEQ
create or replace editionable trigger finance.invoice_bi
before insert on finance.invoice
for each row
follows finance.invoice_check_bi
when (new.invoice_id is null)
begin
  select sales.invoice_seq.nextval into :new.invoice_id from sys.dual;
end;
