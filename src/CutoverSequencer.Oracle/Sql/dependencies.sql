WITH {{owners}}
SELECT d.owner,
       d.name,
       d.type,
       d.referenced_owner,
       d.referenced_name,
       d.referenced_type
FROM {{dict}}_dependencies d
WHERE d.referenced_type = 'SEQUENCE'
  AND d.type IN ('PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TYPE BODY')
  AND (d.owner IN (SELECT owner FROM owners) OR d.referenced_owner IN (SELECT owner FROM owners))
ORDER BY d.owner, d.name, d.type, d.referenced_owner, d.referenced_name
