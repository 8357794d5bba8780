SELECT COUNT(*) AS found
FROM all_views
WHERE owner = 'SYS' AND view_name = :view_name
