-- type: BEFORE EACH ROW
-- expect: Account Id <- FINANCE.ACCOUNT_SEQ (certain)
-- depends: FINANCE.ACCOUNT_SEQ
TRIGGER "Account_BI" BEFORE INSERT ON "Account" FOR EACH ROW
BEGIN
  :NEW."Account Id" := "FINANCE"."ACCOUNT_SEQ".nextval;
END;
