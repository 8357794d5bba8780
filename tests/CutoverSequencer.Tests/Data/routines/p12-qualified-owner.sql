-- type: PROCEDURE
-- depends: SALES.INVOICE_SEQ
-- expect: SALES.INVOICES.INVOICE_ID <- SALES.INVOICE_SEQ (certain)
PROCEDURE bill(p_order NUMBER) IS
  l_invoice NUMBER;
BEGIN
  SELECT sales.invoice_seq.NEXTVAL INTO l_invoice FROM sys.dual;
  INSERT INTO sales.invoices (invoice_id, order_id) VALUES (l_invoice, p_order);
END bill;
