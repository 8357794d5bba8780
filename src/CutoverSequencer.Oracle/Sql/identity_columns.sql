WITH {{owners}}
SELECT i.owner,
       i.table_name,
       i.column_name,
       i.generation_type,
       {{identity_sequence}} AS sequence_name
FROM {{dict}}_tab_identity_cols i
WHERE i.owner IN (SELECT owner FROM owners)
ORDER BY i.owner, i.table_name, i.column_name
