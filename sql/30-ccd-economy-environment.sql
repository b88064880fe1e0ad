/*
** 30-ccd-economy-environment.sql
** Coupling coordination degree of economy and environment in Beijing,
** Tianjin and Hebei, 2013-2024, with its level in English and Chinese.
**
** Subsystems (one indicator each, so the entropy-weighted index of a
** subsystem is the indicator's min-max score):
**   economy      U1 = GDP per capita (yuan), a benefit indicator
**   environment  U2 = annual mean PM2.5 (ug/m3), a cost indicator
** Both are standardised over the pooled panel (every region-year of
** 2013-2024 that has the indicator), so U is comparable across regions
** and years.  D = sqrt(C * T), C = 2 sqrt(U1 U2) / (U1 + U2), T = (U1+U2)/2.
**
** Read with care:
**   * A region-year lacking either indicator is listed with empty cells,
**     not dropped.  Tianjin has GDP per capita for 2017, 2022 and 2024
**     only; Beijing has none for 2020 and 2022; Hebei none after 2022 and
**     no PM2.5 for 2014-2016.
**   * Min-max puts the panel's worst value at U = 0.  Hebei 2013 has both
**     the lowest GDP per capita and the highest PM2.5 of the panel, so
**     U1 = U2 = 0, C = 0/0 is undefined and D is NULL although the data
**     exist (one zero U alone would give C = 0, D = 0).
**   * GDP per capita mixes census vintages (jjj_series picks the latest
**     vintage per year; the basis changes in 2014, 2019 and 2024).
**   * Labels: METHODS 5.3 (Tian Shenzhen et al. 2021), intervals [lo,hi).
** Columns: region, year, GDP per capita, PM2.5, U1, U2, C, D, level,
** label (en), label (zh), note.
*/

WITH r(region) AS (VALUES ('beijing'), ('tianjin'), ('hebei')),
y(year) AS (
  SELECT 2013 UNION ALL SELECT year + 1 FROM y WHERE year < 2024
),
econ AS (
  SELECT r.region, s.year, s.value
    FROM r, jjj_series('gdp_per_capita', r.region) AS s
   WHERE s.year BETWEEN 2013 AND 2024
),
env AS (
  SELECT r.region, s.year, s.value
    FROM r, jjj_series('pm25', r.region) AS s
   WHERE s.year BETWEEN 2013 AND 2024
),
-- entropy scores of a one-indicator subsystem: {"beijing 2013": U, ...}
u1(j) AS (
  SELECT jjj_entropy_scores(region || ' ' || year, 'gdp_per_capita', value, 1)
    FROM econ
),
u2(j) AS (
  SELECT jjj_entropy_scores(region || ' ' || year, 'pm25', value, -1)
    FROM env
),
grid AS (
  SELECT r.region, y.year, econ.value AS gdp_pc, env.value AS pm25,
         (SELECT value FROM u1, json_each(u1.j)
           WHERE key = r.region || ' ' || y.year) AS u_econ,
         (SELECT value FROM u2, json_each(u2.j)
           WHERE key = r.region || ' ' || y.year) AS u_env
    FROM r CROSS JOIN y
    LEFT JOIN econ ON econ.region = r.region AND econ.year = y.year
    LEFT JOIN env ON env.region = r.region AND env.year = y.year
),
ccd AS (
  SELECT *, jjj_coupling(u_econ, u_env) AS c, jjj_ccd(u_econ, u_env) AS d
    FROM grid
)
SELECT region, year, gdp_pc, pm25,
       round(u_econ, 4), round(u_env, 4), round(c, 4), round(d, 4),
       jjj_ccd_level(d), jjj_ccd_label(d), jjj_ccd_label(d, 'zh'),
       CASE WHEN gdp_pc IS NULL AND pm25 IS NULL THEN 'no gdp_per_capita, no pm25'
            WHEN gdp_pc IS NULL THEN 'no gdp_per_capita'
            WHEN pm25 IS NULL THEN 'no pm25'
            WHEN d IS NULL THEN 'both U = 0: C undefined'
            ELSE '' END AS note
  FROM ccd
 ORDER BY CASE region WHEN 'beijing' THEN 1 WHEN 'tianjin' THEN 2 ELSE 3 END,
          year;
