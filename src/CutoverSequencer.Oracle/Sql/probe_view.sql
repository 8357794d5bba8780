SELECT * FROM {{view}} WHERE 1 = 0
