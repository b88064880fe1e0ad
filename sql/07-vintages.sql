-- What did we know, and when?  jjj_series with an as_of date gives the
-- value that was current then (ALFRED-style): Beijing's 2018 GDP as known
-- at the end of 2019 and today.
SELECT '2019' AS as_of, value, vintage, basis
  FROM jjj_series('gdp', 'beijing', '2019') WHERE year = 2018
UNION ALL
SELECT 'today', value, vintage, basis
  FROM jjj_series('gdp', 'beijing') WHERE year = 2018;

-- China's 2019 real growth: 6.1 preliminary, revised to 6.0
SELECT value, vintage, source FROM jjj_observations
 WHERE region = 'china' AND indicator = 'gdp_real_growth' AND year = 2019
 ORDER BY vintage;
SELECT value, vintage FROM jjj_series('gdp_real_growth', 'china') WHERE year = 2019;

-- Every figure keeps its source: the article's facts about the sub-centre
SELECT o.fact, o.indicator, o.value, o.unit, s.title
  FROM jjj_observations o JOIN jjj_sources s ON s.id = o.source
 WHERE o.region = 'bmac' AND o.indicator LIKE 'fixed_asset%'
 ORDER BY o.fact;
