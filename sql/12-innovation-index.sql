/*
** The PKU (Beijing Development Institute) Jing-Jin-Ji collaborative
** innovation index: China Daily (2025-02-26) says it "surged from 100 in
** 2013 to 298.2 in 2023"; the 2023 edition had 100 (2013) -> 297.6 (2022),
** reported as "年均增速12.9%".  The index is re-based between editions, so
** growth is computed within one edition (the basis column names it) and
** never from 2022 (2023 edition) to 2023 (China Daily): jjj_series' pch is
** NULL there because the basis changes.
**
** Per region and edition: first and last year, growth over the period
** (jjj_pct_change; 198.2% is "增长了1.98倍"), the change in index points,
** the compound annual rate (jjj_cagr over the rows of the edition) and the
** years it takes to double at that rate.  The 2023 edition's own 2013
** value is 100 by its definition (2013 = 100).
*/
WITH obs AS (
  SELECT 'jingjinji' AS region, year, value, basis
    FROM jjj_series('collaborative_innovation_index', 'jingjinji')
  UNION ALL
  SELECT 'jingjinji', 2013, 100.0, '2013=100; edition 2023'
  UNION ALL
  SELECT 'beijing', year, value, basis
    FROM jjj_series('collaborative_innovation_index', 'beijing')),
ends AS (
  SELECT region, basis, min(year) AS y0, max(year) AS y1,
         jjj_cagr(year, value) AS cagr FROM obs GROUP BY region, basis
  HAVING count(*) >= 2)
SELECT e.region, e.y0 || '-' || e.y1 AS period, o0.value AS v0, o1.value AS v1,
       round(jjj_pct_change(o0.value, o1.value), 1) AS growth_pct,
       round(o1.value - o0.value, 1) AS points,
       round(e.cagr, 2) AS cagr, round(jjj_doubling_time(e.cagr), 1) AS doubling_years,
       e.basis
  FROM ends e
  JOIN obs o0 ON o0.region = e.region AND o0.basis = e.basis AND o0.year = e.y0
  JOIN obs o1 ON o1.region = e.region AND o1.basis = e.basis AND o1.year = e.y1
 ORDER BY e.region DESC, e.y1;

-- The Beijing sub-index has no stated base, so only its own growth means
-- something: +55.0% (4.48% a year) against the whole region's +198.2%
-- (11.55% a year).  The article calls Beijing's "the fastest growth among
-- the three regions"; Tianjin's and Hebei's sub-indices are not in the
-- data, so that claim cannot be checked here.
--
-- jjj_series on the whole-region index: chg and pch are NULL in 2022 (no
-- 2021 value) and in 2023 (another edition), never a spurious +0.2%.
SELECT year, value, chg, pch
  FROM jjj_series('collaborative_innovation_index', 'jingjinji');
