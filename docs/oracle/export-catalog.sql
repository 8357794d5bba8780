-- CutoverSequencer: Oracle export of sequence states, for source.kind: oracle-export.
--
-- Writes sequences.csv and export_info.csv into the current directory, in the format the
-- stage reads (SET MARKUP CSV ON: RFC 4180 quoting, header row, empty field for NULL).
--
--   sqlplus -S migrator@ORCL @export-catalog.sql FINANCE,SALES
--
-- The argument is a comma-separated list of owners. Needs SELECT on DBA_SEQUENCES
-- (SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY); without it, replace DBA_SEQUENCES by
-- ALL_SEQUENCES, which shows only the sequences this user may see.
--
-- Numbers go through TO_CHAR(x, 'TM9'): SQL*Plus would print 28-digit values in scientific
-- notation, and LAST_NUMBER must be exact (it is SEQ$.HIGHWATER, the bound on every issued value).
-- Run it at the full-load snapshot (or later): never before.

SET MARKUP CSV ON QUOTE ON
SET FEEDBACK OFF
SET HEADING ON
SET PAGESIZE 50000
SET LINESIZE 32767
SET TRIMSPOOL ON
SET TERMOUT OFF
SET VERIFY OFF
SET ECHO OFF
ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,';

DEFINE owners = "&1"

SPOOL sequences.csv
SELECT s.sequence_owner,
       s.sequence_name,
       TO_CHAR(s.min_value, 'TM9')    AS min_value,
       TO_CHAR(s.max_value, 'TM9')    AS max_value,
       TO_CHAR(s.increment_by, 'TM9') AS increment_by,
       s.cycle_flag,
       s.order_flag,
       TO_CHAR(s.cache_size, 'TM9')   AS cache_size,
       TO_CHAR(s.last_number, 'TM9')  AS last_number
FROM dba_sequences s
WHERE s.sequence_owner IN (
        SELECT UPPER(TRIM(REGEXP_SUBSTR('&owners', '[^,]+', 1, LEVEL)))
        FROM dual
        CONNECT BY LEVEL <= REGEXP_COUNT('&owners', ',') + 1)
ORDER BY s.sequence_owner, s.sequence_name;
SPOOL OFF

SPOOL export_info.csv
SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       TO_CHAR(d.current_scn, 'TM9')                           AS current_scn,
       (SELECT version FROM product_component_version WHERE product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM v$database d;
SPOOL OFF

SET TERMOUT ON
PROMPT Wrote sequences.csv and export_info.csv
EXIT
