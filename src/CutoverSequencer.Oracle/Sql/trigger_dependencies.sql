WITH {{owners}}
SELECT d.owner,
       d.name,
       d.referenced_owner,
       d.referenced_name
FROM {{dict}}_dependencies d
WHERE d.type = 'TRIGGER'
  AND d.referenced_type = 'SEQUENCE'
  AND d.owner IN (SELECT owner FROM owners)
ORDER BY d.owner, d.name, d.referenced_owner, d.referenced_name
