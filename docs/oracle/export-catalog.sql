-- CutoverSequencer: Oracle catalog export for source.kind: oracle-export.
-- Generated from the queries the live reader uses (src/CutoverSequencer.Oracle/Sql); do not edit by hand.
--
-- Writes sequences.csv, identity_columns.csv, triggers.csv, trigger_source.csv,
-- trigger_dependencies.csv, columns.csv, source_code.csv, dependencies.csv, guid_samples.csv and export_info.csv
-- into the current directory (SET MARKUP CSV ON: RFC 4180
-- quoting, a header row, an empty field for NULL). Read-only: it only queries the dictionary and
-- samples at most 20 values of each GUID-looking key column.
--
--   sqlplus -S migrator@ORCL @export-catalog.sql FINANCE,SALES
--
-- The argument is a comma-separated list of owners, as Oracle stores them (upper case unless
-- created quoted). DBA_ views need SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY; without them the
-- script falls back to ALL_ views, which show only what this user may see. Numbers go through
-- TO_CHAR(x, 'TM9'): LAST_NUMBER must be exact. Run it at the full-load snapshot or later.

SET MARKUP CSV ON QUOTE ON
SET FEEDBACK OFF
SET HEADING ON
SET PAGESIZE 50000
SET LINESIZE 32767
SET LONG 100000
SET TRIMSPOOL ON
SET TERMOUT OFF
SET VERIFY OFF
SET ECHO OFF
SET SQLBLANKLINES ON
ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,';

VARIABLE owners VARCHAR2(4000)
VARIABLE view_name VARCHAR2(128)
VARIABLE column_name VARCHAR2(128)
EXEC :owners := '&1'

-- Which dictionary: DBA_ when permitted, else ALL_.
COLUMN dict NEW_VALUE dict NOPRINT
EXEC :view_name := 'DBA_SEQUENCES'
SELECT CASE WHEN found > 0 THEN 'DBA' ELSE 'ALL' END AS dict
FROM (
SELECT COUNT(*) AS found
FROM all_views
WHERE owner = 'SYS' AND view_name = :view_name
);

-- SCALE_FLAG exists only on some releases.
COLUMN scale_flag NEW_VALUE scale_flag NOPRINT
EXEC :view_name := '&dict._SEQUENCES'; :column_name := 'SCALE_FLAG'
SELECT CASE WHEN found > 0 THEN 's.scale_flag' ELSE 'CAST(NULL AS VARCHAR2(1))' END AS scale_flag
FROM (
SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
);

-- SESSION_FLAG exists only on some releases.
COLUMN session_flag NEW_VALUE session_flag NOPRINT
EXEC :view_name := '&dict._SEQUENCES'; :column_name := 'SESSION_FLAG'
SELECT CASE WHEN found > 0 THEN 's.session_flag' ELSE 'CAST(NULL AS VARCHAR2(1))' END AS session_flag
FROM (
SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
);

-- SEQUENCE_NAME exists only on some releases.
COLUMN identity_sequence NEW_VALUE identity_sequence NOPRINT
EXEC :view_name := '&dict._TAB_IDENTITY_COLS'; :column_name := 'SEQUENCE_NAME'
SELECT CASE WHEN found > 0 THEN 'i.sequence_name' ELSE 'CAST(NULL AS VARCHAR2(128))' END AS identity_sequence
FROM (
SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
);

-- DATA_DEFAULT_VC exists only on some releases.
COLUMN default_expr NEW_VALUE default_expr NOPRINT
EXEC :view_name := '&dict._TAB_COLUMNS'; :column_name := 'DATA_DEFAULT_VC'
SELECT CASE WHEN found > 0 THEN 'c.data_default_vc' ELSE 'c.data_default' END AS default_expr
FROM (
SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
);
COLUMN default_filter NEW_VALUE default_filter NOPRINT
SELECT CASE WHEN found > 0 THEN 'UPPER(c.data_default_vc) LIKE ''%NEXTVAL%''' ELSE 'c.default_length > 0' END AS default_filter
FROM (
SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
);

SPOOL sequences.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT s.sequence_owner,
       s.sequence_name,
       TO_CHAR(s.min_value, 'TM9')    AS min_value,
       TO_CHAR(s.max_value, 'TM9')    AS max_value,
       TO_CHAR(s.increment_by, 'TM9') AS increment_by,
       s.cycle_flag,
       s.order_flag,
       TO_CHAR(s.cache_size, 'TM9')   AS cache_size,
       TO_CHAR(s.last_number, 'TM9')  AS last_number,
       &scale_flag                 AS scale_flag,
       &session_flag               AS session_flag
FROM &dict._sequences s
WHERE s.sequence_owner IN (SELECT owner FROM owners)
ORDER BY s.sequence_owner, s.sequence_name;
SPOOL OFF

SPOOL identity_columns.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT i.owner,
       i.table_name,
       i.column_name,
       i.generation_type,
       &identity_sequence AS sequence_name
FROM &dict._tab_identity_cols i
WHERE i.owner IN (SELECT owner FROM owners)
ORDER BY i.owner, i.table_name, i.column_name;
SPOOL OFF

SPOOL triggers.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT t.owner,
       t.trigger_name,
       t.table_owner,
       t.table_name,
       t.trigger_type,
       t.triggering_event,
       t.status,
       t.referencing_names
FROM &dict._triggers t
WHERE t.owner IN (SELECT owner FROM owners)
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY t.owner, t.trigger_name;
SPOOL OFF

SPOOL trigger_source.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT s.owner,
       s.name,
       s.line,
       s.text
FROM &dict._source s
JOIN &dict._triggers t ON t.owner = s.owner AND t.trigger_name = s.name
WHERE s.type = 'TRIGGER'
  AND s.owner IN (SELECT owner FROM owners)
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY s.owner, s.name, s.line;
SPOOL OFF

SPOOL trigger_dependencies.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT d.owner,
       d.name,
       d.referenced_owner,
       d.referenced_name
FROM &dict._dependencies d
WHERE d.type = 'TRIGGER'
  AND d.referenced_type = 'SEQUENCE'
  AND d.owner IN (SELECT owner FROM owners)
ORDER BY d.owner, d.name, d.referenced_owner, d.referenced_name;
SPOOL OFF

SPOOL columns.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT c.owner,
       c.table_name,
       c.column_name,
       c.data_type,
       c.data_length,
       c.char_length,
       &default_expr AS data_default
FROM &dict._tab_columns c
JOIN &dict._tables tb ON tb.owner = c.owner AND tb.table_name = c.table_name
WHERE c.owner IN (SELECT owner FROM owners)
  AND ((REGEXP_LIKE(c.column_name, '(^|_)(ID|GUID|UUID)$', 'i')
        AND c.data_type IN ('RAW', 'VARCHAR2', 'CHAR', 'NVARCHAR2', 'NCHAR'))
    OR (c.default_length > 0 AND c.identity_column = 'NO'
        AND c.data_type IN ('NUMBER', 'FLOAT', 'INTEGER')
        AND &default_filter))
ORDER BY c.owner, c.table_name, c.column_id;
SPOOL OFF

SPOOL source_code.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
),
code AS (
  SELECT DISTINCT d.owner, d.name, d.type
  FROM &dict._dependencies d
  WHERE d.referenced_type = 'SEQUENCE'
    AND d.type IN ('PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TYPE BODY')
    AND (d.owner IN (SELECT owner FROM owners) OR d.referenced_owner IN (SELECT owner FROM owners))
)
SELECT s.owner,
       s.name,
       s.type,
       s.line,
       s.text
FROM &dict._source s
JOIN code c ON c.owner = s.owner AND c.name = s.name AND c.type = s.type
ORDER BY s.owner, s.name, s.type, s.line;
SPOOL OFF

SPOOL dependencies.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT d.owner,
       d.name,
       d.type,
       d.referenced_owner,
       d.referenced_name,
       d.referenced_type
FROM &dict._dependencies d
WHERE d.referenced_type = 'SEQUENCE'
  AND d.type IN ('PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TYPE BODY')
  AND (d.owner IN (SELECT owner FROM owners) OR d.referenced_owner IN (SELECT owner FROM owners))
ORDER BY d.owner, d.name, d.type, d.referenced_owner, d.referenced_name;
SPOOL OFF

SPOOL guid_samples.csv
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
), candidates AS (
  SELECT c.owner, c.table_name, c.column_name, c.data_type
  FROM &dict._tab_columns c
  JOIN &dict._tables tb ON tb.owner = c.owner AND tb.table_name = c.table_name
  WHERE c.owner IN (SELECT owner FROM owners)
    AND REGEXP_LIKE(c.column_name, '(^|_)(ID|GUID|UUID)$', 'i')
    AND ((c.data_type = 'RAW' AND c.data_length IN (16, 32))
      OR (c.data_type IN ('VARCHAR2', 'CHAR', 'NVARCHAR2', 'NCHAR') AND c.char_length IN (32, 36, 38)))
)
SELECT k.owner,
       k.table_name,
       k.column_name,
       x.value
FROM candidates k,
     XMLTABLE('/ROWSET/ROW'
       PASSING DBMS_XMLGEN.GETXMLTYPE(
         'SELECT ' || CASE WHEN k.data_type = 'RAW' THEN 'RAWTOHEX("' || k.column_name || '")' ELSE '"' || k.column_name || '"' END
         || ' AS V FROM "' || k.owner || '"."' || k.table_name || '" WHERE "' || k.column_name || '" IS NOT NULL AND ROWNUM <= 20')
       COLUMNS value VARCHAR2(200) PATH 'V') x
ORDER BY k.owner, k.table_name, k.column_name;
SPOOL OFF

SPOOL export_info.csv
SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       TO_CHAR(d.current_scn, 'TM9')                           AS current_scn,
       (SELECT p.version FROM product_component_version p WHERE p.product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM v$database d;
SPOOL OFF

SET TERMOUT ON
PROMPT Wrote the export files into the current directory.
EXIT
