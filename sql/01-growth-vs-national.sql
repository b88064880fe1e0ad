-- How fast did Beijing, Tianjin and Hebei grow against the national
-- average?  Real GDP growth (percent, comparable prices) by year, the value
-- of the latest vintage from jjj_series, and the gap to China in
-- percentage points.  Empty cells are years the sources do not give.
-- Article (China Daily, 2025-02-26): "GDP growth rates of 5.2 percent,
-- 5.1 percent, and 5.4 percent" in 2024; China grew 5.0 percent.
WITH RECURSIVE years(year) AS (
  SELECT 2013 UNION ALL SELECT year + 1 FROM years WHERE year < 2024
)
SELECT y.year,
       c.value                               AS china,
       b.value                               AS beijing,
       t.value                               AS tianjin,
       h.value                               AS hebei,
       round(b.value - c.value, 1)           AS beijing_gap,
       round(t.value - c.value, 1)           AS tianjin_gap,
       round(h.value - c.value, 1)           AS hebei_gap
  FROM years y
  LEFT JOIN jjj_series('gdp_real_growth', 'china')   c ON c.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'beijing') b ON b.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'tianjin') t ON t.year = y.year
  LEFT JOIN jjj_series('gdp_real_growth', 'hebei')   h ON h.year = y.year
 ORDER BY y.year;

-- In how many of the years with data did each grow faster than China?
SELECT r.id,
       count(s.year)                                  AS years_with_data,
       sum(s.value > c.value)                         AS years_above_china
  FROM jjj_regions r
  JOIN jjj_series('gdp_real_growth', r.id) s
  JOIN jjj_series('gdp_real_growth', 'china') c ON c.year = s.year
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
 GROUP BY r.id
 ORDER BY r.id;
