/*
** 32-gravity-linkage.sql
** Gravity-model economic linkage among Beijing, Tianjin and Hebei:
**   R_ij = sqrt(P_i G_i) * sqrt(P_j G_j) / D_ij^2      (k = 1, b = 2)
** with P the year-end resident population (10,000 persons), G the GDP
** (100 million yuan) and D the great-circle distance in km between the
** seats, by jjj_haversine_km (sphere of radius 6371.0088 km).
**
** Coordinates (WGS84), all from ../shared/reference/regions_geo.csv:
**   beijing  39.9033, 116.3917  Tiananmen Square (city centre), Simple
**            English Wikipedia "Tiananmen Square".  The municipal
**            government now sits in Tongzhou, but the only coordinate for
**            it there (row bmac) is low confidence, so the city centre is
**            used.
**   tianjin  39.1336, 117.2053  Tianjin Century Clock Plaza (city centre
**            point of the infobox), English Wikipedia "Tianjin".
**   hebei    38.0425, 114.5100  Hebei People's Government, Shijiazhuang
**            (the provincial seat), English Wikipedia "Shijiazhuang".
**
** Step 1: the distances.  Step 2: the linkage by year, 2013-2024: a year
** lacking a population or GDP of a region shows which, and no R for the
** pairs that need it.  Step 3: each region's linkage shares (经济联系隶属度)
** F_ij = R_ij / sum_k R_ik in 2024.  Population and GDP are the latest
** vintage of each year; series breaks (census revisions of GDP in 2019
** and 2024, Tianjin's population on the 2020-census basis from 2021)
** change the level of R, so compare pairs within a year.
*/

-- Step 1: region_i | region_j | km
WITH seat(o, region, lat, lon) AS (VALUES
  (1, 'beijing', 39.9033, 116.3917),
  (2, 'tianjin', 39.1336, 117.2053),
  (3, 'hebei',   38.0425, 114.5100))
SELECT a.region, b.region,
       round(jjj_haversine_km(a.lat, a.lon, b.lat, b.lon), 1)
  FROM seat AS a JOIN seat AS b ON a.o < b.o
 ORDER BY a.o, b.o;

-- Step 2: year | R beijing-tianjin | R beijing-hebei | R tianjin-hebei | missing
WITH seat(o, region, lat, lon) AS (VALUES
  (1, 'beijing', 39.9033, 116.3917),
  (2, 'tianjin', 39.1336, 117.2053),
  (3, 'hebei',   38.0425, 114.5100)),
y(year) AS (SELECT 2013 UNION ALL SELECT year + 1 FROM y WHERE year < 2024),
mass AS (
  SELECT seat.o, seat.region, y.year,
         (SELECT value FROM jjj_series('population', seat.region) AS s
           WHERE s.year = y.year) AS pop,
         (SELECT value FROM jjj_series('gdp', seat.region) AS s
           WHERE s.year = y.year) AS gdp
    FROM seat CROSS JOIN y
),
pair AS (
  SELECT a.region AS ri, b.region AS rj, ma.year,
         jjj_gravity(ma.pop, ma.gdp, mb.pop, mb.gdp,
                     jjj_haversine_km(a.lat, a.lon, b.lat, b.lon)) AS r
    FROM seat AS a JOIN seat AS b ON a.region <> b.region
    JOIN mass AS ma ON ma.region = a.region
    JOIN mass AS mb ON mb.region = b.region AND mb.year = ma.year
)
SELECT y.year,
       (SELECT round(r, 1) FROM pair WHERE ri = 'beijing' AND rj = 'tianjin'
           AND pair.year = y.year),
       (SELECT round(r, 1) FROM pair WHERE ri = 'beijing' AND rj = 'hebei'
           AND pair.year = y.year),
       (SELECT round(r, 1) FROM pair WHERE ri = 'tianjin' AND rj = 'hebei'
           AND pair.year = y.year),
       coalesce((SELECT group_concat(what, ', ') FROM (
          SELECT o, 1 AS k, region || ' population' AS what FROM mass
           WHERE mass.year = y.year AND pop IS NULL
          UNION ALL
          SELECT o, 2, region || ' gdp' FROM mass
           WHERE mass.year = y.year AND gdp IS NULL
          ORDER BY o, k)), '')
  FROM y
 ORDER BY y.year;

-- Step 3: region_i | region_j | R_ij | F_ij (2024)
WITH seat(o, region, lat, lon) AS (VALUES
  (1, 'beijing', 39.9033, 116.3917),
  (2, 'tianjin', 39.1336, 117.2053),
  (3, 'hebei',   38.0425, 114.5100)),
mass AS (
  SELECT seat.region,
         (SELECT value FROM jjj_series('population', seat.region) AS s
           WHERE s.year = 2024) AS pop,
         (SELECT value FROM jjj_series('gdp', seat.region) AS s
           WHERE s.year = 2024) AS gdp
    FROM seat
),
pair AS (
  SELECT a.region AS ri, b.region AS rj, a.o AS oi, b.o AS oj,
         jjj_gravity(ma.pop, ma.gdp, mb.pop, mb.gdp,
                     jjj_haversine_km(a.lat, a.lon, b.lat, b.lon)) AS r
    FROM seat AS a JOIN seat AS b ON a.region <> b.region
    JOIN mass AS ma ON ma.region = a.region
    JOIN mass AS mb ON mb.region = b.region
)
SELECT ri, rj, round(r, 1), round(r / sum(r) OVER (PARTITION BY ri), 4)
  FROM pair
 ORDER BY oi, oj;
