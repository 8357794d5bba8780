SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       TO_CHAR(d.current_scn, 'TM9')                           AS current_scn,
       (SELECT {{db_version}} FROM product_component_version p WHERE p.product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM v$database d
