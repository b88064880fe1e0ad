/*
** Average annual real GDP growth, 2014-2024, against the national average.
**
** jjj_avg_rate(year, rate) is the level (geometric) method of NBS,
** 100*((prod(1 + r/100))^(1/n) - 1) over every year's rate.  Periods are
** named as NBS names them: "2014-2024" uses the rates of 2014 to 2024, i.e.
** the growth from the 2013 level to the 2024 level.
**
** The aggregate only sees the rows it gets: a hole inside them gives NULL,
** but a series that simply starts later (Tianjin's starts in 2015) would
** give the average of a shorter period.  So the years are a grid LEFT
** JOINed to the data: a missing year is a row with a NULL rate, and the
** average is NULL.  In the bundled data every region but Beijing misses a
** year: Tianjin 2014, Hebei 2023, China 2018.  The arithmetic mean of the
** rates that exist is shown beside it to make the point: it quietly
** averages over the holes (and is the wrong estimator anyway).
*/
WITH RECURSIVE years(year) AS (SELECT 2014 UNION ALL SELECT year+1 FROM years
                               WHERE year < 2024),
regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3),
                                ('china', 4)),
r AS (SELECT g.region, g.ord, y.year, s.value AS rate
        FROM regions g CROSS JOIN years y
        LEFT JOIN jjj_series('gdp_real_growth', g.region) s ON s.year = y.year)
SELECT region, count(rate) AS years_with_rate,
       round(jjj_avg_rate(year, rate), 2) AS avg_rate_2014_2024,
       round(avg(rate), 2) AS arithmetic_mean
  FROM r GROUP BY region ORDER BY min(ord);

-- So answer "how fast, and since when" instead: for each region the
-- earliest year from which every year up to 2024 has a rate (a window in
-- descending year order turns NULL at the first hole), the average rate
-- over those years, and China's over the same years (NULL where China's
-- own series has a hole in them) with the difference in percentage points.
WITH regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3),
                                     ('china', 4)),
r AS (SELECT g.region, g.ord, s.year, s.value AS rate FROM regions g,
             jjj_series('gdp_real_growth', g.region) s WHERE s.year <= 2024),
since AS (
  SELECT region, ord, min(year) AS since FROM (
    SELECT region, ord, year, jjj_avg_rate(year, rate)
           OVER (PARTITION BY region ORDER BY year DESC) AS a FROM r)
   WHERE a IS NOT NULL GROUP BY region),
avgs AS (
  SELECT s.region, s.ord, s.since,
         (SELECT jjj_avg_rate(year, rate) FROM r WHERE r.region = s.region
             AND year >= s.since) AS a,
         (SELECT jjj_avg_rate(year, rate) FROM r WHERE r.region = 'china'
             AND year >= s.since) AS c
    FROM since s)
SELECT region, since || '-2024' AS period, round(a, 2) AS avg_rate,
       round(c, 2) AS china, round(a - c, 2) AS diff_pp
  FROM avgs ORDER BY ord;

-- The longest stretches all four series cover: 2015-2017 and 2019-2022.
WITH regions(region, ord) AS (VALUES ('beijing', 1), ('tianjin', 2), ('hebei', 3),
                                     ('china', 4)),
periods(p0, p1) AS (VALUES (2015, 2017), (2019, 2022)),
r AS (SELECT g.region, g.ord, s.year, s.value AS rate FROM regions g,
             jjj_series('gdp_real_growth', g.region) s)
SELECT p0 || '-' || p1 AS period, region, count(*) AS years,
       round(jjj_avg_rate(year, rate), 2) AS avg_rate
  FROM periods JOIN r ON r.year BETWEEN p0 AND p1
 GROUP BY p0, region ORDER BY p0, min(ord);
