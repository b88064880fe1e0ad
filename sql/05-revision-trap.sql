-- The revision trap: Tianjin's GDP level "fell" 25 % from 2018 to 2019,
-- yet its economy grew 4.8 % in real terms.  The 2019 level is on the
-- basis revised after the 2018 economic census (ec2018), the 2018 level
-- on the old one (ec2013): the naive change mixes vintages.  jjj_series
-- leaves pch NULL across the basis change; the real growth rate is the
-- consistent series.
SELECT l.year,
       l.value                                     AS gdp_level,
       l.basis,
       round(100.0 * (l.value / lag(l.value) OVER (ORDER BY l.year) - 1), 1)
                                                   AS naive_change_pct,
       round(l.pch, 1)                             AS pch_same_basis,
       g.value                                     AS real_growth_pct
  FROM jjj_series('gdp', 'tianjin') l
  LEFT JOIN jjj_series('gdp_real_growth', 'tianjin') g ON g.year = l.year
 WHERE l.year BETWEEN 2017 AND 2020;

-- Beijing 2018: the preliminary level and the census-revised one (+9.2 %)
SELECT value, vintage, basis, source
  FROM jjj_observations
 WHERE region = 'beijing' AND indicator = 'gdp' AND year = 2018
 ORDER BY value, source;
SELECT round(100.0 * (max(value) / min(value) - 1), 1) AS revision_pct
  FROM jjj_observations
 WHERE region = 'beijing' AND indicator = 'gdp' AND year = 2018;
