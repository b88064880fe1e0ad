/*
** Correlation of PM2.5 (annual mean, ug/m3) with real GDP growth (percent)
** for Beijing, Tianjin and Hebei, region-years where both exist.
**
** A descriptive check, not a causal estimate: both series trend over the
** decade (air quality improved while growth slowed), so a positive
** correlation largely reflects the common trend; 2020 and 2022 (the
** pandemic years) pull growth down on their own.  The slope is in
** percentage points of growth per ug/m3.  Tianjin has six such years and
** Hebei eight, too few for a correlation of their own to mean much: the
** example reports n beside each value.
*/

-- Region-years with both figures
CREATE TEMP VIEW p AS
SELECT r.id AS region, a.year, a.value AS pm25, g.value AS growth
FROM jjj_regions r
JOIN jjj_series('pm25', r.id) a
JOIN jjj_series('gdp_real_growth', r.id) g ON g.year = a.year
WHERE r.id IN ('beijing', 'tianjin', 'hebei');

SELECT region, jjj_regr_count(growth, pm25) AS n,
       printf('%.3f', jjj_corr(growth, pm25)) AS corr,
       printf('%.4f', jjj_regr_slope(growth, pm25)) AS slope_pp_per_ug
FROM p GROUP BY region
UNION ALL
SELECT 'all three', jjj_regr_count(growth, pm25), printf('%.3f', jjj_corr(growth, pm25)),
       printf('%.4f', jjj_regr_slope(growth, pm25))
FROM p
UNION ALL
SELECT 'all, without 2020-2022', jjj_regr_count(growth, pm25),
       printf('%.3f', jjj_corr(growth, pm25)), printf('%.4f', jjj_regr_slope(growth, pm25))
FROM p WHERE year NOT BETWEEN 2020 AND 2022;

-- Beijing year by year, with a moving five-year correlation (a window
-- function): NULL until five years are in the frame
SELECT year, pm25, growth,
       CASE WHEN count(*) OVER w = 5
            THEN printf('%.3f', jjj_corr(growth, pm25) OVER w) END AS corr_5y
FROM p WHERE region = 'beijing'
WINDOW w AS (ORDER BY year ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)
ORDER BY year;
