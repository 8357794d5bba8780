owners AS (
  SELECT TRIM(REGEXP_SUBSTR(:owners, '[^,]+', 1, LEVEL)) AS owner
  FROM dual
  CONNECT BY LEVEL <= REGEXP_COUNT(:owners, ',') + 1
)
