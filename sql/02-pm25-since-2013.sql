-- By how much did PM2.5 fall since 2013?  Annual mean concentration
-- (ug/m3) in 2013 and 2024 and the change in percent, from jjj_series.
-- The article says "decreased by more than 60 percent compared to 2013"
-- (fact S061).  Tianjin has no 2013 level in the sources: its row shows
-- the gap, and the published fall to 2023 instead.
SELECT r.id,
       a.value                                         AS pm25_2013,
       b.value                                         AS pm25_2024,
       round(100.0 * (b.value / a.value - 1), 1)       AS change_pct
  FROM jjj_regions r
  LEFT JOIN jjj_series('pm25', r.id) a ON a.year = 2013
  LEFT JOIN jjj_series('pm25', r.id) b ON b.year = 2024
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
 ORDER BY r.id;

-- The falls to 2023 that the environment bureaus published themselves
SELECT region, year, value, unit
  FROM jjj_observations
 WHERE indicator = 'pm25_reduction_vs_2013'
 ORDER BY region, year;

-- The article's claim, with its qualifier
SELECT value, unit, qualifier FROM jjj_observations WHERE fact = 'S061';
