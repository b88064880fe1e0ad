-- demo.sql - a short report on the bundled data, for the sqlite3 shell:
--   sqlite3 -cmd '.load ./jingjinji' :memory: < sql/demo.sql
-- (make demo does exactly this)
.mode box
.headers on

SELECT jjj_version() AS extension,
       (SELECT value FROM jjj_info WHERE key = 'dataset_version') AS dataset,
       (SELECT value FROM jjj_info WHERE key = 'rows.observations') AS figures,
       (SELECT value FROM jjj_info WHERE key = 'rows.sources') AS sources,
       (SELECT value FROM jjj_info WHERE key = 'checksum') AS checksum;

.print
.print Real GDP growth, percent (latest vintage; blank = not in the sources)
WITH RECURSIVE years(year) AS (SELECT 2013 UNION ALL SELECT year + 1 FROM years WHERE year < 2024)
SELECT y.year AS year, c.value AS china, b.value AS beijing, t.value AS tianjin, h.value AS hebei
  FROM years y
  LEFT JOIN jjj_series('gdp_real_growth', 'china')   c ON c.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'beijing') b ON b.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'tianjin') t ON t.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'hebei')   h ON h.year = y.year;

.print
.print GDP 2024, 100 million yuan: the article's 11.5 trillion yuan
SELECT r.name_en AS region, s.value AS gdp_2024, s.vintage, s.source
  FROM jjj_regions r, jjj_series('gdp', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei') AND s.year = 2024
UNION ALL
SELECT 'total', round(sum(s.value), 1), '', ''
  FROM jjj_regions r, jjj_series('gdp', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei') AND s.year = 2024;

.print
.print PM2.5 annual mean, ug/m3: 2013 and 2024
SELECT r.name_en AS region, a.value AS "2013", b.value AS "2024",
       round(100.0 * (b.value / a.value - 1), 1) AS change_pct
  FROM jjj_regions r
  LEFT JOIN jjj_series('pm25', r.id) a ON a.year = 2013
  LEFT JOIN jjj_series('pm25', r.id) b ON b.year = 2024
 WHERE r.id IN ('beijing', 'tianjin', 'hebei');

.print
.print The revision trap: Tianjin GDP level vs real growth
SELECT l.year, l.value AS gdp_level, l.basis, round(l.pch, 1) AS pch_same_basis,
       g.value AS real_growth
  FROM jjj_series('gdp', 'tianjin') l
  LEFT JOIN jjj_series('gdp_real_growth', 'tianjin') g ON g.year = l.year
 WHERE l.year BETWEEN 2017 AND 2020;

.print
.print Technology contracts Beijing -> Tianjin and Hebei, 100 million yuan
SELECT year, value, qualifier, source
  FROM jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei');

.print
.print More: docs/tables.md, docs/data.md and the worked examples in sql/
