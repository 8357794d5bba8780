SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS captured_at,
       CAST(NULL AS VARCHAR2(1))                               AS current_scn,
       (SELECT {{db_version}} FROM product_component_version p WHERE p.product LIKE 'Oracle%' AND ROWNUM = 1) AS db_version
FROM dual
