WITH {{owners}}
SELECT s.owner,
       s.name,
       s.line,
       s.text
FROM {{dict}}_source s
JOIN {{dict}}_triggers t ON t.owner = s.owner AND t.trigger_name = s.name
WHERE s.type = 'TRIGGER'
  AND (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY s.owner, s.name, s.line
