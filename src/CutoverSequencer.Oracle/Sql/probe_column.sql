SELECT COUNT(*) AS found
FROM all_tab_columns
WHERE owner = 'SYS' AND table_name = :view_name AND column_name = :column_name
