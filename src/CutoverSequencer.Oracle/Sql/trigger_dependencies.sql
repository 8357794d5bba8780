WITH owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
SELECT d.owner,
       d.name,
       d.referenced_owner,
       d.referenced_name
FROM {{dict}}_dependencies d
WHERE d.type = 'TRIGGER'
  AND d.referenced_type = 'SEQUENCE'
  AND d.owner IN (SELECT owner FROM owners)
ORDER BY d.owner, d.name, d.referenced_owner, d.referenced_name
