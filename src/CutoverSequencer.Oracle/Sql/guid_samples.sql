WITH
  FUNCTION sample_values(query VARCHAR2) RETURN XMLTYPE IS
  BEGIN
    RETURN DBMS_XMLGEN.GETXMLTYPE(query);
  EXCEPTION
    WHEN OTHERS THEN
      RETURN NULL;
  END;
{{owners}}, candidates AS (
  SELECT c.owner, c.table_name, c.column_name, c.data_type
  FROM {{dict}}_tab_columns c
  JOIN {{dict}}_tables tb ON tb.owner = c.owner AND tb.table_name = c.table_name
  WHERE c.owner IN (SELECT owner FROM owners)
    AND REGEXP_LIKE(c.column_name, '(^|_)(ID|GUID|UUID)$', 'i')
    AND ((c.data_type = 'RAW' AND c.data_length IN (16, 32))
      OR (c.data_type IN ('VARCHAR2', 'CHAR', 'NVARCHAR2', 'NCHAR') AND c.char_length IN (32, 36, 38)))
    AND (tb.iot_type IS NULL OR tb.iot_type = 'IOT')
    AND tb.nested = 'NO'
    AND tb.secondary = 'N'
    AND tb.dropped = 'NO'
    AND NOT EXISTS (SELECT 1 FROM {{dict}}_external_tables e WHERE e.owner = tb.owner AND e.table_name = tb.table_name)
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
