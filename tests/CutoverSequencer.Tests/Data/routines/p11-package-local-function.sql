-- type: PACKAGE BODY
-- depends: FINANCE.LEGACY_SEQ
-- expect: LEGACY_DOC.DOC_ID <- FINANCE.LEGACY_SEQ (likely)
PACKAGE BODY doc_api IS
  FUNCTION next_doc_id RETURN NUMBER IS
  BEGIN
    RETURN legacy_seq.NEXTVAL;
  END next_doc_id;

  PROCEDURE add_doc(p_title VARCHAR2) IS
  BEGIN
    INSERT INTO legacy_doc (doc_id, title) VALUES (next_doc_id, p_title);
  END add_doc;
END doc_api;
