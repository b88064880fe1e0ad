/*
** FRED's units transformations on Beijing's GDP, and why jjj_series'
** growth columns refuse to compute growth across a census revision.
**
** jjj_transform(value, units) OVER (ORDER BY year) applies FRED's formulas
** (pch = 100*(x/x(t-1) - 1), cch = 100*ln(x/x(t-1)), ...) to consecutive
** rows, whatever their basis.  jjj_series' pch is NULL where the basis of
** the levels changes: 2014 (2008 -> 2013 census basis), 2018 (the 2018
** census revision) and 2024 (2023 census basis).  There, FRED-style
** arithmetic shows growth that is partly a revision: +18.2% in 2018
** against 6.6% real growth.
**
** Nominal and real growth give the implied change of the GDP deflator by
** the exact Fisher identity (1+n)/(1+r) - 1, which is jjj_real_growth with
** the real rate in the place of inflation; it is meaningful only where the
** nominal growth is (same basis).
*/
SELECT s.year, s.value AS gdp, s.basis,
       round(jjj_transform(s.value, 'pch') OVER w, 2) AS fred_pch,
       round(s.pch, 2) AS series_pch,
       round(jjj_transform(s.value, 'cch') OVER w, 2) AS fred_cch,
       r.value AS real_growth,
       round(jjj_real_growth(s.pch, r.value), 2) AS deflator_change
  FROM jjj_series('gdp', 'beijing') s
  LEFT JOIN jjj_series('gdp_real_growth', 'beijing') r ON r.year = s.year
WINDOW w AS (ORDER BY s.year)
 ORDER BY s.year;

-- All nine units codes for 2023 (the WHERE goes outside: a WHERE next to
-- the window would remove the earlier rows from it).  With annual data pc1
-- = pca = pch, ch1 = chg and cca = cch.
SELECT * FROM (
  SELECT year,
         jjj_transform(value, 'lin') OVER w AS lin,
         round(jjj_transform(value, 'chg') OVER w, 1) AS chg,
         round(jjj_transform(value, 'ch1') OVER w, 1) AS ch1,
         round(jjj_transform(value, 'pch') OVER w, 4) AS pch,
         round(jjj_transform(value, 'pc1') OVER w, 4) AS pc1,
         round(jjj_transform(value, 'pca') OVER w, 4) AS pca,
         round(jjj_transform(value, 'cch') OVER w, 4) AS cch,
         round(jjj_transform(value, 'cca') OVER w, 4) AS cca,
         round(jjj_transform(value, 'log') OVER w, 4) AS log
    FROM jjj_series('gdp', 'beijing') WINDOW w AS (ORDER BY year))
 WHERE year = 2023;
