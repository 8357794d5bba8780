WITH {{owners}}
SELECT t.owner,
       t.trigger_name,
       t.table_owner,
       t.table_name,
       t.trigger_type,
       t.triggering_event,
       t.status,
       t.referencing_names
FROM {{dict}}_triggers t
WHERE (t.owner IN (SELECT owner FROM owners) OR t.table_owner IN (SELECT owner FROM owners))
  AND t.base_object_type = 'TABLE'
  AND t.triggering_event LIKE '%INSERT%'
ORDER BY t.owner, t.trigger_name
