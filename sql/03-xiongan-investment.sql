-- Xiong'an New Area: cumulative investment over time, every figure with its
-- qualifier ("more than" is a lower bound) and its source's date.  Values
-- in 100 million yuan (亿元); 8354 = the article's 835.4 billion yuan.
SELECT o.year, o.value, o.qualifier, s.published, o.source
  FROM jjj_observations o JOIN jjj_sources s ON s.id = o.source
 WHERE o.region = 'xiongan' AND o.indicator = 'cumulative_investment'
 ORDER BY o.year, s.published;

-- Growth between the figures (only meaningful between like figures: the
-- 2022 and 2023 ones are lower bounds)
SELECT year, value, round(chg, 1) AS chg, round(pch, 1) AS pch
  FROM jjj_series('cumulative_investment', 'xiongan');

-- What the article reports built so far (as of early 2025)
SELECT indicator, value, unit
  FROM jjj_observations
 WHERE region = 'xiongan' AND source = 'chinadaily-2025-02-26'
   AND indicator IN ('area_developed', 'floor_space_built', 'buildings_constructed',
                     'new_roads_length', 'utility_tunnels_length', 'hydraulic_dams_length')
 ORDER BY indicator;
