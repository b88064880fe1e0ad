/*
** Real GDP index, 2013 = 100, chained from the yearly real growth rates
** (gdp_real_growth, percent at comparable prices: NBS's "previous year =
** 100" index minus 100), next to the naive ratio of nominal GDP levels.
**
** jjj_chain_index(year, rate) OVER (PARTITION BY region ORDER BY year)
** sets the first year to 100 (the 2013 rate is growth INTO 2013 and is not
** used) and multiplies by (100 + rate)/100 each year.  Every year 2013-2024
** gets a row (a grid LEFT JOINed to jjj_series), so a year whose rate is
** missing in the data has a NULL rate and BREAKS the chain: NULL from there
** on.  Tianjin has no rate for 2013-2014, China none for 2018, Hebei none
** for 2023 in the bundled data.  (Tianjin's 2013 row still reads 100: the
** base year is 100 by definition; its index breaks at 2014.  Tianjin has no
** GDP level before 2017, so no nominal ratio to 2013 either.)
**
** The nominal ratio 100*GDP_t/GDP_2013 differs from the real index for two
** reasons: prices (nominal growth includes inflation) and revisions (levels
** are revised after each economic census: Beijing's 2013 level is on the
** 2008 census basis, 2018-2023 on the 2018 basis, 2024 on the 2023 basis,
** the 2018 census alone raised Beijing's 2018 level by 9.2%).  Growth
** rates at comparable prices are the consistent series; levels are not.
*/
WITH RECURSIVE years(year) AS (SELECT 2013 UNION ALL SELECT year+1 FROM years
                               WHERE year < 2024),
regions(region) AS (VALUES ('beijing'), ('tianjin'), ('hebei'), ('china')),
grid AS (
  SELECT g.region, y.year, r.value AS rate, n.value AS gdp, n.basis
    FROM regions g CROSS JOIN years y
    LEFT JOIN jjj_series('gdp_real_growth', g.region) r ON r.year = y.year
    LEFT JOIN jjj_series('gdp', g.region) n ON n.year = y.year)
SELECT region, year, rate,
       round(jjj_chain_index(year, rate)
             OVER (PARTITION BY region ORDER BY year), 1) AS real_index,
       gdp, basis,
       round(jjj_rebase(gdp, first_value(gdp)
             OVER (PARTITION BY region ORDER BY year)), 1) AS nominal_ratio
  FROM grid
 ORDER BY CASE region WHEN 'beijing' THEN 1 WHEN 'tianjin' THEN 2
                      WHEN 'hebei' THEN 3 ELSE 4 END, year;

-- Hebei's levels 2013-2022 are all on the 2018 census basis: its nominal
-- ratio (174.7) over the real index (168.7) is a modest price rise.
-- Beijing 2013-2024: real index 180.9 against a nominal ratio of 255.6; the
-- gap mixes inflation with three census bases (2013 on the 2008 basis, 2024
-- on the 2023 basis), so 255.6/180.9 is not a price index.  The 2018
-- revision alone, as a naive ratio would show it: 2017 final (2013 basis)
-- -> 2018 revised (2018 basis) looks like +18.2%, against 6.6% real growth:
-- on one basis (2018 preliminary, 2013 basis) nominal growth was +8.2%, and
-- the census added 9.2% to the 2018 level.
SELECT round(jjj_chain_index(year, value), 1) AS real_index_2024,
       round(jjj_pct_change((SELECT value FROM jjj_series('gdp', 'beijing')
                              WHERE year = 2013),
                            (SELECT value FROM jjj_series('gdp', 'beijing')
                              WHERE year = 2024)) + 100, 1) AS nominal_ratio_2024
  FROM jjj_series('gdp_real_growth', 'beijing') WHERE year BETWEEN 2013 AND 2024;
SELECT round(jjj_pct_change(
         (SELECT value FROM jjj_series('gdp', 'beijing') WHERE year = 2017),
         (SELECT value FROM jjj_series('gdp', 'beijing') WHERE year = 2018)), 1)
         AS naive_2018_pct,
       (SELECT value FROM jjj_series('gdp_real_growth', 'beijing')
         WHERE year = 2018) AS real_2018_pct,
       round(jjj_pct_change(
         (SELECT value FROM jjj_observations WHERE region = 'beijing'
             AND indicator = 'gdp' AND year = 2017 AND vintage = 'final verification'),
         (SELECT value FROM jjj_observations WHERE region = 'beijing'
             AND indicator = 'gdp' AND year = 2018 AND basis = 'ec2013' LIMIT 1)), 1)
         AS same_basis_2018_pct,
       round(jjj_pct_change(
         (SELECT value FROM jjj_observations WHERE region = 'beijing'
             AND indicator = 'gdp' AND year = 2018 AND basis = 'ec2013' LIMIT 1),
         (SELECT value FROM jjj_observations WHERE region = 'beijing'
             AND indicator = 'gdp' AND year = 2018 AND basis = 'ec2018')), 1)
         AS census_revision_pct;
