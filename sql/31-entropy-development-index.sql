/*
** 31-entropy-development-index.sql
** An entropy-weighted development index for Beijing, Tianjin and Hebei.
**
** Step 1 lists, for every indicator the three have in common, the years
** in which all three have a value (latest vintage, jjj_series).  Most
** indicators overlap in one to three years only.  Three overlap in the
** same four years, 2018, 2020, 2022 and 2024:
**   gdp              GDP, 100 million yuan           benefit (+1)
**   gdp_real_growth  real GDP growth, percent        benefit (+1)
**   pm25             annual mean PM2.5, ug/m3        cost    (-1)
** Step 2 computes the entropy weights on the balanced panel of those 12
** region-years (min-max standardisation pooled over the panel, 0 ln 0 =
** 0), step 3 the index S = sum w_j z_j of every region-year 2013-2024:
** a region-year outside the balanced panel is listed with what it lacks
** and no index.  GDP levels mix census vintages (the 2024 levels are on
** the post-2023-census basis), so read the index as a ranking, not as
** growth.
*/

-- Step 1: indicator | years with a value for all three
WITH r(region) AS (VALUES ('beijing'), ('tianjin'), ('hebei')),
cover AS (
  SELECT i.id AS indicator, s.year, count(*) AS n
    FROM jjj_indicators AS i, r, jjj_series(i.id, r.region) AS s
   WHERE s.year IS NOT NULL AND typeof(s.value) IN ('integer', 'real')
   GROUP BY i.id, s.year
)
SELECT indicator, group_concat(year, ' ')
  FROM (SELECT indicator, year FROM cover WHERE n = 3 ORDER BY indicator, year)
 GROUP BY indicator
 ORDER BY count(*) DESC, indicator;

-- Step 2: the weights, on the balanced panel
WITH r(region) AS (VALUES ('beijing'), ('tianjin'), ('hebei')),
ind(indicator, dir) AS (VALUES ('gdp', 1), ('gdp_real_growth', 1), ('pm25', -1)),
panel AS (
  SELECT r.region, s.year, ind.indicator, s.value, ind.dir
    FROM r, ind, jjj_series(ind.indicator, r.region) AS s
   WHERE s.year IN (2018, 2020, 2022, 2024)
)
SELECT key, round(value, 4)
  FROM json_each((SELECT jjj_entropy_weights(region || ' ' || year,
                                             indicator, value, dir)
                    FROM panel));

-- Step 3: the index of every region-year, with what is missing
WITH r(region) AS (VALUES ('beijing'), ('tianjin'), ('hebei')),
y(year) AS (SELECT 2013 UNION ALL SELECT year + 1 FROM y WHERE year < 2024),
ind(indicator, dir) AS (VALUES ('gdp', 1), ('gdp_real_growth', 1), ('pm25', -1)),
obs AS (
  SELECT r.region, s.year, ind.indicator, s.value, ind.dir
    FROM r, ind, jjj_series(ind.indicator, r.region) AS s
   WHERE s.year BETWEEN 2013 AND 2024
),
idx(j) AS (
  SELECT jjj_entropy_scores(region || ' ' || year, indicator, value, dir)
    FROM obs WHERE year IN (2018, 2020, 2022, 2024)
)
SELECT r.region, y.year,
       (SELECT value FROM obs WHERE obs.region = r.region AND obs.year = y.year
           AND indicator = 'gdp') AS gdp,
       (SELECT value FROM obs WHERE obs.region = r.region AND obs.year = y.year
           AND indicator = 'gdp_real_growth') AS growth,
       (SELECT value FROM obs WHERE obs.region = r.region AND obs.year = y.year
           AND indicator = 'pm25') AS pm25,
       (SELECT round(value, 4) FROM idx, json_each(idx.j)
         WHERE key = r.region || ' ' || y.year) AS idx,
       CASE
         WHEN y.year NOT IN (2018, 2020, 2022, 2024) THEN
           'outside the balanced panel' ||
           coalesce('; no ' || (SELECT group_concat(ind.indicator, ', ')
              FROM ind WHERE NOT EXISTS (SELECT 1 FROM obs
                WHERE obs.region = r.region AND obs.year = y.year
                  AND obs.indicator = ind.indicator)), '')
         ELSE '' END AS note
  FROM r CROSS JOIN y
 ORDER BY CASE r.region WHEN 'beijing' THEN 1 WHEN 'tianjin' THEN 2 ELSE 3 END,
          y.year;
