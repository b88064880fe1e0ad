-- How is technology flowing out of Beijing?  Contract value of technology
-- transferred from Beijing to Tianjin and Hebei (100 million yuan).
SELECT year, value, qualifier, round(pch, 1) AS pch, source
  FROM jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei');

-- The article: 2024 "exceeded 84 billion yuan, up 12.7 percent": 748.7 in
-- 2023 grown by 12.7 % is 843.8, consistent with "exceeded 840".
SELECT round(a.value * (1 + g.value / 100), 1) AS implied_2024,
       b.value AS reported_2024, b.qualifier
  FROM jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei') a,
       jjj_observations b, jjj_observations g
 WHERE a.year = 2023 AND b.fact = 'S075' AND g.fact = 'S077';

-- Cumulative since 2014: 1,410 to 2020 plus 2,308.7 in 2021-24 makes
-- 3,718.7, the article's "surpassed 370 billion yuan".
SELECT sum(value) FILTER (WHERE fact IS NULL) AS sum_of_parts,
       max(value) FILTER (WHERE fact = 'S078') AS article_lower_bound
  FROM jjj_observations
 WHERE region = 'beijing_to_tianjin_hebei'
   AND indicator = 'technology_contract_value_cumulative';

-- Growth 2013 -> 2023: more than tenfold
SELECT round(b.value / a.value, 1) AS ratio_2023_to_2013
  FROM jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei') a,
       jjj_series('technology_contract_value', 'beijing_to_tianjin_hebei') b
 WHERE a.year = 2013 AND b.year = 2023;
