-- type: BEFORE EACH ROW
-- expect: MixedId <- FINANCE.Mixed_Seq (certain)
-- depends: FINANCE.Mixed_Seq
TRIGGER "Mixed_BI" BEFORE INSERT ON "Mixed" FOR EACH ROW
BEGIN
  SELECT "FINANCE"."Mixed_Seq".NEXTVAL INTO :NEW."MixedId" FROM DUAL;
END;
