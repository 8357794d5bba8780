-- type: PROCEDURE
-- depends: AUDIT.HIST_SEQ
-- expect: AUDIT.ACCOUNT_HIST.HIST_ID <- AUDIT.HIST_SEQ (certain)
PROCEDURE archive_accounts(p_before DATE) IS
BEGIN
  INSERT INTO audit.account_hist (hist_id, account_id, closed_on)
  SELECT audit.hist_seq.NEXTVAL, a.account_id, a.closed_on
  FROM account a
  WHERE a.closed_on < p_before;
END archive_accounts;
