WITH {{owners}}
SELECT s.sequence_owner,
       s.sequence_name,
       TO_CHAR(s.min_value, 'TM9')    AS min_value,
       TO_CHAR(s.max_value, 'TM9')    AS max_value,
       TO_CHAR(s.increment_by, 'TM9') AS increment_by,
       s.cycle_flag,
       s.order_flag,
       TO_CHAR(s.cache_size, 'TM9')   AS cache_size,
       TO_CHAR(s.last_number, 'TM9')  AS last_number,
       {{scale_flag}}                 AS scale_flag,
       {{session_flag}}               AS session_flag
FROM {{dict}}_sequences s
WHERE s.sequence_owner IN (SELECT owner FROM owners)
ORDER BY s.sequence_owner, s.sequence_name
