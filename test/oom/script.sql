-- script.sql - hand-written statements for the reliability drivers
-- (test/oom/oomtest.c, test/tsan/tsantest.c): every table and its access
-- paths, jjj_series, jjj_load, and error paths.  The SQL functions are
-- covered separately, generated from test/oom/calls.txt.
--
-- Each statement runs on a fresh connection, so each one decodes the
-- built-in dataset on first use.  Keep results small (a few dozen rows):
-- the OOM driver fails every allocation of a statement in turn, so its cost
-- grows with the square of the statement's allocation count.
-- The OOM driver fails if a table in pragma_module_list appears nowhere here.

-- ---- jjj_regions, jjj_indicators, jjj_sources ------------------------
SELECT count(*), min(id), max(id) FROM jjj_regions;
SELECT id, code, name_en, name_zh, level, parent, dataset, note
  FROM jjj_regions WHERE id = 'beijing';
SELECT id, level FROM jjj_regions WHERE id IN ('hebei', 'tianjin', 'nowhere')
 ORDER BY id;
SELECT id FROM jjj_regions WHERE dataset = 'jingjinji' AND level = 'province'
 ORDER BY id DESC;
SELECT count(*), max(length(description)) FROM jjj_indicators;
SELECT id, name_en, name_zh, unit, category, dataset FROM jjj_indicators
 WHERE id = 'pm25';
SELECT count(*), max(published) FROM jjj_sources;
SELECT id, title, publisher, published, url, note, dataset FROM jjj_sources
 WHERE id = 'src001';
SELECT r.id, count(o.value) FROM jjj_regions r
  LEFT JOIN jjj_observations o ON o.region = r.id AND o.indicator = 'gdp'
 WHERE r.level = 'province' GROUP BY r.id ORDER BY r.id;

-- ---- jjj_observations ------------------------------------------------
SELECT count(*), count(value), sum(typeof(value) = 'text') FROM jjj_observations;
SELECT year, value, unit, qualifier, vintage, basis, source, note, dataset,
       period, excerpt, fact
  FROM jjj_observations
 WHERE region = 'beijing' AND indicator = 'gdp' AND year = 2018;
SELECT year, value FROM jjj_observations
 WHERE region = 'hebei' AND indicator = 'gdp' AND year BETWEEN 2014 AND 2017
 ORDER BY year;
SELECT year, value FROM jjj_observations
 WHERE region = 'tianjin' AND indicator = 'gdp_real_growth'
   AND year > 2015 AND year < 2020 ORDER BY region, indicator, year;
SELECT region, count(*) FROM jjj_observations WHERE indicator = 'pm25'
 GROUP BY region ORDER BY region;
SELECT indicator, count(*) FROM jjj_observations WHERE region = 'beijing'
 GROUP BY indicator ORDER BY 2 DESC, 1 LIMIT 5;
SELECT count(*) FROM jjj_observations
 WHERE region IN ('beijing', 'tianjin') AND indicator IN ('gdp', 'pm25');
SELECT region, indicator, year, value FROM jjj_observations
 WHERE typeof(value) = 'text' ORDER BY region, indicator, year LIMIT 5;
SELECT count(*) FROM jjj_observations WHERE dataset = 'jingjinji'
   AND year >= 2020;
SELECT count(*) FROM jjj_observations WHERE region = 1 OR indicator = 2;
SELECT region, year FROM jjj_observations WHERE region = 'BEIJING' COLLATE NOCASE
   AND indicator = 'gdp' ORDER BY region DESC, year;
SELECT o.year, o.value, s.published FROM jjj_observations o
  JOIN jjj_sources s ON s.id = o.source
 WHERE o.region = 'beijing' AND o.indicator = 'pm25' ORDER BY o.year;

-- ---- jjj_series --------------------------------------------------------
SELECT year, value, unit, qualifier, vintage, basis, source, published,
       chg, pch, n_obs, dataset
  FROM jjj_series('gdp', 'beijing');
SELECT year, value, pch FROM jjj_series('gdp', 'hebei', '2019-06-30');
SELECT year, value FROM jjj_series('gdp_real_growth', 'tianjin', '2020');
SELECT year, value FROM jjj_series WHERE indicator = 'pm25'
   AND region = 'beijing' AND as_of = '2024-12';
SELECT r.id, (SELECT count(*) FROM jjj_series('gdp', r.id))
  FROM jjj_regions r WHERE r.level = 'province' ORDER BY r.id;
SELECT year FROM jjj_series('gdp', 'beijing', NULL);
SELECT * FROM jjj_series('no_such_indicator', 'beijing');
SELECT * FROM jjj_series('gdp', 'no_such_region');
SELECT * FROM jjj_series('gdp', 'beijing', 'not a date');
SELECT * FROM jjj_series WHERE indicator = 'gdp';
-- integer arguments are converted to text (an allocation that can fail)
SELECT year, value FROM jjj_series('gdp', 'beijing', 2016);
SELECT * FROM jjj_series(42, 'beijing');
SELECT * FROM jjj_series('gdp', 7);
SELECT rowid, year FROM jjj_series('pm25', 'beijing') ORDER BY year DESC;

-- ---- jjj_info ----------------------------------------------------------
SELECT key, value FROM jjj_info ORDER BY key;
SELECT value FROM jjj_info WHERE key = 'checksum';

-- ---- option readers: their error messages under OOM (json.c, svg.c) ---
SELECT jjj_entropy_weights('a', 'x', 1.0, 1, '{"shift":0.1000000000000000000000000000000000000000000000000000000000000000001,"shift":1}');
SELECT jjj_entropy_weights('a', 'x', 1.0, 1, '{x}');
SELECT length(jjj_svg_line(1, 1, 's', '{"colors":"red, blue","title":""}'));
SELECT jjj_svg_line(1, 1, 's', '{"colors":"red,url(x)"}');
SELECT jjj_svg_line(1, 1, 's', '{"colors":["red","url(x)"]}');
SELECT jjj_svg_line(1, 1, 's', '{"width":1}');
SELECT jjj_svg_line(1, 1, 's', '[1]');
SELECT jjj_svg_line(1, 1, 's', '{"title":"a\q"}');
SELECT jjj_svg_line(1, 1, 's', '{"nope":1}');
SELECT jjj_svg_line(1, 1, 's', '{"title":"a","title":"b"}');
SELECT jjj_svg_line(1, 1, 's', '{"x_min":2,"x_max":1}');
SELECT jjj_svg_line(1, 1, 's', '{"y_min":2,"y_max":1}');
SELECT jjj_svg_line(1, 1, 's', 42);
WITH t(x, o) AS (VALUES (1, '{}'), (2, '{"title":"b"}')) SELECT jjj_svg_line(x, 1, 's', o) FROM t;

-- ---- read-only -------------------------------------------------------
DELETE FROM jjj_regions WHERE id = 'beijing';
UPDATE jjj_observations SET value = 0 WHERE region = 'beijing';
INSERT INTO jjj_info VALUES ('k', 'v');

-- ---- jjj_load, jjj_unload: two datasets on one connection --------------
-- (each line is one test on one connection: the load, then the query)
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT count(*), count(DISTINCT dataset), sum(typeof(value) = 'real') FROM jjj_observations;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT id, dataset FROM jjj_regions WHERE id > 'h' ORDER BY id LIMIT 12;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT id, unit, dataset FROM jjj_indicators WHERE id LIKE 'hc.%' OR id = 'gdp' ORDER BY id;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT count(*), min(id), max(id) FROM jjj_sources WHERE dataset = 'hebei_cities';
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT region, indicator, year, value FROM jjj_observations WHERE indicator IN ('gdp', 'hc.gdp') AND year = 2016 ORDER BY region, indicator, year;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT region, year, value FROM jjj_observations WHERE region = 'hc.baoding' ORDER BY indicator, year;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT year, value, dataset FROM jjj_series('hc.gdp', 'hc.shijiazhuang');
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT key, value FROM jjj_info WHERE key LIKE 'hebei_cities.%' ORDER BY key;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT count(*) FROM jjj_regions;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT jjj_unload('hebei_cities'); SELECT count(*) FROM jjj_observations;
SELECT jjj_load('data/examples/hebei_cities.bundle'); SELECT count(*) FROM jjj_observations o JOIN jjj_regions r ON r.id = o.region WHERE r.dataset <> o.dataset;
SELECT jjj_load('no/such/file.bundle');
SELECT jjj_load('data/examples/README.md');
SELECT jjj_load('build/jingjinji.bundle');
SELECT jjj_load('data/examples/rows.bundle');
SELECT jjj_unload('jingjinji');
SELECT jjj_unload('not_loaded');

-- ---- schema use, views and triggers ------------------------------------
-- (two statements on one line run as one test, on one connection)
CREATE TEMP VIEW v AS SELECT year, value FROM jjj_series('gdp', 'tianjin'); SELECT count(*), sum(value) FROM v;

-- ---- entropy.c: text items (interned) and rows not grouped by item ------
WITH t(i, c, v) AS (VALUES ('b', 'x', 1.0), ('a', 'y', 2.0), ('b', 'y', 4.0), ('a', 'x', 3.0), ('c', 'x', 2.5), ('c', 'y', 0.5)) SELECT jjj_topsis(i, c, v), jjj_entropy_scores(i, c, v) FROM t;

-- ---- entropy.c: criterion-major rows (column runs), mixed, moving frames -
WITH t(i, c, v) AS (VALUES ('a', 'x', 1.0), ('b', 'x', 2.0), ('c', 'x', 4.0), ('a', 'y', 3.0), ('b', 'y', 1.0), ('c', 'y', 2.5)) SELECT jjj_topsis(i, c, v), jjj_entropy_scores(i, c, v) FROM t;
WITH t(i, c, v) AS (VALUES (1, 'x', 1.0), (1, 'y', 2.0), (2, 'x', 3.0), (3, 'x', 4.0), (2, 'y', 1.5), (3, 'y', 0.5)) SELECT jjj_entropy_weights(i, c, v) FROM t;
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n+1 FROM k WHERE n < 299) SELECT sum(length(w)) FROM (SELECT jjj_entropy_weights(i, c, v) OVER (ORDER BY n ROWS 20 PRECEDING) AS w FROM (SELECT n, (n*7 + n/10) % 10 AS i, n/10 AS c, (n*37) % 11 AS v FROM k));
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n+1 FROM k WHERE n < 199) SELECT length(jjj_topsis(n % 100, n / 100, (n*37) % 11)) FROM k;
