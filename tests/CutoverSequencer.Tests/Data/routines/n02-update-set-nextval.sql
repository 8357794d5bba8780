-- type: PROCEDURE
-- depends: FINANCE.LEGACY_SEQ
PROCEDURE renumber(p_id NUMBER) IS
BEGIN
  UPDATE legacy_doc SET doc_no = legacy_seq.NEXTVAL WHERE doc_id = p_id;
END;
