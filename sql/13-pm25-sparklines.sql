/*
** PM2.5 annual mean (ug/m3) by region, 2013-2024, as sparklines.
**
** jjj_sparkline draws one character per row, scaled from the region's
** lowest (▁) to its highest (█) value; a NULL is a space.  The years are a
** grid LEFT JOINed to jjj_series, so a year without a figure in the data is
** a visible gap (Hebei 2014-2016; Tianjin 2013-2014, 2016-2017, 2019,
** 2021; Tianjin's 2018 figure comes from a research-paper series, basis
** 'research series').  The window form with a full frame fixes the order (ORDER BY
** year); DISTINCT keeps one row per region.  Beside it: the first and last
** value, the change over the period (jjj_pct_change) and the average
** annual change (jjj_cagr over the rows that exist: it only needs the two
** ends, so gaps in between do not matter).
*/
WITH RECURSIVE years(year) AS (SELECT 2013 UNION ALL SELECT year+1 FROM years
                               WHERE year < 2024),
regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3)),
grid AS (
  SELECT g.region, g.ord, y.year, s.value
    FROM regions g CROSS JOIN years y
    LEFT JOIN jjj_series('pm25', g.region) s ON s.year = y.year),
spark AS (
  SELECT DISTINCT region, ord, jjj_sparkline(value) OVER (PARTITION BY region
         ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         AS s2013_2024 FROM grid),
ends AS (
  SELECT region, min(year) AS y0, max(year) AS y1, jjj_cagr(year, value) AS cagr
    FROM grid WHERE value IS NOT NULL GROUP BY region)
SELECT s.region, s.s2013_2024, e.y0 || '-' || e.y1 AS period, g0.value AS first,
       g1.value AS last, round(jjj_pct_change(g0.value, g1.value), 1) AS change_pct,
       round(e.cagr, 1) AS per_year_pct
  FROM spark s JOIN ends e USING (region)
  JOIN grid g0 ON g0.region = s.region AND g0.year = e.y0
  JOIN grid g1 ON g1.region = s.region AND g1.year = e.y1
 ORDER BY s.ord;

-- The fall since 2013 as published next to the one computed from the
-- stored levels (2013 -> 2023): Beijing 89.5 -> 32 is -64.2%, Hebei 108 ->
-- 38.6 is -64.3%, as published.  Tianjin has no stored 2013 level, so only
-- the published -57.3% is shown (jjj_pct_change of a NULL is NULL).
WITH regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3))
SELECT g.region,
       round(-jjj_pct_change(
          (SELECT value FROM jjj_series('pm25', g.region) WHERE year = 2013),
          (SELECT value FROM jjj_series('pm25', g.region) WHERE year = 2023)), 1)
         AS computed_fall_pct,
       (SELECT value FROM jjj_series('pm25_reduction_vs_2013', g.region)
         WHERE year = 2023) AS published_fall_pct
  FROM regions g ORDER BY g.ord;

-- 2024 levels as bars (jjj_bar, 20 cells for the highest).
WITH regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3)),
v AS (SELECT g.region, g.ord, s.value FROM regions g,
             jjj_series('pm25', g.region) s WHERE s.year = 2024)
SELECT region, value, jjj_bar(value, max(value) OVER ()) AS bar
  FROM v ORDER BY ord;
