-- The combined economy: the three 2024 GDP levels (100 million yuan, the
-- latest vintage) add up to 115,394.3, the article's "11.5 trillion yuan"
-- (fact S007, stored as 115000 with the qualifier "rounded").
SELECT region, value, vintage, basis FROM (
  SELECT 'beijing' AS region, * FROM jjj_series('gdp', 'beijing') WHERE year = 2024
  UNION ALL
  SELECT 'tianjin', * FROM jjj_series('gdp', 'tianjin') WHERE year = 2024
  UNION ALL
  SELECT 'hebei', * FROM jjj_series('gdp', 'hebei') WHERE year = 2024)
 ORDER BY region;

SELECT round(sum(s.value), 1) AS sum_2024,
       (SELECT value FROM jjj_observations WHERE fact = 'S007') AS article,
       (SELECT qualifier FROM jjj_observations WHERE fact = 'S007') AS qualifier
  FROM jjj_regions r, jjj_series('gdp', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei') AND s.year = 2024;

-- Shares of the combined 2024 output, in percent
SELECT r.id, round(100.0 * s.value / sum(s.value) OVER (), 1) AS share_pct
  FROM jjj_regions r, jjj_series('gdp', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei') AND s.year = 2024
 ORDER BY r.id;
