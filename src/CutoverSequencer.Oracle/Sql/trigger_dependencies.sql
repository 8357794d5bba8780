WITH {{owners}}
SELECT d.owner,
       d.name,
       d.referenced_owner,
       d.referenced_name
FROM {{dict}}_dependencies d
JOIN {{dict}}_triggers t ON t.owner = d.owner AND t.trigger_name = d.name
WHERE d.type = 'TRIGGER'
  AND d.referenced_type = 'SEQUENCE'
  AND (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
ORDER BY d.owner, d.name, d.referenced_owner, d.referenced_name
