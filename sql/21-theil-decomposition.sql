/*
** Theil decomposition of per-capita GDP where city data exist: Beijing and
** the 11 prefecture-level cities of Hebei in 2016, the one year with
** per-capita GDP for every Hebei city.  Tianjin has no 2016 GDP in the
** dataset and is left out.  The city figures come from one secondary
** compilation of preliminary, pre-2018-census values (Hebei's own total
** was later revised down), Beijing's from its final verification: the
** example shows the method, not a definitive measurement.
**
** Weights are population, derived as GDP / per-capita GDP (10,000
** persons), the average population behind each per-capita figure.
** Groups: Beijing on its own, the Hebei cities together.  In Theil T the
** group share is the group's share of GDP; in Theil L (mean log
** deviation) its share of population.  Plain ratios, not percentages.
*/

-- The 12 units of 2016
CREATE TEMP VIEW u AS
SELECT r.id, CASE WHEN r.parent = 'hebei' THEN 'hebei' ELSE r.id END AS grp,
       pc.value AS gdp_pc, g.value * 1e4 / pc.value AS pop
FROM jjj_regions r
JOIN jjj_series('gdp_per_capita', r.id) pc ON pc.year = 2016
JOIN jjj_series('gdp', r.id) g ON g.year = 2016
WHERE r.id = 'beijing' OR r.parent = 'hebei';

WITH d AS (
  SELECT count(*) AS n, jjj_theil_t_decomp(gdp_pc, pop, grp) AS t,
         jjj_theil_l_decomp(gdp_pc, pop, grp) AS l FROM u
)
SELECT 'units', n FROM d
UNION ALL
SELECT 'theil_t total|between|within',
       printf('%.4f|%.4f|%.4f', t ->> '$.total', t ->> '$.between', t ->> '$.within') FROM d
UNION ALL
SELECT 'theil_t between share of total', printf('%.3f', (t ->> '$.between') / (t ->> '$.total')) FROM d
UNION ALL
SELECT 'theil_l total|between|within',
       printf('%.4f|%.4f|%.4f', l ->> '$.total', l ->> '$.between', l ->> '$.within') FROM d;

-- Per group: its share and its own (within-group) index
SELECT 'theil_t', key, printf('%.4f', value ->> '$.share'), printf('%.4f', value ->> '$.index')
FROM json_each((SELECT jjj_theil_t_decomp(gdp_pc, pop, grp) FROM u), '$.groups')
UNION ALL
SELECT 'theil_l', key, printf('%.4f', value ->> '$.share'), printf('%.4f', value ->> '$.index')
FROM json_each((SELECT jjj_theil_l_decomp(gdp_pc, pop, grp) FROM u), '$.groups');

-- For comparison: the population-weighted Gini of the same 12 units
SELECT 'gini weighted|unweighted', printf('%.4f|%.4f', jjj_gini(gdp_pc, pop), jjj_gini(gdp_pc)) FROM u;
