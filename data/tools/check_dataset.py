#!/usr/bin/python3
"""Independent checks of data/*.csv against ../shared/reference.

    /usr/bin/python3 data/tools/check_dataset.py

Reads the written CSVs (not the generator's internals) and verifies:
  * file format: UTF-8, LF line endings, header row, RFC 4180 via csv module;
  * ids resolve (region, indicator, source, region parent), vocabularies
    (level, category, vintage, basis), one unit per indicator and every
    observation in its indicator's unit, numeric values (ISO month/date for
    'date' indicators), unique (region, indicator, year, period, source),
    deterministic sort order;
  * completeness: every verified_facts.csv row is exactly one observation
    (same region, indicator, year, numerically equal value, same source
    title-without-vintage-tag/url/published, excerpt kept), every seed fact
    exactly one row with its quote in `excerpt` and its value (or its value
    shifted by the power of ten recorded in `note`);
  * the cross-checks of the reference README;
  * reproducibility: running from_reference.py again changes no byte.
Prints the counts and exits non-zero on the first failure.
"""

import csv
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REF = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'reference'))
DATA = os.path.join(ROOT, 'data')
ARTICLE = 'chinadaily-2025-02-26'
ARTICLE_TITLE_IN_REF = "China Daily, 2025-02-26: 'Coordinated regional strategy pays dividends'"

failures = 0


def check(cond, msg):
    global failures
    if not cond:
        failures += 1
        print('FAIL:', msg)


def load(path, header):
    with open(path, 'rb') as f:
        raw = f.read()
    text = raw.decode('utf-8')
    check(b'\r' not in raw, '%s has CR characters' % path)
    check(raw.endswith(b'\n'), '%s does not end with LF' % path)
    rows = list(csv.reader(text.splitlines(True)))
    check(rows[0] == header, '%s header %r' % (path, rows[0]))
    out = [dict(zip(rows[0], r)) for r in rows[1:]]
    for r in rows[1:]:
        check(len(r) == len(header), '%s: row with %d fields' % (path, len(r)))
    return out


def ref(name):
    with open(os.path.join(REF, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


ds = load(os.path.join(DATA, 'dataset.csv'), ['key', 'value'])
regions = load(os.path.join(DATA, 'regions.csv'),
               ['id', 'code', 'name_en', 'name_zh', 'level', 'parent', 'note'])
inds = load(os.path.join(DATA, 'indicators.csv'),
            ['id', 'name_en', 'name_zh', 'unit', 'category', 'description'])
srcs = load(os.path.join(DATA, 'sources.csv'), ['id', 'title', 'publisher', 'published', 'url', 'note'])
obs = load(os.path.join(DATA, 'observations.csv'),
           ['region', 'indicator', 'year', 'period', 'value', 'unit', 'qualifier', 'vintage',
            'basis', 'source', 'note', 'excerpt', 'fact'])
seed = ref('seed_facts.csv')
verified = ref('verified_facts.csv')
ref_regions = ref('regions.csv')

# --- dataset.csv
d = {r['key']: r['value'] for r in ds}
check(d.get('name') == 'jingjinji' and d.get('version') == '1.0.0', 'dataset name/version')
check(all(d.get(k) for k in ('title', 'licence', 'description')), 'dataset title/licence/description')

# --- ids and vocabularies
ID = re.compile(r'^[a-z0-9_.-]+$')
R = {r['id']: r for r in regions}
I = {r['id']: r for r in inds}
S = {r['id']: r for r in srcs}
for t, tab in (('regions', regions), ('indicators', inds), ('sources', srcs)):
    ids = [r['id'] for r in tab]
    check(len(ids) == len(set(ids)), '%s: duplicate ids' % t)
    check(all(ID.match(i) for i in ids), '%s: invalid id' % t)
LEVELS = {'country', 'region', 'province', 'prefecture', 'new_area', 'district', 'flow', 'place'}
for r in regions:
    check(r['level'] in LEVELS, 'level %r' % r['level'])
    check(r['parent'] == '' or r['parent'] in R, 'parent %r' % r['parent'])
check([r['id'] for r in regions if not r['parent']] == ['china'], 'only china has no parent')
for rr in ref_regions:
    x = R.get(rr['id'])
    check(x is not None and x['code'] == rr['code'] and x['name_zh'] == rr['name_zh']
          and x['name_en'] == rr['name_en'] and x['parent'] == rr['parent'],
          'reference region %s not carried over' % rr['id'])
seed_regions = {s['region'] for s in seed}
check(set(R) == seed_regions | {r['id'] for r in ref_regions}, 'regions = reference + seed ids')
CATS = {'economy', 'population', 'environment', 'innovation', 'transport', 'investment',
        'public_services', 'strategy', 'culture_tourism'}
for i in inds:
    check(i['category'] in CATS, 'category %r' % i['category'])
    check(i['unit'] != '' and i['description'] != '', 'indicator %s unit/description' % i['id'])
VINTAGE = re.compile(r'^(preliminary|preliminary verification|final verification|census-revised|'
                     r'revised|census count|annual estimate|edition \d{4}|projected|unspecified)$')
BASIS = re.compile(r'^(|ec2008|ec2013|ec2018|ec2023|pc2010|pc2020|census2020|\d{4}=100(; edition \d{4}|; as in China Daily 2025-02-26)?|not stated|'
                   r'research series|CR Beijing Group network|cumulative from \d{4})$')
NA = {'gdp', 'gdp_per_capita', 'gdp_real_growth', 'va_primary', 'va_secondary', 'va_tertiary',
      'tertiary_share'}

# --- observations
for o in obs:
    where = '%s/%s/%s/%s' % (o['region'], o['indicator'], o['year'], o['source'])
    check(o['region'] in R, 'unknown region ' + where)
    check(o['indicator'] in I, 'unknown indicator ' + where)
    check(o['source'] in S, 'unknown source ' + where)
    check(o['excerpt'] != '', 'no excerpt ' + where)
    check(o['period'] != '', 'no period ' + where)
    if o['indicator'] in I:
        check(o['unit'] == I[o['indicator']]['unit'], 'unit mismatch ' + where)
        if I[o['indicator']]['unit'] == 'date':
            check(re.fullmatch(r'\d{4}-\d{2}(-\d{2})?', o['value']) is not None, 'date value ' + where)
        else:
            check(re.fullmatch(r'-?\d+(\.\d+)?', o['value']) is not None, 'non-numeric value ' + where)
    check(o['year'] == '' or re.fullmatch(r'\d{4}', o['year']) is not None, 'year ' + where)
    check(VINTAGE.match(o['vintage']) is not None, 'vintage %r %s' % (o['vintage'], where))
    check(BASIS.match(o['basis']) is not None, 'basis %r %s' % (o['basis'], where))
    if o['indicator'] in NA and o['year']:
        check(o['basis'].startswith('ec'), 'national-accounts row without ec basis ' + where)
    if o['indicator'] in ('population', 'urbanisation_rate') and o['year']:
        check(o['basis'] in ('pc2010', 'pc2020'), 'population row without pc basis ' + where)
keys = Counter((o['region'], o['indicator'], o['year'], o['period'], o['source']) for o in obs)
check(all(n == 1 for n in keys.values()), 'duplicate keys: %r' % [k for k, n in keys.items() if n > 1])
sk = [(o['region'], o['indicator'], o['year'] == '', int(o['year'] or 0), o['period'], o['source'])
      for o in obs]
check(sk == sorted(sk), 'observations not sorted')
check(len(obs) == 591, 'observation count %d' % len(obs))


# --- completeness: verified rows
def strip_tag(t):
    return re.sub(r'\s*\[vintage:[^\]]*\]', '', t)


def obs_src_key(o):
    if o['source'] == ARTICLE:
        return 'ARTICLE'
    s = S[o['source']]
    return (s['title'], s['url'], s['published'])


pool = {}
for idx, o in enumerate(obs):
    k = (o['region'], o['indicator'], o['year'], obs_src_key(o))
    pool.setdefault(k, []).append(idx)
matched = set()
for v in verified:
    sk_ = 'ARTICLE' if v['source_title'] == ARTICLE_TITLE_IN_REF else \
        (strip_tag(v['source_title']), v['source_url'], v['published'])
    cands = [i for i in pool.get((v['region'], v['indicator'], v['year'], sk_), [])
             if i not in matched and Decimal(obs[i]['value']) == Decimal(v['value'])
             and v['excerpt'] in obs[i]['excerpt']]
    check(len(cands) >= 1, 'verified row without observation: %r' % [v[k] for k in
                                                                     ('region', 'indicator', 'year', 'value')])
    if cands:
        matched.add(cands[0])
check(len(matched) == 511, 'verified rows matched: %d' % len(matched))
article_src = S[ARTICLE]
check(article_src['title'] == 'Coordinated regional strategy pays dividends'
      and article_src['publisher'] == 'China Daily' and article_src['published'] == '2025-02-26'
      and article_src['url'] == '', 'article source row')

# --- completeness: seed facts
facts = Counter(o['fact'] for o in obs if o['fact'])
check(set(facts) == {s['fact_id'] for s in seed} and all(n == 1 for n in facts.values()),
      'seed fact ids not exactly once each')
by_fact = {o['fact']: o for o in obs if o['fact']}
merged = 0
for s in seed:
    o = by_fact.get(s['fact_id'])
    if o is None:
        continue
    check(s['quote'] in o['excerpt'], '%s quote not in excerpt' % s['fact_id'])
    check(o['source'] == ARTICLE, '%s source' % s['fact_id'])
    if o['unit'] == 'date':
        check(o['value'] == s['value'], '%s date value' % s['fact_id'])
        continue
    ok = False
    for k in (0, 1, 2, 4):
        if Decimal(o['value']) == Decimal(s['value']).scaleb(k):
            ok = k == 0 or (s['unit'] in o['note'] and 'reported' in o['note'])
            break
    check(ok, '%s value %s vs seed %s %s' % (s['fact_id'], o['value'], s['value'], s['unit']))
    if o['value'] == s['value'] and o['unit'] == s['unit']:
        check(o['indicator'] == s['indicator'] or 'seed indicator' in o['note'],
              '%s indicator changed without a note' % s['fact_id'])
    if obs.index(o) in matched:
        merged += 1
check(merged == 10, 'merged seed facts: %d' % merged)
unmatched = [o for i, o in enumerate(obs) if i not in matched]
check(len(unmatched) == 80 and all(o['fact'] and o['source'] == ARTICLE for o in unmatched),
      'rows beyond the verified ones must be the 80 unmerged seed facts')


# --- README cross-checks
def val(region, ind, year, source=None, fact=None):
    xs = [o for o in obs if o['region'] == region and o['indicator'] == ind and o['year'] == str(year)
          and (source is None or o['source'] == source) and (fact is None or o['fact'] == fact)]
    return xs


lv = {r: {o['value'] for o in val(r, 'gdp', 2024)} for r in ('beijing', 'tianjin', 'hebei')}
check(lv == {'beijing': {'49843.1'}, 'tianjin': {'18024.3'}, 'hebei': {'47526.9'}}, '2024 GDP levels')
b, t, h = (Decimal(next(iter(lv[r]))) for r in ('beijing', 'tianjin', 'hebei'))
check(b + t + h == Decimal('115394.3'), '2024 GDP sum')
jjj = val('jingjinji', 'gdp', 2024, ARTICLE)[0]
check(jjj['value'] == '115000' and 'rounded' in jjj['qualifier'] and jjj['fact'] == 'S007'
      and round((b + t + h) / 10000, 1) == Decimal('11.5'), 'jingjinji 2024 GDP = 11.5 trillion, rounded')
check(len({o['basis'] for o in obs if o['indicator'] == 'gdp' and o['year'] == '2024'}) == 1
      and {o['basis'] for o in obs if o['indicator'] == 'gdp' and o['year'] == '2024'} == {'ec2023'},
      '2024 GDP levels on ec2023')
check({o['basis'] for o in obs if o['indicator'] == 'gdp' and o['year'] == '2023'
       and o['region'] in ('beijing', 'tianjin', 'hebei')} == {'ec2018'}, '2023 GDP levels on ec2018')
tc23 = {o['value'] for o in val('beijing_to_tianjin_hebei', 'technology_contract_value', 2023)}
tc24 = val('beijing_to_tianjin_hebei', 'technology_contract_value', 2024)
check(tc23 == {'748.7'}, 'technology contracts 2023')
check(len(tc24) == 1 and tc24[0]['value'] == '840' and tc24[0]['qualifier'] == 'exceeded'
      and Decimal('748.7') * Decimal('1.127') >= Decimal('840'), 'technology contracts 2024')
c20 = val('beijing_to_tianjin_hebei', 'technology_contract_value_cumulative', 2020)[0]
c24 = [o for o in val('beijing_to_tianjin_hebei', 'technology_contract_value_cumulative', 2024)]
c_2124 = [o for o in c24 if o['basis'] == 'cumulative from 2021'][0]
c_1424 = [o for o in c24 if o['basis'] == 'cumulative from 2014'][0]
check(Decimal(c20['value']) + Decimal(c_2124['value']) == Decimal('3718.7')
      and c_1424['value'] == '3700' and 'surpassed' in c_1424['qualifier']
      and Decimal('3718.7') > Decimal(c_1424['value']), 'cumulative 1410 + 2308.7 = 3718.7 > 3700')
pm = {(r, y): {o['value'] for o in val(r, 'pm25', y)} for r in ('beijing', 'hebei') for y in (2013, 2024)}
check(pm == {('beijing', 2013): {'89.5'}, ('beijing', 2024): {'30.5'},
             ('hebei', 2013): {'108'}, ('hebei', 2024): {'37.7'}}, 'PM2.5 levels')
fb = (1 - Decimal('30.5') / Decimal('89.5')) * 100
fh = (1 - Decimal('37.7') / Decimal('108')) * 100
check(round(fb, 1) == Decimal('65.9') and round(fh, 1) == Decimal('65.1') and fb > 60 and fh > 60,
      'PM2.5 falls > 60 percent')
check(val('tianjin', 'pm25', 2013) == [], 'Tianjin has no 2013 PM2.5 level')
# revision traps keep both vintages
check({o['value'] for o in val('beijing', 'gdp', 2018)} >= {'30320', '33106'}, 'Beijing 2018 both vintages')
check({o['value'] for o in val('hebei', 'gdp', 2013)} == {'28301.4', '24259.60'}, 'Hebei 2013 both vintages')
t18 = {o['basis'] for o in val('tianjin', 'gdp', 2018)}
t19 = {o['basis'] for o in val('tianjin', 'gdp', 2019)}
check(t18 == {'ec2013'} and t19 == {'ec2018'}, 'Tianjin 2018/2019 on different bases')
check({o['basis'] for o in val('tianjin', 'population', 2016)} == {'pc2020'}
      and {o['basis'] for o in val('tianjin', 'population', 2017)} == {'pc2010'}, 'Tianjin population 2016')

# --- reproducibility
files = ['dataset.csv', 'regions.csv', 'indicators.csv', 'sources.csv', 'observations.csv']
paths = [os.path.join(DATA, f) for f in files] + [os.path.join(ROOT, 'docs', 'data.md')]


def digest():
    out = {}
    for p in paths:
        if os.path.exists(p):
            with open(p, 'rb') as f:
                out[p] = hashlib.sha256(f.read()).hexdigest()
    return out


before = digest()
subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'from_reference.py')], check=True,
               stdout=subprocess.DEVNULL)
check(digest() == before, 'from_reference.py does not reproduce the files byte for byte')

print('observations %d (verified %d matched, seed facts %d, merged %d)'
      % (len(obs), len(matched), len(facts), merged))
print('regions %d, indicators %d, sources %d' % (len(regions), len(inds), len(srcs)))
print('vintage:', dict(sorted(Counter(o['vintage'] for o in obs).items())))
print('basis:', dict(sorted(Counter(o['basis'] or '(empty)' for o in obs).items())))
print('FAILED: %d' % failures if failures else 'all checks passed')
sys.exit(1 if failures else 0)
