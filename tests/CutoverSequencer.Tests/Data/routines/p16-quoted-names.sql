-- type: PROCEDURE
-- depends: FINANCE.Mixed_Seq
-- expect: Orders.Order_Id <- FINANCE.Mixed_Seq (certain)
PROCEDURE "AddMixed" IS
  "vId" NUMBER;
BEGIN
  SELECT "Mixed_Seq".NEXTVAL INTO "vId" FROM DUAL;
  INSERT INTO "Orders" ("Order_Id") VALUES ("vId");
END;
