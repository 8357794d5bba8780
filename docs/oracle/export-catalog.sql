-- CutoverSequencer: Oracle catalog export for source.kind: oracle-export.
-- Generated from the queries the live reader uses (src/CutoverSequencer.Oracle/Sql); do not edit by hand.
--
-- Writes sequences.csv, identity_columns.csv, triggers.csv, trigger_source.csv,
-- trigger_dependencies.csv, columns.csv, source_code.csv, dependencies.csv, guid_samples.csv
-- and export_info.csv
-- into the current directory (SET MARKUP CSV ON: RFC 4180 quoting, a header
-- row even when a query returns no rows, an empty field for NULL). Read-only: it only queries the
-- dictionary and samples at most 20 values of each GUID-looking key column.
--
--   export NLS_LANG=.AL32UTF8          (Windows: set NLS_LANG=.AL32UTF8)
--   sqlplus -S migrator@ORCL @export-catalog.sql FINANCE,SALES
--
-- Set NLS_LANG=.AL32UTF8 first: SQL*Plus writes the files in the client's character set (US7ASCII
-- turns names into '?', Windows defaults are not UTF-8) and the reader accepts only UTF-8.
-- Needs a SQL*Plus 12.2 or later client (SET MARKUP CSV): it stops with a message on older ones.
-- The argument is a comma-separated list of owners, folded as Oracle folds names (and as
-- source.schemas is): unquoted upper case, "Quoted" exact. DBA_ views need SELECT_CATALOG_ROLE or
-- SELECT ANY DICTIONARY; without them the script reads the ALL_ views, which show only what this
-- user may see (docs/oracle/README.md lists each view and the privilege it needs). Every query is
-- opened in PL/SQL before its rows are printed; on an error the script stops and the file it was
-- writing holds the error text, which cutover-sequencer reports. Numbers go through
-- TO_CHAR(x, 'TM9'): LAST_NUMBER must be exact. Run it at the full-load snapshot or later.

SET TERMOUT ON
SET FEEDBACK OFF
SET VERIFY OFF
SET ECHO OFF
SET SERVEROUTPUT OFF
WHENEVER SQLERROR EXIT FAILURE
WHENEVER OSERROR EXIT FAILURE

-- SET MARKUP CSV needs SQL*Plus 12.2 or later: stop on an older client.
BEGIN
  IF TO_NUMBER(SUBSTR(LPAD('&_SQLPLUS_RELEASE', 10, '0'), 1, 4)) < 1202 THEN
    RAISE_APPLICATION_ERROR(-20001, 'export-catalog.sql needs SQL*Plus 12.2 or later (SET MARKUP CSV); '
      || 'this client is release &_SQLPLUS_RELEASE. Use a 12.2+ client, or cutover-sequencer export.');
  END IF;
END;
/

PROMPT Writing the export files into the current directory (if it stops, the last file holds the error).
SET MARKUP CSV ON QUOTE ON
SET HEADING OFF
SET PAGESIZE 0
SET LINESIZE 32767
SET LONG 100000
SET TRIMSPOOL ON
SET SQLBLANKLINES ON
SET TERMOUT OFF
ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,';

VARIABLE owners VARCHAR2(4000)
VARIABLE rc REFCURSOR
VARIABLE dict VARCHAR2(3)
VARIABLE scale_flag VARCHAR2(128)
VARIABLE session_flag VARCHAR2(128)
VARIABLE identity_sequence VARCHAR2(128)
VARIABLE data_default VARCHAR2(128)
VARIABLE nextval_default VARCHAR2(128)
VARIABLE db_version VARCHAR2(128)

-- Owners folded as Oracle folds names: unquoted upper case, "Quoted" exact.
DECLARE
  owner_list VARCHAR2(4000) := q'~&1~';
  item VARCHAR2(4000);
BEGIN
  FOR i IN 1 .. REGEXP_COUNT(owner_list, '[^,]+') LOOP
    item := TRIM(REGEXP_SUBSTR(owner_list, '[^,]+', 1, i));
    IF LENGTH(item) > 1 AND SUBSTR(item, 1, 1) = '"' AND SUBSTR(item, -1) = '"' THEN
      item := SUBSTR(item, 2, LENGTH(item) - 2);
    ELSE
      item := UPPER(item);
    END IF;
    :owners := :owners || CASE WHEN i > 1 THEN ',' END || item;
  END LOOP;
END;
/

-- Which dictionary and which release-specific columns: the field names of SELECT * FROM view
-- WHERE 1 = 0, as the live reader probes; ORA-00942 / ORA-01031 mean the view cannot be read.
DECLARE
  not_readable EXCEPTION;
  PRAGMA EXCEPTION_INIT(not_readable, -942);
  no_privilege EXCEPTION;
  PRAGMA EXCEPTION_INIT(no_privilege, -1031);
  FUNCTION columns_of(view_name VARCHAR2) RETURN VARCHAR2 IS
    c INTEGER := DBMS_SQL.OPEN_CURSOR;
    n INTEGER;
    d DBMS_SQL.DESC_TAB2;
    names VARCHAR2(32767) := ',';
  BEGIN
    DBMS_SQL.PARSE(c, REPLACE(q'~
SELECT * FROM {{view}} WHERE 1 = 0
~', '{{view}}', view_name), DBMS_SQL.NATIVE);
    DBMS_SQL.DESCRIBE_COLUMNS2(c, n, d);
    DBMS_SQL.CLOSE_CURSOR(c);
    FOR i IN 1 .. n LOOP
      names := names || d(i).col_name || ',';
    END LOOP;
    RETURN names;
  EXCEPTION
    WHEN not_readable OR no_privilege THEN
      DBMS_SQL.CLOSE_CURSOR(c);
      RETURN NULL;
  END;
  FUNCTION pick(view_name VARCHAR2, column_name VARCHAR2, present VARCHAR2, absent VARCHAR2)
    RETURN VARCHAR2 IS
  BEGIN
    RETURN CASE WHEN INSTR(columns_of(view_name), ',' || column_name || ',') > 0
      THEN present ELSE absent END;
  END;
BEGIN
  :dict := CASE WHEN columns_of('DBA_SEQUENCES') IS NULL THEN 'ALL' ELSE 'DBA' END;
  :scale_flag := pick(:dict || '_SEQUENCES', 'SCALE_FLAG', 's.scale_flag', 'CAST(NULL AS VARCHAR2(1))');
  :session_flag := pick(:dict || '_SEQUENCES', 'SESSION_FLAG', 's.session_flag', 'CAST(NULL AS VARCHAR2(1))');
  :identity_sequence := pick(:dict || '_TAB_IDENTITY_COLS', 'SEQUENCE_NAME', 'i.sequence_name', 'CAST(NULL AS VARCHAR2(128))');
  :data_default := pick(:dict || '_TAB_COLUMNS', 'DATA_DEFAULT_VC', 'c.data_default_vc', 'c.data_default');
  :nextval_default := pick(:dict || '_TAB_COLUMNS', 'DATA_DEFAULT_VC', 'UPPER(c.data_default_vc) LIKE ''%NEXTVAL%''', 'c.default_length > 0');
  :db_version := pick('PRODUCT_COMPONENT_VERSION', 'VERSION_FULL', 'p.version_full', 'p.version');
END;
/

-- Into substitution variables, through probe_* columns that no export query selects.
COLUMN probe_dict NEW_VALUE dict NOPRINT
COLUMN probe_scale_flag NEW_VALUE scale_flag NOPRINT
COLUMN probe_session_flag NEW_VALUE session_flag NOPRINT
COLUMN probe_identity_sequence NEW_VALUE identity_sequence NOPRINT
COLUMN probe_data_default NEW_VALUE data_default NOPRINT
COLUMN probe_nextval_default NEW_VALUE nextval_default NOPRINT
COLUMN probe_db_version NEW_VALUE db_version NOPRINT
SELECT :dict AS probe_dict, :scale_flag AS probe_scale_flag, :session_flag AS probe_session_flag, :identity_sequence AS probe_identity_sequence, :data_default AS probe_data_default, :nextval_default AS probe_nextval_default, :db_version AS probe_db_version FROM dual;
CLEAR COLUMNS

-- Every file emptied first: a run that stops leaves no file of an earlier run behind.
SPOOL sequences.csv
SPOOL OFF
SPOOL identity_columns.csv
SPOOL OFF
SPOOL triggers.csv
SPOOL OFF
SPOOL trigger_source.csv
SPOOL OFF
SPOOL trigger_dependencies.csv
SPOOL OFF
SPOOL columns.csv
SPOOL OFF
SPOOL source_code.csv
SPOOL OFF
SPOOL dependencies.csv
SPOOL OFF
SPOOL guid_samples.csv
SPOOL OFF
SPOOL export_info.csv
SPOOL OFF

SPOOL sequences.csv
SELECT 'SEQUENCE_OWNER' AS h1, 'SEQUENCE_NAME' AS h2, 'MIN_VALUE' AS h3, 'MAX_VALUE' AS h4, 'INCREMENT_BY' AS h5, 'CYCLE_FLAG' AS h6, 'ORDER_FLAG' AS h7, 'CACHE_SIZE' AS h8, 'LAST_NUMBER' AS h9, 'SCALE_FLAG' AS h10, 'SESSION_FLAG' AS h11 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
       &scale_flag.                 AS scale_flag,
       &session_flag.               AS session_flag
FROM &dict._sequences s
WHERE s.sequence_owner IN (SELECT owner FROM owners)
ORDER BY s.sequence_owner, s.sequence_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL identity_columns.csv
SELECT 'OWNER' AS h1, 'TABLE_NAME' AS h2, 'COLUMN_NAME' AS h3, 'GENERATION_TYPE' AS h4, 'SEQUENCE_NAME' AS h5 FROM dual;
BEGIN
  OPEN :rc FOR q'~
WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT i.owner,
       i.table_name,
       i.column_name,
       i.generation_type,
       &identity_sequence. AS sequence_name
FROM &dict._tab_identity_cols i
WHERE i.owner IN (SELECT owner FROM owners)
ORDER BY i.owner, i.table_name, i.column_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL triggers.csv
SELECT 'OWNER' AS h1, 'TRIGGER_NAME' AS h2, 'TABLE_OWNER' AS h3, 'TABLE_NAME' AS h4, 'TRIGGER_TYPE' AS h5, 'TRIGGERING_EVENT' AS h6, 'STATUS' AS h7, 'REFERENCING_NAMES' AS h8 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
WHERE (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY t.owner, t.trigger_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL trigger_source.csv
SELECT 'OWNER' AS h1, 'NAME' AS h2, 'LINE' AS h3, 'TEXT' AS h4 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
  AND (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY s.owner, s.name, s.line
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL trigger_dependencies.csv
SELECT 'OWNER' AS h1, 'NAME' AS h2, 'REFERENCED_OWNER' AS h3, 'REFERENCED_NAME' AS h4 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
JOIN &dict._triggers t ON t.owner = d.owner AND t.trigger_name = d.name
WHERE d.type = 'TRIGGER'
  AND d.referenced_type = 'SEQUENCE'
  AND (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
ORDER BY d.owner, d.name, d.referenced_owner, d.referenced_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL columns.csv
SELECT 'OWNER' AS h1, 'TABLE_NAME' AS h2, 'COLUMN_NAME' AS h3, 'DATA_TYPE' AS h4, 'DATA_LENGTH' AS h5, 'CHAR_LENGTH' AS h6, 'DATA_DEFAULT' AS h7 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
       &data_default. AS data_default
FROM &dict._tab_columns c
JOIN &dict._tables tb ON tb.owner = c.owner AND tb.table_name = c.table_name
WHERE c.owner IN (SELECT owner FROM owners)
  AND ((REGEXP_LIKE(c.column_name, '(^|_)(ID|GUID|UUID)$', 'i')
        AND c.data_type IN ('RAW', 'VARCHAR2', 'CHAR', 'NVARCHAR2', 'NCHAR'))
    OR (c.default_length > 0 AND c.identity_column = 'NO'
        AND c.data_type IN ('NUMBER', 'FLOAT', 'INTEGER')
        AND &nextval_default.))
ORDER BY c.owner, c.table_name, c.column_id
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL source_code.csv
SELECT 'OWNER' AS h1, 'NAME' AS h2, 'TYPE' AS h3, 'LINE' AS h4, 'TEXT' AS h5 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
ORDER BY s.owner, s.name, s.type, s.line
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL dependencies.csv
SELECT 'OWNER' AS h1, 'NAME' AS h2, 'TYPE' AS h3, 'REFERENCED_OWNER' AS h4, 'REFERENCED_NAME' AS h5, 'REFERENCED_TYPE' AS h6 FROM dual;
BEGIN
  OPEN :rc FOR q'~
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
ORDER BY d.owner, d.name, d.type, d.referenced_owner, d.referenced_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL guid_samples.csv
SELECT 'OWNER' AS h1, 'TABLE_NAME' AS h2, 'COLUMN_NAME' AS h3, 'VALUE' AS h4 FROM dual;
BEGIN
  OPEN :rc FOR q'~
WITH
  FUNCTION sample_values(query VARCHAR2) RETURN XMLTYPE IS
  BEGIN
    RETURN DBMS_XMLGEN.GETXMLTYPE(query);
  EXCEPTION
    WHEN OTHERS THEN
      RETURN NULL;
  END;
owners AS (
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
    AND (tb.iot_type IS NULL OR tb.iot_type = 'IOT')
    AND tb.nested = 'NO'
    AND tb.secondary = 'N'
    AND tb.dropped = 'NO'
    AND NOT EXISTS (SELECT 1 FROM &dict._external_tables e WHERE e.owner = tb.owner AND e.table_name = tb.table_name)
)
SELECT k.owner,
       k.table_name,
       k.column_name,
       x.value
FROM candidates k,
     XMLTABLE('/ROWSET/ROW'
       PASSING sample_values(
         'SELECT ' || CASE WHEN k.data_type = 'RAW' THEN 'RAWTOHEX("' || k.column_name || '")' ELSE '"' || k.column_name || '"' END
         || ' AS V FROM "' || k.owner || '"."' || k.table_name || '" WHERE "' || k.column_name || '" IS NOT NULL AND ROWNUM <= 20')
       COLUMNS value VARCHAR2(200) PATH 'V') x
ORDER BY k.owner, k.table_name, k.column_name
~' USING :owners, :owners;
END;
/
PRINT rc
SPOOL OFF

SPOOL export_info.csv
SELECT 'CAPTURED_AT' AS h1, 'CURRENT_SCN' AS h2, 'DB_VERSION' AS h3 FROM dual;
BEGIN
  OPEN :rc FOR q'~
SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       TO_CHAR(d.current_scn, 'TM9')                           AS current_scn,
       (SELECT &db_version. FROM product_component_version p WHERE p.product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM v$database d
~';
EXCEPTION
  WHEN OTHERS THEN
    OPEN :rc FOR q'~
SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       CAST(NULL AS VARCHAR2(1))                               AS current_scn,
       (SELECT &db_version. FROM product_component_version p WHERE p.product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM dual
~';
END;
/
PRINT rc
SPOOL OFF

SET MARKUP CSV OFF
SET TERMOUT ON
PROMPT Wrote the export files into the current directory.
EXIT
