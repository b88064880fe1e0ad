/*
** sigma-convergence of per-capita GDP among Beijing, Tianjin and Hebei.
**
** Per-capita GDP is GDP (100 million yuan) / year-end population (10,000
** persons) * 10,000, in yuan, from jjj_series (the latest vintage of each
** year).  The dataset's own gdp_per_capita has all three regions in one
** year only (2017), so it cannot show a trend.  Years before 2019 are
** left out: their GDP is on the pre-2018-census basis (Tianjin's 2017-2018
** GDP was later cut by about a quarter), so they are not comparable.
** Population is on the 2010-census basis in 2019 and the 2020-census
** basis after; 2020 and 2023 lack a population figure for some region.
** The measures are plain ratios, not percentages.
*/

-- Per-capita GDP (yuan) and population of each region and year
CREATE TEMP VIEW pc AS
SELECT r.id AS region, g.year, g.value / p.value * 1e4 AS gdp_pc, p.value AS pop,
       g.basis AS gdp_basis
FROM jjj_regions r
JOIN jjj_series('gdp', r.id) g
JOIN jjj_series('population', r.id) p ON p.year = g.year
WHERE r.id IN ('beijing', 'tianjin', 'hebei');

-- Comparable years, where all three regions have both figures
CREATE TEMP VIEW cmp AS
WITH ok AS (SELECT * FROM pc WHERE gdp_basis NOT IN ('ec2008', 'ec2013'))
SELECT * FROM ok WHERE year IN (SELECT year FROM ok GROUP BY year HAVING count(*) = 3);

SELECT year, count(*) AS regions,
       printf('%.4f', jjj_sigma(gdp_pc)) AS sigma_log,
       printf('%.4f', jjj_cv_pop(gdp_pc)) AS cv,
       printf('%.4f', jjj_gini(gdp_pc)) AS gini,
       printf('%.4f', jjj_williamson(gdp_pc, pop)) AS williamson
FROM cmp GROUP BY year ORDER BY year;

-- The sigma quotient first/last year (REAT's "Quotient"): above 1 means
-- the three economies drew closer.
WITH s AS (SELECT year, jjj_sigma(gdp_pc) AS sigma FROM cmp GROUP BY year)
SELECT 'sigma ' || min(year) || ' / sigma ' || max(year),
       printf('%.4f', (SELECT sigma FROM s ORDER BY year LIMIT 1)
                    / (SELECT sigma FROM s ORDER BY year DESC LIMIT 1))
FROM s;

-- beta-convergence needs many regions; with three it is a line through
-- three points, so the example only shows that the fit is too thin.
SELECT 'beta 2019-2024: ' || json_extract(j, '$.n') || ' regions, too few for a beta-convergence estimate'
FROM (SELECT jjj_beta_convergence(a.gdp_pc, b.gdp_pc, 5) AS j
      FROM pc a JOIN pc b ON b.region = a.region AND a.year = 2019 AND b.year = 2024);
