WITH {{owners}},
code AS (
  SELECT DISTINCT d.owner, d.name, d.type
  FROM {{dict}}_dependencies d
  WHERE d.referenced_type = 'SEQUENCE'
    AND d.type IN ('PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TYPE BODY')
    AND (d.owner IN (SELECT owner FROM owners) OR d.referenced_owner IN (SELECT owner FROM owners))
)
SELECT s.owner,
       s.name,
       s.type,
       s.line,
       s.text
FROM {{dict}}_source s
JOIN code c ON c.owner = s.owner AND c.name = s.name AND c.type = s.type
ORDER BY s.owner, s.name, s.type, s.line
