-- type: BEFORE EACH ROW
-- expect: INVOICE_ID <- SALES.INVOICE_SEQ (certain)
-- depends: SALES.INVOICE_SEQ
TRIGGER finance.invoice_bi BEFORE INSERT ON finance.invoice FOR EACH ROW
BEGIN
  :NEW.invoice_id := sales.invoice_seq.NEXTVAL;
END;
