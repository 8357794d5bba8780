WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT i.owner,
       i.table_name,
       i.column_name,
       i.generation_type,
       {{identity_sequence}} AS sequence_name
FROM {{dict}}_tab_identity_cols i
WHERE i.owner IN (SELECT owner FROM owners)
ORDER BY i.owner, i.table_name, i.column_name
