WITH {{owners}}
SELECT c.owner,
       c.table_name,
       c.column_name,
       c.data_type,
       c.data_length,
       c.char_length,
       {{data_default}} AS data_default
FROM {{dict}}_tab_columns c
JOIN {{dict}}_tables tb ON tb.owner = c.owner AND tb.table_name = c.table_name
WHERE c.owner IN (SELECT owner FROM owners)
  AND ((REGEXP_LIKE(c.column_name, '(^|_)(ID|GUID|UUID)$', 'i')
        AND c.data_type IN ('RAW', 'VARCHAR2', 'CHAR', 'NVARCHAR2', 'NCHAR'))
    OR (c.default_length > 0 AND c.identity_column = 'NO'
        AND c.data_type IN ('NUMBER', 'FLOAT', 'INTEGER')
        AND {{nextval_default}}))
ORDER BY c.owner, c.table_name, c.column_id
