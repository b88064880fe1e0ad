-- report.sql - a self-contained HTML page telling the story of the bundled
-- data, every chart drawn by SQL through the extension.
--
--   make report
--   sqlite3 -bail -list -noheader -cmd '.load ./jingjinji' :memory: \
--           < sql/report.sql > report.html        (what make report runs)
--
-- Plain SQL, no shell dot-commands: each statement returns one column of
-- HTML and the page is those rows in order, one per line.  Nothing is
-- fetched when the page is opened: the charts are inline SVG, the styles
-- are in the page, there is no script.  The page is well-formed XML too.
--
-- How it is built, so you can adapt it:
--   * rep_points(chart, region, year, value, source, basis, qualifier)
--     collects the figures of every chart from jjj_series (the latest
--     vintage of each year) or jjj_observations; the charts, their source
--     lines and their gap notes are all read from it.  To chart another
--     indicator, insert its rows under a new chart name and copy a
--     section.
--   * rep_source_html(chart) and rep_gap_html(chart) write the source line
--     and the "no figure for ..." note of a chart from rep_points.
--   * Escaping: SVG text is escaped by jjj_svg_line/jjj_svg_bar; text from
--     the data put into HTML is written through
--     replace(replace(replace(x, '&', '&amp;'), '<', '&lt;'), '>', '&gt;').

-------------------------------------------------------------------------
-- Helpers
CREATE TEMP VIEW rep_years(year) AS
  WITH RECURSIVE y(year) AS (SELECT 2013 UNION ALL SELECT year + 1 FROM y
                              WHERE year < 2025)
  SELECT year FROM y;

-- Display names and order (China first: the national average)
CREATE TEMP TABLE rep_regions(id TEXT PRIMARY KEY, name TEXT, ord INT);
INSERT INTO rep_regions VALUES
  ('china', 'China (national)', 0), ('beijing', 'Beijing', 1),
  ('tianjin', 'Tianjin', 2), ('hebei', 'Hebei', 3),
  ('beijing_to_tianjin_hebei', 'Beijing to Tianjin and Hebei', 4),
  ('xiongan', 'Xiong''an New Area', 5);

CREATE TEMP TABLE rep_points(
  chart TEXT, region TEXT, year INT, value REAL,
  source TEXT, basis TEXT, qualifier TEXT
);

-- The source line of each chart: how many documents, their publishers,
-- their ids in jjj_sources
CREATE TEMP VIEW rep_source_html(chart, html) AS
  WITH used AS (
    SELECT DISTINCT p.chart, p.source FROM rep_points p
     WHERE p.source IS NOT NULL
  ),
  pub AS (
    SELECT DISTINCT u.chart, coalesce(s.publisher, 'other publishers') AS name
      FROM used u JOIN jjj_sources s ON s.id = u.source
  )
  SELECT c.chart,
         '<p class="source">Sources: ' ||
         (SELECT count(*) FROM used u WHERE u.chart = c.chart) ||
         ' documents, from ' ||
         (SELECT group_concat(replace(replace(replace(name, '&', '&amp;'),
                 '<', '&lt;'), '>', '&gt;'), '; ')
            FROM (SELECT name FROM pub WHERE pub.chart = c.chart ORDER BY name)) ||
         ' (ids in jjj_sources: ' ||
         (SELECT group_concat(source, ', ')
            FROM (SELECT source FROM used u WHERE u.chart = c.chart
                   ORDER BY source)) ||
         ').</p>'
    FROM (SELECT DISTINCT chart FROM used) c;

-- The gaps of each chart: years inside a series' span of the chart
-- without a figure, and the years its comparable basis changes
CREATE TEMP VIEW rep_gap_html(chart, html) AS
  WITH span AS (
    SELECT chart, min(year) AS y0, max(year) AS y1 FROM rep_points
     WHERE value IS NOT NULL GROUP BY chart
  ),
  missing AS (
    SELECT s.chart, r.id AS region, r.ord, r.name,
           group_concat(y.year, ', ') AS years, count(*) AS n
      FROM span s
      JOIN (SELECT DISTINCT chart, region FROM rep_points) pr ON pr.chart = s.chart
      JOIN rep_regions r ON r.id = pr.region
      JOIN rep_years y ON y.year BETWEEN s.y0 AND s.y1
     WHERE NOT EXISTS (SELECT 1 FROM rep_points p
                        WHERE p.chart = s.chart AND p.region = r.id
                          AND p.year = y.year AND p.value IS NOT NULL)
     GROUP BY s.chart, r.id
  ),
  breaks AS (
    SELECT chart, region, year, prev, basis FROM (
      SELECT chart, region, year, basis,
             lag(basis) OVER (PARTITION BY chart, region ORDER BY year) AS prev
        FROM rep_points WHERE value IS NOT NULL AND basis IS NOT NULL
         AND chart = 'gdp')     -- levels: a rate is comparable across bases
     WHERE prev IS NOT NULL AND prev <> basis
  ),
  lines AS (
    SELECT m.chart, m.ord, 0 AS k,
           replace(replace(m.name, '&', '&amp;'), '<', '&lt;') ||
           ': no figure for ' || m.years AS line
      FROM missing m
    UNION ALL
    SELECT b.chart, r.ord, 1,
           replace(replace(r.name, '&', '&amp;'), '<', '&lt;') ||
           ': basis changes in ' ||
           group_concat(b.year || ' (' || b.prev || ' to ' || b.basis || ')', ', ')
      FROM breaks b JOIN rep_regions r ON r.id = b.region
     GROUP BY b.chart, b.region
  )
  SELECT chart, '<p class="gaps">Gaps in the sources. ' ||
         group_concat(line, '. ') || '.</p>'
    FROM (SELECT * FROM lines ORDER BY chart, k, ord)
   GROUP BY chart;

-------------------------------------------------------------------------
-- The figures
INSERT INTO rep_points
SELECT 'growth', r.id, s.year, s.value, s.source, s.basis, s.qualifier
  FROM rep_regions r, jjj_series('gdp_real_growth', r.id) s
 WHERE r.id IN ('china', 'beijing', 'tianjin', 'hebei')
   AND s.year BETWEEN 2013 AND 2025;

INSERT INTO rep_points
SELECT 'gdp', r.id, s.year, s.value, s.source, s.basis, s.qualifier
  FROM rep_regions r, jjj_series('gdp', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
   AND s.year BETWEEN 2013 AND 2025;

INSERT INTO rep_points
SELECT 'pm25', r.id, s.year, s.value, s.source, s.basis, s.qualifier
  FROM rep_regions r, jjj_series('pm25', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
   AND s.year BETWEEN 2013 AND 2025;

-- GDP per capita (official figures) and population: disparity, and the
-- economy subsystem of the coupling coordination
INSERT INTO rep_points
SELECT 'gdppc', r.id, s.year, s.value, s.source, s.basis, s.qualifier
  FROM rep_regions r, jjj_series('gdp_per_capita', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
   AND s.year BETWEEN 2013 AND 2024;

INSERT INTO rep_points
SELECT 'population', r.id, s.year, s.value, s.source, s.basis, s.qualifier
  FROM rep_regions r, jjj_series('population', r.id) s
 WHERE r.id IN ('beijing', 'tianjin', 'hebei')
   AND s.year BETWEEN 2013 AND 2024;

INSERT INTO rep_points
SELECT 'technology', 'beijing_to_tianjin_hebei', s.year, s.value, s.source,
       s.basis, s.qualifier
  FROM jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei') s;

-- Xiong'an: every figure with its qualifier (two are lower bounds)
INSERT INTO rep_points
SELECT 'xiongan', 'xiongan', o.year, o.value, o.source, o.basis, o.qualifier
  FROM jjj_observations o
 WHERE o.region = 'xiongan' AND o.indicator = 'cumulative_investment';

-- Coupling coordination degree of economy (GDP per capita, a benefit) and
-- environment (PM2.5, a cost), standardised over the pooled 2013-2024
-- panel with jjj_entropy_scores; D = jjj_ccd(U1, U2) (see
-- sql/30-ccd-economy-environment.sql for the method and its caveats)
INSERT INTO rep_points
WITH econ AS (
  SELECT region, year, value FROM rep_points
   WHERE chart = 'gdppc' AND year BETWEEN 2013 AND 2024
),
env AS (
  SELECT region, year, value FROM rep_points
   WHERE chart = 'pm25' AND year BETWEEN 2013 AND 2024
),
u1(j) AS (
  SELECT jjj_entropy_scores(region || ' ' || year, 'gdp_per_capita', value, 1)
    FROM econ
),
u2(j) AS (
  SELECT jjj_entropy_scores(region || ' ' || year, 'pm25', value, -1)
    FROM env
),
grid AS (
  SELECT e.region, e.year,
         (SELECT value FROM u1, json_each(u1.j)
           WHERE key = e.region || ' ' || e.year) AS u_econ,
         (SELECT value FROM u2, json_each(u2.j)
           WHERE key = e.region || ' ' || e.year) AS u_env
    FROM econ e JOIN env v ON v.region = e.region AND v.year = e.year
)
SELECT 'ccd', region, year, jjj_ccd(u_econ, u_env), NULL, NULL, NULL
  FROM grid;

-- the sources of the coordination chart are those of its inputs
INSERT INTO rep_points
SELECT 'ccd', p.region, p.year, NULL, p.source, NULL, NULL
  FROM rep_points p
 WHERE p.chart IN ('gdppc', 'pm25') AND p.year BETWEEN 2013 AND 2024
   AND EXISTS (SELECT 1 FROM rep_points c WHERE c.chart = 'ccd'
                AND c.region = p.region AND c.year = p.year);

-------------------------------------------------------------------------
-- The page
SELECT '<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>Beijing-Tianjin-Hebei in numbers</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: #222222; background: #ffffff;
       max-width: 820px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; }
h2 { font-size: 1.25em; margin-top: 2.2em; border-bottom: 1px solid #dddddd; }
.lead { font-size: 1.05em; }
.meta, .source, .gaps, footer { font-size: 0.85em; color: #555555; }
.gaps { color: #6b4500; background: #fff7e0; border-left: 3px solid #e0a800;
        padding: 0.3em 0.6em; }
figure { margin: 1em 0 0.4em 0; }
figure svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.6em 0; }
th, td { border: 1px solid #dddddd; padding: 0.15em 0.5em; }
th { background: #f4f4f4; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.kpis { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }
.kpi { flex: 1 1 170px; border: 1px solid #dddddd; border-radius: 4px;
       padding: 0.5em 0.7em; }
.kpi b { display: block; font-size: 1.5em; color: #1f77b4; }
</style>
</head>
<body>
<header>
<h1>Beijing&#8211;Tianjin&#8211;Hebei in numbers</h1>
<p class="lead">京津冀协同发展: eleven years of the coordinated development
strategy in the official figures &#8212; growth against the national
average, cleaner air, the balance of economy and environment, the gap
between the three, technology flowing out of Beijing and the new city of
Xiong&#39;an.</p>';

SELECT '<p class="meta">Dataset ' || d.v || ' (' || n.v || ' figures from ' ||
       s.v || ' sources, checksum ' || c.v || '), drawn by the jingjinji ' ||
       'extension ' || e.v || ' on SQLite ' || q.v ||
       '. Every chart is one SQL aggregate; the page is sql/report.sql run ' ||
       'by the sqlite3 shell. Figures are the latest vintage of each year ' ||
       '(jjj_series); rates are in percent.</p>'
  FROM (SELECT value AS v FROM jjj_info WHERE key = 'dataset_version') d,
       (SELECT value AS v FROM jjj_info WHERE key = 'rows.observations') n,
       (SELECT value AS v FROM jjj_info WHERE key = 'rows.sources') s,
       (SELECT value AS v FROM jjj_info WHERE key = 'checksum') c,
       (SELECT value AS v FROM jjj_info WHERE key = 'extension_version') e,
       (SELECT sqlite_version() AS v) q;

-- Key figures of the latest year
SELECT '<div class="kpis">' ||
  (SELECT '<div class="kpi"><b>' || printf('%.1f', sum(value) / 10000.0) ||
          ' trillion yuan</b>GDP of the three in ' || year ||
          ' (sum of the latest figures)</div>'
     FROM rep_points WHERE chart = 'gdp' AND year = 2024
      AND region IN ('beijing', 'tianjin', 'hebei')) ||
  (SELECT '<div class="kpi"><b>' ||
          group_concat(printf('%.1f', value), ' / ') ||
          ' %</b>real growth 2024, Beijing / Tianjin / Hebei (China ' ||
          (SELECT printf('%.1f', value) FROM rep_points
            WHERE chart = 'growth' AND region = 'china' AND year = 2024) ||
          ' %)</div>'
     FROM (SELECT p.value FROM rep_points p JOIN rep_regions r ON r.id = p.region
            WHERE p.chart = 'growth' AND p.year = 2024 AND p.region <> 'china'
            ORDER BY r.ord)) ||
  (SELECT '<div class="kpi"><b>' ||
          printf('%.0f', 100.0 * (1 - b.value / a.value)) ||
          ' % less</b>PM2.5 in Beijing, 2013 to 2024 (' ||
          printf('%.1f', a.value) || ' to ' || printf('%.1f', b.value) ||
          ' µg/m³)</div>'
     FROM rep_points a, rep_points b
    WHERE a.chart = 'pm25' AND a.region = 'beijing' AND a.year = 2013
      AND b.chart = 'pm25' AND b.region = 'beijing' AND b.year = 2024) ||
  (SELECT '<div class="kpi"><b>' || printf('%.1f', value / 10.0) ||
          ' billion yuan</b>invested in Xiong&#39;an by ' || year ||
          ' (cumulative)</div>'
     FROM rep_points WHERE chart = 'xiongan' ORDER BY year DESC LIMIT 1) ||
  '</div></header>';

-------------------------------------------------------------------------
-- 1. Growth against the national average
SELECT '<section id="growth">
<h2>1. Real growth against the national average</h2>
<p>Real GDP growth at comparable prices, percent, against China&#39;s.
A missing year breaks a line: nothing is interpolated.</p>';

SELECT '<p>' || group_concat(line, ' ') || '</p>' FROM (
  SELECT r.name || ' grew faster than China in ' ||
         sum(p.value > c.value) || ' of the ' || count(*) ||
         ' years both rates are known (on average ' ||
         printf('%+.1f', avg(p.value - c.value)) || ' points).' AS line
    FROM rep_points p JOIN rep_regions r ON r.id = p.region
    JOIN rep_points c ON c.chart = 'growth' AND c.region = 'china'
                     AND c.year = p.year
   WHERE p.chart = 'growth' AND p.region <> 'china'
   GROUP BY p.region ORDER BY r.ord);

SELECT '<figure>' || jjj_svg_line(year, value, name, json_object(
         'title', 'Real GDP growth, percent',
         'y_label', 'percent, comparable prices',
         'source', 'gdp_real_growth; latest vintage of each year',
         'width', 780, 'height', 380, 'order', 'input',
         'colors', json_array('#555555', '#1f77b4', '#d62728', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT y.year, p.value, r.name
          FROM rep_regions r
          JOIN rep_years y ON y.year BETWEEN 2013 AND 2025
          LEFT JOIN rep_points p ON p.chart = 'growth' AND p.region = r.id
                                AND p.year = y.year
         WHERE r.id IN ('china', 'beijing', 'tianjin', 'hebei')
         ORDER BY r.ord, y.year);

SELECT '<p>The same, as the gap to the national rate in percentage points
(an empty slot: one of the two rates is missing).</p>';

SELECT '<figure>' || jjj_svg_bar(p.year, p.value - c.value, p.name, json_object(
         'title', 'Growth minus the national rate, percentage points',
         'y_label', 'percentage points',
         'width', 780, 'height', 340, 'order', 'input',
         'colors', json_array('#1f77b4', '#d62728', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT p.year, p.value, r.name
          FROM rep_points p JOIN rep_regions r ON r.id = p.region
         WHERE p.chart = 'growth' AND p.region <> 'china'
           AND p.year BETWEEN 2013 AND 2024
         ORDER BY r.ord, p.year) p
  LEFT JOIN rep_points c ON c.chart = 'growth' AND c.region = 'china'
                        AND c.year = p.year;

SELECT html FROM rep_source_html WHERE chart = 'growth';
SELECT html FROM rep_gap_html WHERE chart = 'growth';
SELECT '</section>';

-------------------------------------------------------------------------
-- 2. GDP levels, with their revision breaks
SELECT '<section id="gdp">
<h2>2. GDP: levels and their revision breaks</h2>
<p>GDP at current prices, 100 million yuan. Levels are restated after each
economic census (经济普查): a line breaks where the comparable basis of the
figures changes, because the two sides are not comparable.</p>';

SELECT '<p>The trap: Tianjin&#39;s GDP &quot;changed&quot; by ' ||
       printf('%+.1f', 100.0 * (b.value / a.value - 1)) || ' % from ' ||
       a.year || ' to ' || b.year || ', yet its economy grew ' ||
       printf('%.1f', g.value) || ' % in real terms that year: the ' ||
       a.year || ' level is on the ' || a.basis || ' basis, the ' || b.year ||
       ' level on the census-revised ' || b.basis || ' one.</p>'
  FROM rep_points a
  JOIN rep_points b ON b.chart = 'gdp' AND b.region = a.region
                   AND b.year = a.year + 1 AND b.basis <> a.basis
  JOIN rep_points g ON g.chart = 'growth' AND g.region = a.region
                   AND g.year = b.year
 WHERE a.chart = 'gdp' AND a.region = 'tianjin'
 ORDER BY a.year LIMIT 1;

-- a NULL half a year before each change of basis breaks the line there
SELECT '<figure>' || jjj_svg_line(x, value, name, json_object(
         'title', 'GDP at current prices, 100 million yuan',
         'y_label', '100 million yuan', 'y_zero', json('true'),
         'width', 780, 'height', 380, 'order', 'input',
         'colors', json_array('#1f77b4', '#d62728', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT p.year AS x, p.value, r.name, r.ord
          FROM rep_points p JOIN rep_regions r ON r.id = p.region
         WHERE p.chart = 'gdp'
        UNION ALL
        SELECT year - 0.5, NULL, name, ord FROM (
          SELECT p.year, r.name, r.ord, p.basis,
                 lag(p.basis) OVER (PARTITION BY p.region ORDER BY p.year) AS prev
            FROM rep_points p JOIN rep_regions r ON r.id = p.region
           WHERE p.chart = 'gdp')
         WHERE prev <> basis
         ORDER BY 4, 1);

SELECT html FROM rep_source_html WHERE chart = 'gdp';
SELECT html FROM rep_gap_html WHERE chart = 'gdp';
SELECT '</section>';

-------------------------------------------------------------------------
-- 3. The chained real index, 2013 = 100: jjj_chain_index over the growth
-- rates of the regions whose rates start in 2013 (the earliest year of a
-- partition is 100; a missing year or rate gives NULL from there on)
CREATE TEMP VIEW rep_chain(region, year, idx) AS
  SELECT region, year, idx FROM (
    SELECT region, year,
           jjj_chain_index(year, value) OVER (PARTITION BY region ORDER BY year)
             AS idx
      FROM rep_points
     WHERE chart = 'growth' AND year BETWEEN 2013 AND 2024
       AND region IN (SELECT region FROM rep_points
                       WHERE chart = 'growth' AND year = 2013))
   WHERE idx IS NOT NULL;

SELECT '<section id="index">
<h2>3. Real GDP index, 2013 = 100</h2>
<p>The yearly real growth rates chained into one index: the comparable
measure of how much the economies grew, immune to the level revisions of
section 2. Each year multiplies the index by (100 + rate) / 100; a missing
rate ends the chain, since chaining across it would be silently wrong.</p>';

SELECT '<figure>' || jjj_svg_line(year, idx, name, json_object(
         'title', 'Real GDP index, 2013 = 100',
         'y_label', 'index, 2013 = 100',
         'source', 'chained from gdp_real_growth',
         'width', 780, 'height', 380, 'order', 'input',
         'colors', json_array('#555555', '#1f77b4', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT c.year, c.idx, r.name
          FROM rep_chain c JOIN rep_regions r ON r.id = c.region
         ORDER BY r.ord, c.year);

SELECT '<p>' || group_concat(line, ' ') || '</p>' FROM (
  SELECT r.name || ': ' || printf('%.1f', c.idx) || ' in ' || c.year ||
         CASE WHEN c.year < 2024 THEN ' (the chain ends: no rate for ' ||
              (c.year + 1) || ')' ELSE '' END || '.' AS line
    FROM rep_chain c JOIN rep_regions r ON r.id = c.region
   WHERE c.year = (SELECT max(year) FROM rep_chain c2 WHERE c2.region = c.region)
   ORDER BY r.ord);

SELECT '<p class="gaps">' || group_concat(r.name, ', ') ||
       ' not drawn: the sources give no rate for 2013, so the chain cannot
start in 2013.</p>'
  FROM rep_regions r
 WHERE r.id IN (SELECT region FROM rep_points WHERE chart = 'growth')
   AND r.id NOT IN (SELECT region FROM rep_chain);
SELECT html FROM rep_source_html WHERE chart = 'growth';
SELECT '</section>';

-------------------------------------------------------------------------
-- 4. PM2.5 since 2013
SELECT '<section id="pm25">
<h2>4. PM2.5 since 2013</h2>
<p>Annual mean concentration of fine particles, µg/m³ (the national
standard&#39;s grade II limit is 35). Years without a published figure are
gaps, drawn as breaks in the lines.</p>';

SELECT '<p>' || group_concat(line, ' ') || '</p>' FROM (
  SELECT r.name || ': ' || printf('%.1f', a.value) || ' in ' || a.year ||
         ', ' || printf('%.1f', b.value) || ' in ' || b.year || ' (' ||
         printf('%+.0f', 100.0 * (b.value / a.value - 1)) || ' %)' ||
         coalesce('; at or below 35 from ' ||
                  (SELECT min(year) FROM rep_points q WHERE q.chart = 'pm25'
                     AND q.region = r.id AND q.value <= 35) || '.', '.') AS line
    FROM rep_regions r
    JOIN rep_points a ON a.chart = 'pm25' AND a.region = r.id
     AND a.year = (SELECT min(year) FROM rep_points q
                    WHERE q.chart = 'pm25' AND q.region = r.id)
    JOIN rep_points b ON b.chart = 'pm25' AND b.region = r.id AND b.year = 2024
   ORDER BY r.ord);

SELECT '<figure>' || jjj_svg_line(y.year, p.value, r.name, json_object(
         'title', 'PM2.5 annual mean concentration',
         'y_label', 'µg/m³', 'y_zero', json('true'),
         'width', 780, 'height', 380, 'order', 'input',
         'colors', json_array('#1f77b4', '#d62728', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT * FROM rep_regions WHERE id IN ('beijing', 'tianjin', 'hebei')
         ORDER BY ord) r
  JOIN rep_years y
  LEFT JOIN rep_points p ON p.chart = 'pm25' AND p.region = r.id
                        AND p.year = y.year;

SELECT html FROM rep_source_html WHERE chart = 'pm25';
SELECT html FROM rep_gap_html WHERE chart = 'pm25';
SELECT '</section>';

-------------------------------------------------------------------------
-- 5. Coupling coordination of economy and environment
SELECT '<section id="ccd">
<h2>5. Coupling coordination of economy and environment</h2>
<p>The coupling coordination degree D (耦合协调度) of two subsystems:
the economy, measured by GDP per capita, and the environment, by PM2.5
(lower is better). Both are scaled 0 to 1 over all region-years
(jjj_entropy_scores), then D = &#8730;(C&#183;T) with C = 2&#8730;(U1 U2) /
(U1 + U2) and T = (U1 + U2) / 2 (jjj_ccd). The grid lines are the
boundaries of the ten levels (jjj_ccd_level, jjj_ccd_label).</p>';

SELECT '<figure>' || jjj_svg_line(y.year, p.value, r.name, json_object(
         'title', 'Coupling coordination degree D, economy and environment',
         'y_label', 'D (0 to 1)', 'y_min', 0, 'y_max', 1,
         'width', 780, 'height', 520, 'order', 'input',
         'colors', json_array('#1f77b4', '#d62728', '#2ca02c'))) ||
       '</figure>'
  FROM (SELECT * FROM rep_regions WHERE id IN ('beijing', 'tianjin', 'hebei')
         ORDER BY ord) r
  JOIN rep_years y ON y.year BETWEEN 2013 AND 2024
  LEFT JOIN rep_points p ON p.region = r.id AND p.chart = 'ccd'
                        AND p.year = y.year AND p.value IS NOT NULL;

SELECT '<table><tr><th>region</th><th>year</th><th>D</th><th>level</th>' ||
       '<th>level (en)</th><th>等级</th></tr>' ||
       group_concat('<tr><td>' || name || '</td><td class="n">' || year ||
         '</td><td class="n">' || printf('%.3f', value) ||
         '</td><td class="n">' || jjj_ccd_level(value) || '</td><td>' ||
         jjj_ccd_label(value) || '</td><td>' || jjj_ccd_label(value, 'zh') ||
         '</td></tr>', '') || '</table>'
  FROM (SELECT r.name, p.year, p.value
          FROM rep_points p JOIN rep_regions r ON r.id = p.region
         WHERE p.chart = 'ccd' AND p.value IS NOT NULL
           AND p.year = (SELECT max(year) FROM rep_points q
                          WHERE q.chart = 'ccd' AND q.region = p.region
                            AND q.value IS NOT NULL)
         ORDER BY r.ord);

SELECT '<p>The ten levels (D in [lo, hi)): ' ||
       group_concat(level || ' ' || jjj_ccd_label((level - 0.5) / 10.0) ||
                    ' ' || jjj_ccd_label((level - 0.5) / 10.0, 'zh') ||
                    ' (' || printf('%.1f', (level - 1) / 10.0) || '&#8211;' ||
                    printf('%.1f', level / 10.0) || ')', '; ') || '.</p>'
  FROM (WITH RECURSIVE l(level) AS (SELECT 1 UNION ALL SELECT level + 1 FROM l
                                     WHERE level < 10)
        SELECT level FROM l);

SELECT '<p class="gaps">D needs both subsystems in the same year. ' ||
       group_concat(name || ': ' || years, '. ') || '. Hebei 2013 has the lowest
GDP per capita and the highest PM2.5 of the panel, so both scores are 0
and D is undefined. GDP per capita mixes census vintages.</p>'
  FROM (SELECT r.name, group_concat(y.year, ', ') AS years
          FROM rep_regions r JOIN rep_years y ON y.year BETWEEN 2013 AND 2024
         WHERE r.id IN ('beijing', 'tianjin', 'hebei')
           AND NOT EXISTS (SELECT 1 FROM rep_points p WHERE p.chart = 'ccd'
                            AND p.region = r.id AND p.year = y.year
                            AND p.value IS NOT NULL)
         GROUP BY r.id ORDER BY r.ord);
SELECT html FROM rep_source_html WHERE chart = 'ccd';
SELECT '</section>';

-------------------------------------------------------------------------
-- 6. Disparity over time: jjj_cv_pop, jjj_williamson and jjj_theil_t
SELECT '<section id="disparity">
<h2>6. The gap between the three</h2>
<p>Beijing&#39;s GDP per person as a multiple of Hebei&#39;s, from the
official per-capita figures.</p>';

SELECT '<p>The multiple went from ' || printf('%.2f', a.r) || ' in ' || a.year ||
       ' to ' || printf('%.2f', b.r) || ' in ' || b.year ||
       CASE WHEN b.r > a.r THEN ': the gap widened.' ELSE ': the gap narrowed.' END ||
       '</p>'
  FROM (SELECT x.year, x.value / h.value AS r FROM rep_points x
          JOIN rep_points h ON h.chart = 'gdppc' AND h.region = 'hebei'
                           AND h.year = x.year
         WHERE x.chart = 'gdppc' AND x.region = 'beijing' ORDER BY x.year LIMIT 1) a,
       (SELECT x.year, x.value / h.value AS r FROM rep_points x
          JOIN rep_points h ON h.chart = 'gdppc' AND h.region = 'hebei'
                           AND h.year = x.year
         WHERE x.chart = 'gdppc' AND x.region = 'beijing'
         ORDER BY x.year DESC LIMIT 1) b;

SELECT '<figure>' || jjj_svg_line(y.year, b.value / h.value, '',
         json_object('title', 'Beijing''s GDP per capita as a multiple of Hebei''s',
                     'y_label', 'ratio', 'width', 780, 'height', 340,
                     'colors', json_array('#9467bd'))) || '</figure>'
  FROM rep_years y
  LEFT JOIN rep_points b ON b.chart = 'gdppc' AND b.region = 'beijing'
                        AND b.year = y.year
  LEFT JOIN rep_points h ON h.chart = 'gdppc' AND h.region = 'hebei'
                        AND h.year = y.year
 WHERE y.year BETWEEN 2013 AND 2022;

SELECT '<p>Disparity among all three: GDP per person computed as GDP
divided by the year-end resident population, in the years the sources give
both for all three. The coefficient of variation treats the three alike;
the Williamson index and Theil T weight them by population.</p>';

SELECT '<figure>' || jjj_svg_bar(year, value, measure, json_object(
         'title', 'Disparity of GDP per person among Beijing, Tianjin and Hebei',
         'y_label', 'index (0 = equal)', 'labels', json('true'),
         'decimals', 3, 'width', 780, 'height', 360, 'order', 'input')) ||
       '</figure>'
  FROM (
    WITH pc AS (
      SELECT g.year, g.region, g.value * 10000.0 / p.value AS x, p.value AS pop
        FROM rep_points g JOIN rep_points p
          ON p.chart = 'population' AND p.region = g.region AND p.year = g.year
       WHERE g.chart = 'gdp' AND g.year <= 2024
    ),
    d AS (
      SELECT year, jjj_cv_pop(x) AS cv, jjj_williamson(x, pop) AS williamson,
             jjj_theil_t(x, pop) AS theil
        FROM pc GROUP BY year HAVING count(*) = 3
    )
    SELECT year, 1 AS k, 'CV' AS measure, cv AS value FROM d
    UNION ALL SELECT year, 2, 'Williamson', williamson FROM d
    UNION ALL SELECT year, 3, 'Theil T', theil FROM d
    ORDER BY k, year);

SELECT '<p class="gaps">Official GDP per capita: ' ||
       (SELECT group_concat(name || ' ' || n || ' years', ', ') FROM (
          SELECT r.name, count(p.value) AS n FROM rep_regions r
            JOIN rep_points p ON p.region = r.id AND p.chart = 'gdppc'
           GROUP BY r.id ORDER BY r.ord)) ||
       ' of 2013&#8211;2024; the ratio has no value for ' ||
       (SELECT group_concat(year, ', ') FROM rep_years y
         WHERE y.year BETWEEN 2013 AND 2022
           AND (NOT EXISTS (SELECT 1 FROM rep_points b WHERE b.chart = 'gdppc'
                             AND b.region = 'beijing' AND b.year = y.year)
             OR NOT EXISTS (SELECT 1 FROM rep_points h WHERE h.chart = 'gdppc'
                             AND h.region = 'hebei' AND h.year = y.year))) ||
       '. ' ||
       'The three-way indexes need GDP and population for all three, which ' ||
       'the sources give for ' ||
       (SELECT group_concat(year, ', ') FROM (
          SELECT g.year FROM rep_points g JOIN rep_points p
            ON p.chart = 'population' AND p.region = g.region AND p.year = g.year
           WHERE g.chart = 'gdp' AND g.year <= 2024
           GROUP BY g.year HAVING count(*) = 3 ORDER BY g.year)) ||
       ' only, with year-end rather than average population' ||
       coalesce('; the three GDP figures are on different bases in ' ||
         (SELECT group_concat(year || ' (' || bases || ')', ', ') FROM (
            SELECT year, group_concat(name || ' ' || basis, ', ') AS bases,
                   count(*) AS n, count(DISTINCT basis) AS nb
              FROM (SELECT g.year, r.name, g.basis
                      FROM rep_points g JOIN rep_regions r ON r.id = g.region
                      JOIN rep_points p ON p.chart = 'population'
                                       AND p.region = g.region AND p.year = g.year
                     WHERE g.chart = 'gdp' AND g.year <= 2024
                     ORDER BY g.year, r.ord)
             GROUP BY year
            HAVING n = 3 AND nb > 1
             ORDER BY year)), '') || '.</p>';
SELECT html FROM rep_source_html WHERE chart = 'gdppc';
SELECT '</section>';

-------------------------------------------------------------------------
-- 7. Technology flows
SELECT '<section id="technology">
<h2>7. Technology flowing out of Beijing</h2>
<p>The value of technology contracts from Beijing to Tianjin and Hebei, 100
million yuan. The sources give the yearly value for a few years only; the
empty slots are years without a figure.</p>';

SELECT '<p>' || CASE WHEN b.qualifier IS NOT NULL AND b.qualifier <> ''
                    THEN '&quot;' || b.qualifier || '&quot; ' ELSE '' END ||
       printf('%.1f', b.value) || ' in ' || b.year || ' against ' ||
       printf('%.1f', a.value) || ' in ' || a.year || ': ' ||
       printf('%.1f', b.value / a.value) || ' times as much (' ||
       printf('%.1f', 100.0 * (pow(b.value / a.value, 1.0 / (b.year - a.year)) - 1)) ||
       ' % a year).</p>'
  FROM (SELECT * FROM rep_points WHERE chart = 'technology' ORDER BY year LIMIT 1) a,
       (SELECT * FROM rep_points WHERE chart = 'technology' ORDER BY year DESC LIMIT 1) b;

SELECT '<figure>' || jjj_svg_bar(
         y.year || CASE WHEN p.qualifier IS NOT NULL AND p.qualifier <> ''
                        THEN '*' ELSE '' END,
         p.value, '', json_object(
         'title', 'Technology contracts, Beijing to Tianjin and Hebei',
         'y_label', '100 million yuan', 'labels', json('true'),
         'width', 780, 'height', 340, 'colors', json_array('#ff7f0e'))) ||
       '</figure>'
  FROM rep_years y
  LEFT JOIN rep_points p ON p.chart = 'technology' AND p.year = y.year
 WHERE y.year BETWEEN 2013 AND 2024;

SELECT '<p class="gaps">' || coalesce(group_concat(year || '*: &quot;' ||
         qualifier || '&quot; (' || printf('%.1f', value) ||
         ', as the source words it)', '; ') || '. ', '') ||
       'No yearly figure for ' ||
       (SELECT group_concat(year, ', ') FROM rep_years y
         WHERE y.year BETWEEN 2013 AND 2024 AND NOT EXISTS
           (SELECT 1 FROM rep_points p WHERE p.chart = 'technology'
             AND p.year = y.year)) || '.</p>'
  FROM rep_points
 WHERE chart = 'technology' AND qualifier IS NOT NULL AND qualifier <> '';
SELECT html FROM rep_source_html WHERE chart = 'technology';
SELECT '</section>';

-------------------------------------------------------------------------
-- 8. Xiong'an investment
SELECT '<section id="xiongan">
<h2>8. Investment in Xiong&#39;an New Area</h2>
<p>Cumulative completed investment in Xiong&#39;an since construction
began, 100 million yuan, as each source reported it.</p>';

SELECT '<figure>' || jjj_svg_bar(
         year || CASE WHEN qualifier = 'more than' THEN '*' ELSE '' END,
         value, '', json_object(
         'title', 'Xiong''an New Area: cumulative investment',
         'y_label', '100 million yuan', 'labels', json('true'),
         'order', 'input',
         'width', 780, 'height', 340, 'colors', json_array('#17becf'))) ||
       '</figure>'
  FROM (SELECT * FROM rep_points WHERE chart = 'xiongan' ORDER BY year);

SELECT '<p class="gaps">' || group_concat(year || '*', ', ') ||
       ': &quot;more than&quot;, a lower bound. The ' ||
       (SELECT max(year) FROM rep_points WHERE chart = 'xiongan') ||
       ' figure is the article&#39;s (835.4 billion yuan, February ' ||
       (SELECT max(year) FROM rep_points WHERE chart = 'xiongan') ||
       ').</p>'
  FROM rep_points WHERE chart = 'xiongan' AND qualifier = 'more than';
SELECT html FROM rep_source_html WHERE chart = 'xiongan';
SELECT '</section>';

-------------------------------------------------------------------------
SELECT '<footer>
<p>Made with the jingjinji SQLite extension: <code>make report</code> runs
<code>sql/report.sql</code> through the sqlite3 shell and writes this page.
The figures are public statistics quoted from the sources listed in the
dataset (jjj_sources); see docs/data.md for how vintages and bases are
kept, and docs/charts.md for the chart functions.</p>
</footer>
</body>
</html>';
