#!/usr/bin/python3
"""Generate the bundled jingjinji dataset (data/*.csv) from ../shared/reference.

Run with Debian's interpreter, standard library only:

    /usr/bin/python3 data/tools/from_reference.py

It reads, relative to the repository root (two levels above this script):

    ../shared/reference/seed_facts.csv      90 facts of the China Daily article
    ../shared/reference/verified_facts.csv  511 verified time-series rows
    ../shared/reference/regions.csv         18 regions
    ../shared/reference/china-daily-2025-02-26.txt   the article (checks only)

and writes data/dataset.csv, data/regions.csv, data/indicators.csv,
data/sources.csv, data/observations.csv, plus the generated sections of
docs/data.md (between the GENERATED markers).  The output is deterministic:
running the script again reproduces the files byte for byte.

Every number written comes from the reference files.  The script only
re-arranges them, converts billion/trillion seed figures to the reference's
units by exact decimal shifting, and derives the controlled `vintage` and
`basis` columns by the rules documented in docs/data.md (section "Vintage"
and "Basis").  Judgement calls are in the explicit tables below, each with a
comment; search for "OVERRIDE".
"""

import csv
import io
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))          # repo root
REF = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'reference'))
DATA = os.path.join(ROOT, 'data')
DOC = os.path.join(ROOT, 'docs', 'data.md')

ARTICLE_ID = 'chinadaily-2025-02-26'
ARTICLE_TITLE_IN_REF = "China Daily, 2025-02-26: 'Coordinated regional strategy pays dividends'"
YEARS_GRID = [2008] + list(range(2013, 2026))


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def die(msg):
    sys.stderr.write('from_reference.py: %s\n' % msg)
    sys.exit(1)


def read_csv(name):
    with open(os.path.join(REF, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(['' if r.get(h) is None else str(r.get(h)) for h in header])
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(buf.getvalue())


def join_items(items):
    """Join with '; ', dropping exact duplicates and items contained in another."""
    out = []
    for it in items:
        it = it.strip()
        if it and it not in out:
            out.append(it)
    keep = [a for a in out if not any(a != b and a in b for b in out)]
    return '; '.join(keep)


def shift(value, places):
    """Exact decimal shift of a decimal string (no float arithmetic).

    With places == 0 the string is returned unchanged (keeps '2.30')."""
    if places == 0:
        return value
    d = Decimal(value).scaleb(places)
    s = '{:f}'.format(d)
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return s


VINTAGE_TAG = re.compile(r'\s*\[vintage:\s*([^\]]*)\]')


def strip_tag(title):
    return VINTAGE_TAG.sub('', title)


def tag_of(title):
    m = VINTAGE_TAG.search(title)
    return m.group(1).strip() if m else None


def split_unit(unit):
    """'100 million yuan (reported 2.133 trillion)' -> ('100 million yuan', 'reported 2.133 trillion')."""
    m = re.match(r'^(.*?)\s*\((.*)\)\s*$', unit)
    if m:
        return m.group(1), m.group(2)
    return unit, ''


def split_remarks(remark):
    """Split a unit remark or seed qualifier into items.

    Items are separated by '; '.  A ', rounded' / 'rounded, ' piece is split
    off so that 'rounded' can be a qualifier and the reported figure a note.
    """
    items = []
    for piece in remark.split('; ') if remark else []:
        m = re.match(r'^(.*), rounded$', piece)
        if m:
            items += [m.group(1), 'rounded']
            continue
        m = re.match(r'^rounded, (.*)$', piece)
        if m:
            items += ['rounded', m.group(1)]
            continue
        items.append(piece)
    return [i for i in items if i.strip()]


# Items that are statements about the value (bound, approximation,
# aggregation, stage, reliability) go to `qualifier`; everything else
# (reported wording, scope, timing, attribution, inference) goes to `note`.
QUALIFIER_PATTERNS = [
    r"^more than\b", r"^exceed(ed|ing)$", r"^surpassed$", r"^about$", r"^around$",
    r"^approx\.", r"^rounded$", r"^lower bound\b", r"^range (low|high) end\b",
    r"^projected$", r"^planned$", r"\bcumulative\b", r"^average$",
    r"^annual (average|mean)$", r"^annual$", r"^shortest$", r"^consecutive$",
    r"^headline$", r"^derived\b", r"^secondary$", r"^low confidence$",
    r"^(preliminary|preliminary verification|final verification|final-verified)( \d{4} value| basis)?$",
    r"^\d{4} final verification\b", r"^revised\b",
]


def is_qualifier(item):
    return any(re.search(p, item) for p in QUALIFIER_PATTERNS)


def classify(items):
    q, n = [], []
    for it in items:
        (q if is_qualifier(it) else n).append(it)
    return q, n


def dec_equal(a, b):
    return Decimal(a) == Decimal(b)


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------

seed = read_csv('seed_facts.csv')
verified = read_csv('verified_facts.csv')
ref_regions = read_csv('regions.csv')
with open(os.path.join(REF, 'china-daily-2025-02-26.txt'), encoding='utf-8') as f:
    ARTICLE_TEXT = f.read()

if len(seed) != 90 or len(verified) != 511 or len(ref_regions) != 18:
    die('unexpected reference row counts: %d seed, %d verified, %d regions'
        % (len(seed), len(verified), len(ref_regions)))
for s in seed:
    if s['quote'] not in ARTICLE_TEXT and not all(
            part.strip() in ARTICLE_TEXT for part in s['quote'].split('...')):
        die('seed %s quote not found in the article' % s['fact_id'])


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------

# Publisher: the organisation that originally published the text (for a
# mirror or reprint, the original outlet), when the title names it clearly.
# Anonymous websites, blogs, Q&A pages, self-media accounts and third-party
# compilations get an empty publisher.  First match wins.
PUBLISHER_RULES = [
    (r"^Xinhua\b|^新华网|^Xinhua 'China Focus|\(Xinhua( wire| Weibo)?\)|^Plataforma \(Xinhua\)", 'Xinhua'),
    (r"^China Daily bilingual item|^China Daily: |^english\.gov\.cn \(China Daily", 'China Daily'),
    (r"^People's Daily Online 2024-10-16|^People's Daily Online \(人民网", "People's Daily Online"),
    (r"^People's Daily", "People's Daily"),
    (r"China News Service|\(中新社|^Haikou Evening News .* reprint of China News Service|^AFPBB \(CNS\)|^ecns\.cn", 'China News Service'),
    (r"^HKTDC Research", 'HKTDC Research'),
    (r"^NBS Jing-Jin-Ji Coordinated Development Statistical Monitoring Office",
     'NBS Jing-Jin-Ji Coordinated Development Statistical Monitoring Office'),
    (r"^中华人民共和国2022年国民经济和社会发展统计公报 \(NBS|^Reprint of NBS 2016|^jqknews: English translation of NBS|^cstsa\.org\.cn news list reproducing NBS", 'NBS'),
    (r"^CCTV|^CCTV\.com", 'CCTV'),
    (r"^China Economic Net", 'China Economic Net'),
    (r"^Economic Daily", 'Economic Daily'),
    (r"^China Economic Weekly", 'China Economic Weekly (中国经济周刊)'),
    (r"^Reprint of Beijing statistics bureau|excerpt of Beijing statistics bureau review", 'Beijing Municipal Bureau of Statistics'),
    (r"^《北京市2023年国民经济和社会发展统计公报》发布 .*citing Beijing municipal govt site|^Beijing Municipal Government German-language portal", 'Beijing Municipal Government'),
    (r"^eBeijing", 'eBeijing (Beijing Municipal Government)'),
    (r"^Reprint of Beijing Ecology and Environment Bureau", 'Beijing Municipal Ecology and Environment Bureau'),
    (r"English rendering of Beijing Municipal Finance Bureau", 'Beijing Municipal Finance Bureau'),
    (r"^Beijing News \(新京报\)|文章来源: 新京报", 'Beijing News (新京报)'),
    (r"^Beijing Youth Daily", 'Beijing Youth Daily'),
    (r"^Beijing Business Today", 'Beijing Business Today (北京商报)'),
    (r"^Beijing-Tianjin Japion", 'Beijing-Tianjin Japion'),
    (r"^HKSAR Government Beijing Office", 'HKSAR Government Beijing Office'),
    (r"^Qingdao News", 'Qingdao News'),
    (r"^Hong Kong Commercial Daily", 'Hong Kong Commercial Daily'),
    (r"^China\.com\.cn", 'China.com.cn (中國網)'),
    (r"^Quanzhou Evening News", 'Xinhua'),
    (r"^Wikipedia:", 'Wikipedia'),
    (r"^zh-Wikipedia", 'Wikipedia (Chinese)'),
    (r"^CGTN", 'CGTN'),
    (r"^chyxx\.com \(智研咨询\)", 'Chyxx (智研咨询)'),
    (r"^livedoor News \(China Press\)", 'China Press'),
    (r"^Caixin", 'Caixin'),
    (r"^环境科学 2023", '环境科学 (journal)'),
    (r"^环境科学学报", '环境科学学报 (journal)'),
    (r"^Macao Trade and Investment Promotion Institute", 'Macao Trade and Investment Promotion Institute (IPIM)'),
    (r"^China National Radio", 'China National Radio'),
    (r"^Global Times", 'Global Times'),
    (r"^Tianjin Chamber of Commerce", 'Tianjin Chamber of Commerce'),
    (r"^State Information Center", 'State Information Center (国家信息中心)'),
    (r"^Tianjin Municipal Ecology and Environment Bureau", 'Tianjin Municipal Ecology and Environment Bureau'),
    (r"^石家庄市2017年国民经济和社会发展统计公报", 'Shijiazhuang Statistics Bureau'),
    (r"^石家庄广播电视台 .*reprint of 河北青年报", '河北青年报 (Hebei Youth Daily)'),
    (r"^Shijiazhuang Archives", 'Shijiazhuang Archives'),
    (r"^Hebei Daily|^CRI Hebei .*reprint of Hebei Daily", 'Hebei Daily (河北日报)'),
    (r"^燕赵都市报", 'Yanzhao Metropolis Daily (燕赵都市报)'),
    (r"^河北法制報", '河北法制报'),
    (r"^邯郸市2021年国民经济和社会发展统计公报", 'Handan Municipal Bureau of Statistics & NBS Handan Survey Team'),
    (r"^衡水市2022年国民经济和社会发展统计公报", 'Hengshui Municipal Bureau of Statistics & NBS Hengshui Survey Team'),
    (r"^Goa Chronicle", 'Goa Chronicle'),
    (r"^news\.am", 'news.am'),
    (r"^大河网", '大河网/大河财立方'),
    (r"^张家口新闻网", '张家口新闻网'),
    (r"^今晚报", '今晚报 / 天津北方网'),
    (r"^Report of NPC deputy Zhao Chunlei", 'Zhao Chunlei (NPC deputy, chairman of China Railway Beijing Group)'),
    (r"^The Paper", 'The Paper (澎湃新闻)'),
    (r"^Business Standard \(IANS", 'IANS'),
    (r"^观点网", '观点网 (guandian.cn)'),
]

SOURCE_FLAGS = [
    (r'\bmirror', 'mirror'),
    (r'\breprint|\breproducing\b|\breposted\b', 'reprint'),
    (r'\bsecondary\b', 'secondary'),
    (r'\blow confidence\b', 'low confidence'),
    (r'\bunverified provenance\b', 'unverified provenance'),
    (r'[Tt]hird-party compilation|\bsecondary compilation\b|\bdata aggregator\b', 'third-party compilation'),
    (r'English (translation|rendering)', 'translation'),
    (r'older stored version of same URL', 'older stored version of same URL'),
]


def publisher_of(title):
    for pat, pub in PUBLISHER_RULES:
        if re.search(pat, title):
            return pub
    return ''


def source_note(title):
    flags = []
    for pat, flag in SOURCE_FLAGS:
        if re.search(pat, title) and flag not in flags:
            flags.append(flag)
    return '; '.join(flags)


sources = OrderedDict()          # key (title w/o tag, url, published) -> row
source_id_of_key = {}
sources[ARTICLE_ID] = {
    'id': ARTICLE_ID,
    'title': 'Coordinated regional strategy pays dividends',
    'publisher': 'China Daily',
    'published': '2025-02-26',
    'url': '',
    'note': ('print edition, no URL; reposted by 北京市协同发展服务促进会; full text in '
             'reference/china-daily-2025-02-26.txt; all 90 article facts (S001-S090) '
             'and the verified rows that cite the article point here'),
}
n_src = 0
for v in verified:
    key = (strip_tag(v['source_title']), v['source_url'], v['published'])
    if key in source_id_of_key:
        continue
    if v['source_title'] == ARTICLE_TITLE_IN_REF:
        source_id_of_key[key] = ARTICLE_ID
        continue
    n_src += 1
    sid = 'src%03d' % n_src
    source_id_of_key[key] = sid
    sources[sid] = {
        'id': sid, 'title': key[0], 'publisher': publisher_of(key[0]),
        'published': key[2], 'url': key[1], 'note': source_note(key[0]),
    }


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

LEVEL_MAP = {                     # reference wording -> controlled level
    'country': 'country',
    'region (aggregate)': 'region',
    'province-level municipality': 'province',
    'province': 'province',
    'prefecture-level city': 'prefecture',
    'state-level new area (not a GB/T 2260 unit)': 'new_area',
    "district (BMAC is a planning area inside Tongzhou; code is Tongzhou's)": 'district',
}

# Places, flows and organisations used by the seed facts.  name_en follows
# the article's wording; name_zh only where the reference gives it; parent is
# where the article puts the place.
PLACES = OrderedDict([
    ('xiongan_zgc_park', dict(
        name_en="Xiong'an New Area Zhongguancun Science Park", name_zh='', level='place',
        parent='xiongan',
        note="science park; article: 'the Xiong'an New Area Zhongguancun Science Park'")),
    ('xiongan_xuanwu_hospital', dict(
        name_en="Xuanwu Hospital in Xiong'an", name_zh='', level='place', parent='xiongan',
        note="hospital built with Beijing's help, managed by Xuanwu Hospital affiliated with "
             "Capital Medical University; article: 'Xuanwu Hospital in Xiong'an'")),
    ('bmac_green_heart_cultural_facilities', dict(
        name_en="Landmark cultural facilities at the 'green heart' park (Beijing Performing Arts "
                "Center, Beijing Library, Grand Canal Museum of Beijing)", name_zh='',
        level='place', parent='bmac',
        note="three facilities counted together; the article places them in the Beijing "
             "Municipal Administrative Center ('the city's green heart park')")),
    ('beijing_universal_resort', dict(
        name_en='Beijing Universal Resort', name_zh='', level='place', parent='bmac',
        note="theme park; the article lists it under the administrative center's cultural "
             "tourism ('The administrative center boasts a thriving cultural tourism industry')")),
    ('beijing_cbd_hebei_custom_bus', dict(
        name_en="Customized buses between Beijing's central business district and Sanhe city, "
                "Xianghe county and Dachang Hui autonomous county (Hebei)", name_zh='',
        level='place', parent='jingjinji',
        note='cross-provincial commuter bus service (three routes, since July 2022); parent is '
             'the region because it crosses the Beijing-Hebei boundary')),
    ('beijing_tianjin_intercity', dict(
        name_en='Beijing-Tianjin Intercity Railway', name_zh='', level='place',
        parent='jingjinji', note='railway line (opened 2008) linking Beijing and Tianjin')),
    ('beijing_south_station', dict(
        name_en='Beijing South Railway Station', name_zh='', level='place', parent='beijing',
        note='railway station; Beijing terminus of the intercity railway in the article')),
    ('yizhuang_station', dict(
        name_en='Yizhuang Railway Station', name_zh='', level='place', parent='jingjinji',
        note="railway station, 'one of the seven stations' of the Beijing-Tianjin Intercity "
             "Railway; the article does not name its municipality, so the parent is the region")),
    ('line22', dict(
        name_en='Beijing Subway Line 22', name_zh='', level='place', parent='jingjinji',
        note="subway line under construction, 'the first interprovincial subway line in the "
             "Beijing-Tianjin-Hebei region' (Chaoyang, Tongzhou, Pinggu and Sanhe, Hebei)")),
    ('beijing_subcenter_station', dict(
        name_en='Beijing Sub-Center Station', name_zh='', level='place', parent='bmac',
        note="transport hub under construction 'in Tongzhou district' (bmac carries Tongzhou's code)")),
    ('jingjinji_vocational_park', dict(
        name_en='Beijing-Tianjin-Hebei vocational education reform demonstration park',
        name_zh='', level='place', parent='jingjinji',
        note='education park; the article does not say where it is')),
    ('binhai_zgc_3d_printer', dict(
        name_en='Metal 3D printer in the Binhai-Zhongguancun Science Park', name_zh='',
        level='place', parent='tianjin',
        note="an object, not a territory: 'the largest metal 3D printing device in China', in "
             "the Binhai-Zhongguancun Science Park in Tianjin municipality")),
    ('beijing_to_tianjin_hebei', dict(
        name_en='Beijing to Tianjin and Hebei (technology transfer flow)',
        name_zh='北京流向津冀', level='flow', parent='jingjinji',
        note="flow of technology contracts from Beijing to Tianjin and Hebei; name_zh from the "
             "verified excerpt '北京流向津冀技术合同成交额'")),
    ('jingjinji_hitech_zone_alliance', dict(
        name_en='Beijing-Tianjin-Hebei National High-Tech Zone Alliance', name_zh='',
        level='place', parent='jingjinji', note='alliance of high-tech zones, established November 2023')),
])

regions = OrderedDict()
for r in ref_regions:
    lvl = LEVEL_MAP.get(r['level'])
    if lvl is None:
        die('unmapped reference level %r' % r['level'])
    regions[r['id']] = {
        'id': r['id'], 'code': r['code'], 'name_en': r['name_en'], 'name_zh': r['name_zh'],
        'level': lvl, 'parent': r['parent'],
        'note': 'reference level: %s; source: %s' % (r['level'], r['source_url']),
    }
seed_regions_in_order = []
for s in seed:
    if s['region'] not in seed_regions_in_order:
        seed_regions_in_order.append(s['region'])
for rid in seed_regions_in_order:
    if rid in regions:
        continue
    if rid not in PLACES:
        die('seed region %r has no PLACES entry' % rid)
for rid, p in PLACES.items():
    facts = [s['fact_id'] for s in seed if s['region'] == rid]
    if not facts:
        die('PLACES entry %r is not used by any seed fact' % rid)
    regions[rid] = {
        'id': rid, 'code': '', 'name_en': p['name_en'], 'name_zh': p['name_zh'],
        'level': p['level'], 'parent': p['parent'],
        'note': '%s; not in reference regions.csv, used by seed facts %s (article wording)'
                % (p['note'], ', '.join(facts)),
    }


# ---------------------------------------------------------------------------
# Seed indicators: mappings onto verified indicators (OVERRIDE table)
# ---------------------------------------------------------------------------

# fact_id -> (indicator, unit, decimal places to shift the seed value, reason)
# Every seed indicator id was checked against the verified ids:
#   same id, same unit: gdp_real_growth, pm25, pm25_reduction_vs_2013,
#                       collaborative_innovation_index  -> kept as is
#   same id, other unit: gdp, population, technology_contract_value,
#                        technology_contract_value_cumulative -> converted here
#   other id, same concept: hsr_length, expressway_length, total_investment,
#                           gdp_aggregate (+ its USD twin) -> mapped here
#   seed-internal clash: 'length' is km for two rail lines and m for the 3D
#                        printer -> the printer's becomes length_m
SEED_MAP = {
    # same concept as verified gdp (100 million yuan); 11.5 trillion = 115000 x 1e8
    'S007': ('gdp', '100 million yuan', 4, "seed unit 'trillion yuan'"),
    # 'economic aggregate' of the region = gdp, period 'recent' (no year)
    'S058': ('gdp', '100 million yuan', 4, "seed indicator 'gdp_aggregate', unit 'trillion yuan'"),
    # USD twin of S058: same concept as the seed's gdp_usd (S008), same unit
    'S059': ('gdp_usd', 'trillion USD', 0, "seed indicator 'gdp_aggregate_usd'"),
    # same concept as verified population (10,000 persons); 100 million = 10000 x 1e4
    'S057': ('population', '10,000 persons', 2, "seed unit 'million persons'"),
    # Xiong'an 'total investments ... as of now' = verified cumulative_investment
    'S009': ('cumulative_investment', '100 million yuan', 1,
             "seed indicator 'total_investment', unit 'billion yuan'"),
    # same id as verified, unit billion yuan -> 100 million yuan
    'S075': ('technology_contract_value', '100 million yuan', 1, "seed unit 'billion yuan'"),
    'S078': ('technology_contract_value_cumulative', '100 million yuan', 1, "seed unit 'billion yuan'"),
    # same concept as verified hsr_length_km / expressway_length_km (km)
    'S035': ('hsr_length_km', 'km', 0, "seed indicator 'hsr_length'"),
    'S036': ('hsr_length_km', 'km', 0, "seed indicator 'hsr_length'"),
    'S037': ('expressway_length_km', 'km', 0, "seed indicator 'expressway_length'"),
    'S038': ('expressway_length_km', 'km', 0, "seed indicator 'expressway_length'"),
    # seed-internal unit clash on 'length' (km for S045/S052, m here)
    'S072': ('length_m', 'm', 0, "seed indicator 'length' (renamed: 'length' is km for rail lines)"),
}

# Seed facts that are the same statement as a verified row citing the article:
# one observation each, the verified row with fact = seed id.
MERGE = {
    'S004': ('beijing', 'gdp_real_growth', '2024'),
    'S005': ('tianjin', 'gdp_real_growth', '2024'),
    'S006': ('hebei', 'gdp_real_growth', '2024'),
    'S007': ('jingjinji', 'gdp', '2024'),
    'S009': ('xiongan', 'cumulative_investment', '2025'),
    'S062': ('beijing', 'pm25', '2024'),
    'S063': ('tianjin', 'pm25', '2024'),
    'S064': ('hebei', 'pm25', '2024'),
    'S075': ('beijing_to_tianjin_hebei', 'technology_contract_value', '2024'),
    'S084': ('jingjinji', 'collaborative_innovation_index', '2023'),
}


def seed_year(period):
    """Seed period text -> year (None for 'planned'/'recent')."""
    p = period.strip()
    if re.fullmatch(r'\d{4}', p):
        return int(p)
    if re.fullmatch(r'\d{4}-\d{2}', p):                  # a month: 2024-02
        return int(p[:4])
    m = re.fullmatch(r'\d{4}-(\d{4})', p)                 # a range: its end year
    if m:
        return int(m.group(1))
    m = re.search(r'to early (\d{4})$', p) or re.fullmatch(r'as of early (\d{4})', p)
    if m:
        return int(m.group(1))
    if p in ('planned', 'recent'):
        return None
    die('unhandled seed period %r' % period)


# ---------------------------------------------------------------------------
# Vintage and basis
# ---------------------------------------------------------------------------

NA = {'gdp', 'gdp_per_capita', 'gdp_real_growth', 'va_primary', 'va_secondary',
      'va_tertiary', 'tertiary_share'}                 # national-accounts indicators
POP = {'population', 'urbanisation_rate'}
INDEX = {'collaborative_innovation_index', 'coordinated_development_index'}

STAGE = {
    'preliminary': 'preliminary', 'preliminary verification': 'preliminary verification',
    'final verification': 'final verification', 'final': 'final verification',
    'communique': 'preliminary',                          # a statistical communique = 初步核算
    'annual sample-survey estimate': 'annual estimate',
    'final accounts': 'final verification',               # OVERRIDE: budget 决算, the final figure
}
CENSUS_TAG = {'pre-3rd-census': 'ec2008', 'pre-4th-census': 'ec2013',
              'pre-2018-census': 'ec2013', 'pre-5th-census': 'ec2018'}


def parse_tag(tag):
    """Parse a [vintage: ...] tag into ({year|'*'|'nbsdb': vintage}, ec, pc, base)."""
    by_year, ec, pc, base = {}, None, None, None
    if tag is None:
        return by_year, ec, pc, base
    stage_re = '|'.join(sorted(map(re.escape, STAGE), key=len, reverse=True))
    for clause in [c.strip() for part in tag.split(';') for c in part.split(',')]:
        m = re.fullmatch(r'(\d{4}) (%s)( \(.*\))?' % stage_re, clause)
        if m:
            by_year[int(m.group(1))] = STAGE[m.group(2)]
            continue
        m = re.fullmatch(r'(\d{4}) figure = (.*)', clause)
        if m:
            what = m.group(2)
            if what == 'revised after 4th economic census':
                by_year[int(m.group(1))] = 'census-revised'
                ec = ec or 'ec2018'
            elif re.fullmatch(r'\d{4} final verification', what):
                by_year[int(m.group(1))] = 'final verification'
            else:
                die('unhandled tag clause %r' % clause)
            continue
        m = re.fullmatch(r'(\d{4}) edition', clause)
        if m:
            by_year[int(m.group(1))] = 'edition ' + m.group(1)
            continue
        if clause in ('preliminary communique values', 'annual preliminary communique values'):
            by_year['*'] = 'preliminary'
            continue
        if clause == 'NBS database after 4th-economic-census revision':
            by_year['nbsdb'] = True
            ec = 'ec2018'
            continue
        if clause in CENSUS_TAG:
            ec = CENSUS_TAG[clause]
            continue
        if clause == 'pre-7th-census':
            pc = 'pc2010'
            continue
        if clause in ('post-7th-census', 'post-7th-census series'):
            pc = 'pc2020'
            continue
        m = re.fullmatch(r'(\d{4}) = 100', clause)
        if m:
            base = '%s=100' % m.group(1)
            continue
        # statements that name a year but no stage, or mention other figures
        if re.fullmatch(r'\d{4}', clause) or clause in (
                'as cited in 2018', '2019 (as listed in early 2021)') \
                or clause.startswith('differs from ') or ' was ' in clause:
            continue
        die('unhandled tag clause %r in %r' % (clause, tag))
    return by_year, ec, pc, base


def unit_stage(items):
    """Vintage stated in the unit remarks, if any."""
    for it in items:
        if re.fullmatch(r'preliminary( \d{4} value| basis)?', it):
            return 'preliminary'
        if it.startswith('preliminary verification'):
            return 'preliminary verification'
        if re.fullmatch(r'(final verification|final-verified)( \d{4} value)?', it) \
                or re.fullmatch(r'\d{4} final verification, as cited in \d{4}', it):
            return 'final verification'
        if it == 'revised after 4th economic census':
            return 'census-revised'
        if it.startswith('7th census count'):
            return 'census count'
        m = re.fullmatch(r'Index (\d{4}) edition', it)
        if m:
            return 'edition ' + m.group(1)
    return None


def title_stage(title, indicator, year, excerpt):
    """Vintage stated by an untagged title or excerpt (rules V3, V4, V5 in docs)."""
    m = re.search(r'\((\d{4}) preliminary;', title)            # V3: table labelled 'YYYY preliminary'
    if m and int(m.group(1)) == year:
        return 'preliminary', 'title says the table is %s preliminary' % m.group(1)
    if indicator in NA:                                         # V4: statistical communique of the year
        m = re.search(r'(\d{4})(?: [Ss]tatistical)? [Cc]ommunique|(\d{4})年国民经济和社会发展统计公报',
                      title)
        if m and int(m.group(1) or m.group(2)) == year:
            return 'preliminary', 'source title names the %d statistical communique' % year
        if '初步核算' in excerpt:                                 # V5: the excerpt says so
            return 'preliminary', "excerpt says 初步核算"
    return None, None


def pub_year(published):
    m = re.search(r'(\d{4})', published)
    return int(m.group(1)) if m else None


def ec_by_rule(year, vintage, published, where):
    """National-accounts basis for a row without a census tag (rule B2).

    A preliminary or verification figure for year Y is on the basis in force
    when that stage was released (preliminary: early Y+1; verification: about
    a year later), whatever the date of the page that quotes it:
    2013 preliminary -> ec2008; 2014-2017 and 2018 preliminary -> ec2013;
    2019-2023 -> ec2018 (README: the stored 2023 levels are pre-5th-census);
    2024 and later -> ec2023.  A figure of unspecified vintage is placed the
    same way only if its page was published before the next revision could
    reach it; otherwise the script stops and asks for an explicit decision.
    """
    py = pub_year(published)
    staged = vintage in ('preliminary', 'preliminary verification', 'final verification')
    if vintage not in ('unspecified',) and not staged:
        die('%s: no basis rule for vintage %s' % (where, vintage))
    if year <= 2013:
        if vintage == 'preliminary':
            return 'ec2008'
        die('%s: no basis rule for %d %s' % (where, year, vintage))
    if year <= 2017:
        if not staged and (py is None or py > 2019):
            die('%s: %d figure published %s needs a tagged basis' % (where, year, published))
        return 'ec2013'
    if year == 2018:
        if vintage == 'preliminary' or (vintage == 'unspecified' and py is not None and py <= 2019):
            return 'ec2013'
        die('%s: no basis rule for 2018 %s' % (where, vintage))
    if year <= 2023:
        return 'ec2018'
    return 'ec2023'


# OVERRIDE: row-level judgement calls, keyed by (region, indicator, year,
# value, start of source title).  Each says what it sets and why.
ROW_OVERRIDES = [
    # README: 'Beijing 2018: 30,320 (preliminary) vs 33,106'; the HKTDC tag says only pre-4th-census
    (('beijing', 'gdp', '2018', '30320', 'HKTDC Research: Beijing Market Profile (2017/2018'),
     {'vintage': 'preliminary',
      'note': 'vintage from the reference README (30,320 = the 2018 preliminary figure)'}),
    # The title names the NBS 2024 index release and the same figure (154.1) is stated
    # with '2014 = 100' by the NBS release reproduced on cstsa.org.cn
    (('jingjinji', 'coordinated_development_index', '2024', '154.1', 'CCTV News via ZAKER'),
     {'vintage': 'edition 2024', 'basis': '2014=100',
      'note': "vintage and base from the NBS 2024 release (the same 154.1 is stated 'with "
              "2014 as base period' in the cstsa.org.cn copy); this excerpt states no base"}),
    # README: 'Tianjin population 2016 (1,443) is on the post-2020-census series'
    (('tianjin', 'population', '2016', '1443', 'dzxwnews.com'),
     {'vintage': 'revised', 'basis': 'pc2020',
      'note': 'basis from the reference README (1,443 is on the post-2020-census series); '
              'published 2023, after the 7th-census revision'}),
    (('tianjin', 'population', '2016', '1443', 'NetEase'),
     {'vintage': 'revised',
      'note': 'back-revised figure of the Tianjin Statistical Yearbook 2024 series (reference README)'}),
    # Same 2023 compilation as the Tianjin 2016 row above; 2195.4 exceeds both the 2015
    # (2170.5/2171) and 2017 (2170/2171) pre-census levels, so it cannot be on that series
    (('beijing', 'population', '2016', '2195.4', 'dzxwnews.com'),
     {'basis': 'pc2020',
      'note': 'basis inferred, not stated: published 2023 (after the 7th-census revision) in '
              'the compilation whose Tianjin 2016 figure the README places on the '
              'post-census series; the value does not fit the pre-census 2015 and 2017 levels'}),
    # README cross-check: 'Cumulative since 2014: 1,410 to 2020 + 2,308.7 for 2021-24'
    (('beijing_to_tianjin_hebei', 'technology_contract_value_cumulative', '2020', '1410',
      'Beijing Business Today'),
     {'basis': 'cumulative from 2014',
      'note': 'start year 2014 from the reference README cross-check'}),
    (('beijing_to_tianjin_hebei', 'technology_contract_value_cumulative', '2024', '2308.7',
      'NBS Jing-Jin-Ji'),
     {'basis': 'cumulative from 2021'}),
]

# Seed rows whose basis is set explicitly (OVERRIDE)
SEED_BASIS = {
    'S078': 'cumulative from 2014',   # 'cumulative since 2014'
    'S083': '2013=100',               # '2013 base = 100'
    'S085': 'not stated',             # Beijing sub-index: 'base/scale not stated'
    'S086': 'not stated',
}


def find_override(v):
    hits = [o for k, o in ROW_OVERRIDES
            if (v['region'], v['indicator'], v['year'], v['value']) == k[:4]
            and v['source_title'].startswith(k[4])]
    if len(hits) > 1:
        die('more than one override for %r' % (v,))
    return hits[0] if hits else None


# ---------------------------------------------------------------------------
# Observations from verified rows
# ---------------------------------------------------------------------------

obs = []
verified_units = defaultdict(set)
merged_with = {}                  # verified row index -> seed fact id
for fid, key in MERGE.items():
    hits = [i for i, v in enumerate(verified)
            if (v['region'], v['indicator'], v['year']) == key
            and v['source_title'] == ARTICLE_TITLE_IN_REF]
    if len(hits) != 1:
        die('merge %s: %d candidate verified rows' % (fid, len(hits)))
    merged_with[hits[0]] = fid
n_article_rows = sum(v['source_title'] == ARTICLE_TITLE_IN_REF for v in verified)
if n_article_rows != len(MERGE):
    die('%d verified rows cite the article, %d merges' % (n_article_rows, len(MERGE)))

seed_by_id = {s['fact_id']: s for s in seed}
used_overrides = set()

for i, v in enumerate(verified):
    year = int(v['year'])
    unit, remark = split_unit(v['unit'])
    verified_units[v['indicator']].add(unit)
    items = split_remarks(remark)
    qual, note = classify(items)
    title = v['source_title']
    tag = tag_of(title)
    for flag in ('secondary', 'low confidence'):
        if re.search(r'\b%s\b' % flag, title):
            qual.append(flag)

    by_year, tag_ec, tag_pc, tag_base = parse_tag(tag)
    derivation = []
    # Vintage: V1 unit remark, V2 tag clause for the row's year, V3-V5 title/excerpt, else unspecified
    vintage = unit_stage(items)
    tv = by_year.get(year) or by_year.get('*')
    if tv and tv.startswith('edition ') and v['indicator'] not in INDEX:
        tv = None                         # editions are for indices only
    if by_year.get('nbsdb') and year not in by_year:
        tv = 'census-revised' if year <= 2018 else 'revised'
    if vintage and tv and vintage != tv and vintage != 'census count':
        die('row %d: unit says %s, tag says %s' % (i, vintage, tv))
    vintage = vintage or tv
    if vintage is None:
        vintage, why = title_stage(title, v['indicator'], year, v['excerpt'])
        if vintage:
            derivation.append('vintage: ' + why)
    vintage = vintage or 'unspecified'

    ov = find_override(v)
    if ov:
        used_overrides.add(id(ov))
        if 'vintage' in ov:
            vintage = ov['vintage']

    # Basis
    basis, basis_note = '', None
    if v['indicator'] in NA:
        if tag_ec:
            basis = tag_ec
        else:
            basis = ec_by_rule(year, vintage, v['published'], 'row %d' % i)
            basis_note = 'basis by year rule'
    elif v['indicator'] in POP:
        if tag_pc:
            basis = tag_pc
        else:
            basis = 'pc2010' if year <= 2019 else 'pc2020'
            basis_note = 'basis by year rule'
    elif v['indicator'] == 'population_census':
        basis = 'census2020'
    elif v['indicator'] in INDEX:
        m = re.search(r'(\d{4}) = 100', remark)
        basis = ('%s=100' % m.group(1)) if m else (tag_base or 'not stated')
    if 'China Railway Beijing Group network' in remark:
        basis = 'CR Beijing Group network'
    if 'research-paper observation series' in remark:
        basis = 'research series'
    if ov and 'basis' in ov:
        basis = ov['basis']
        basis_note = None

    if ov and ov.get('note'):
        note.append(ov['note'])
    note += derivation
    if basis_note:
        note.append(basis_note)
    if tag:
        note.append('vintage tag: ' + tag)

    row = {
        'region': v['region'], 'indicator': v['indicator'], 'year': year,
        'period': v['year'], 'value': v['value'], 'unit': unit,
        'vintage': vintage, 'basis': basis,
        'source': source_id_of_key[(strip_tag(title), v['source_url'], v['published'])],
        'excerpt': v['excerpt'], 'fact': '', '_q': qual, '_n': note, '_vi': i,
    }

    fid = merged_with.get(i)
    if fid:
        s = seed_by_id[fid]
        ind, sunit, places, why = SEED_MAP.get(fid, (s['indicator'], s['unit'], 0, None))
        if ind != v['indicator'] or sunit != unit or not dec_equal(shift(s['value'], places), v['value']):
            die('merge %s does not match its verified row' % fid)
        sq, sn = classify(split_remarks(s['qualifier']))
        row['_q'] += sq
        if why:
            sn.append('%s, value %s' % (why, s['value']))
        row['_n'] = sn + row['_n']
        row['fact'] = fid
        row['period'] = s['period']   # the article's own period wording
        q, e = s['quote'], v['excerpt']
        # the longer text when one contains the other (keeps both verbatim), else both
        row['excerpt'] = e if q in e else (q if e in q else q + ' | ' + e)
    obs.append(row)

if len(used_overrides) != len(ROW_OVERRIDES):
    die('an OVERRIDE entry matched no row')


# ---------------------------------------------------------------------------
# Observations from seed facts that are not merged
# ---------------------------------------------------------------------------

for s in seed:
    fid = s['fact_id']
    if fid in MERGE:
        continue
    year = seed_year(s['period'])
    ind, unit, places, why = SEED_MAP.get(fid, (s['indicator'], s['unit'], 0, None))
    value = shift(s['value'], places) if unit != 'date' else s['value']
    if unit == 'date' and not re.fullmatch(r'\d{4}-\d{2}(-\d{2})?', value):
        die('%s: date value %r' % (fid, value))
    qual, note = classify(split_remarks(s['qualifier']))
    if places:
        note.insert(0, 'reported %s %s' % (s['value'], s['unit']))
    if why:
        note.append(why)
    vintage = 'projected' if 'projected' in qual else 'unspecified'
    basis = SEED_BASIS.get(fid, '')
    if not basis and ind in INDEX:
        m = re.search(r'(\d{4}) = 100', s['qualifier'])
        basis = '%s=100' % m.group(1) if m else 'not stated'
    if not basis and year is not None and ind in NA:
        basis = ec_by_rule(year, vintage, '2025-02-26', fid)
        note.append('basis by year rule')
    if not basis and year is not None and ind in POP:
        basis = 'pc2010' if year <= 2019 else 'pc2020'
        note.append('basis by year rule')
    if year is None and (ind in NA or ind in POP):
        note.append("basis unknown: period '%s' has no year" % s['period'])
    obs.append({
        'region': s['region'], 'indicator': ind, 'year': year, 'period': s['period'],
        'value': value, 'unit': unit, 'vintage': vintage, 'basis': basis,
        'source': ARTICLE_ID, 'excerpt': s['quote'], 'fact': fid,
        '_q': qual, '_n': note, '_vi': None,
    })

for o in obs:
    o['qualifier'] = join_items(o.pop('_q'))
    o['note'] = join_items(o.pop('_n'))


# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------

# id: (name_en, name_zh, category, description).  name_zh only where the
# reference excerpts use the term.
IND = {
    # --- national accounts (verified) ---
    'gdp': ('Gross domestic product (GDP / gross regional product)', '地区生产总值 / 国内生产总值', 'economy',
            'Nominal GDP at current prices (for china 国内生产总值, for regions 地区生产总值). Levels are '
            'revised after each economic census: compare levels only within one basis (ec2008, ec2013, '
            'ec2018, ec2023). The jingjinji rows are published aggregates of the three (several rounded), '
            'not sums computed here.'),
    'gdp_per_capita': ('GDP per capita', '人均地区生产总值 / 人均国内生产总值', 'economy',
                       'Nominal GDP per resident at current prices. Depends on both the GDP basis and the '
                       'population series; several values are rounded to 1,000 yuan.'),
    'gdp_real_growth': ('Real GDP growth', '比上年增长（按可比价格计算）', 'economy',
                        'Real growth of GDP at comparable prices (可比价/不变价), previous year = 100 minus 100, '
                        'in percent. The consistent series for growth over time; preliminary and verified '
                        'rates can differ by 0.1-0.2 points.'),
    'va_primary': ('Value added of the primary industry', '第一产业增加值', 'economy',
                   'Nominal value added of agriculture, forestry, animal husbandry and fishery at current prices.'),
    'va_secondary': ('Value added of the secondary industry', '第二产业增加值', 'economy',
                     'Nominal value added of industry and construction at current prices.'),
    'va_tertiary': ('Value added of the tertiary industry', '第三产业增加值', 'economy',
                    'Nominal value added of services at current prices.'),
    'tertiary_share': ('Tertiary industry share of GDP', '第三产业比重', 'economy',
                       'Value added of the tertiary industry as a percentage of GDP, as published.'),
    'budget_revenue': ('General public budget revenue', '一般公共预算收入', 'economy',
                       'Revenue of the general public budget of the municipal government, nominal. Budget '
                       'implementation reports and final accounts (决算) can both report it.'),
    'gdp_usd': ('GDP in US dollars (article conversion)', '', 'economy',
                "The article's own conversion of a yuan GDP figure into US dollars; not an official "
                'series. Both rows are the article\'s rounding.'),
    # --- population ---
    'population': ('Resident population, year end', '常住人口', 'population',
                   'Year-end resident (常住) population. Series before the 7th population census (pc2010) '
                   'and the revised series after it (pc2020) differ by up to several percent: do not '
                   'compare across bases. Scope notes (e.g. Shijiazhuang incl./excl. Xinji) are in note.'),
    'population_census': ('Resident population, 7th census count', '常住人口（第七次人口普查）', 'population',
                          'Census count of the resident population at 2020-11-01 00:00 (7th national population '
                          'census), not a year-end estimate.'),
    'urbanisation_rate': ('Urbanisation rate', '常住人口城镇化率', 'population',
                          'Urban resident population as a percentage of the resident population, year end. '
                          'Follows the population series (pc2010 / pc2020).'),
    # --- environment ---
    'pm25': ('PM2.5 annual mean concentration', 'PM2.5年均浓度', 'environment',
             'Annual mean concentration of fine particulate matter (PM2.5) in micrograms per cubic metre, '
             'from official bulletins and press releases; a research-paper observation series is marked '
             "basis 'research series'."),
    'pm25_reduction_vs_2013': ('PM2.5 reduction since 2013', 'PM2.5年均浓度（与2013年相比降幅）', 'environment',
                               'Percentage fall of the PM2.5 annual mean concentration compared with 2013, as '
                               'published (not computed here).'),
    # --- innovation ---
    'rd_expenditure': ('R&D expenditure', '研究与试验发展(R&D)经费投入', 'innovation',
                       'Gross domestic expenditure on research and experimental development, nominal.'),
    'rd_intensity': ('R&D intensity', 'R&D经费投入强度', 'innovation',
                     'R&D expenditure as a percentage of GDP.'),
    'technology_contract_value': ('Value of technology contracts', '技术合同成交额', 'innovation',
                                  'Turnover of technology contracts; for beijing_to_tianjin_hebei the contracts '
                                  'flowing from Beijing to Tianjin and Hebei (北京流向津冀), per year.'),
    'technology_contract_value_cumulative': ('Value of technology contracts, cumulative', '技术合同成交额（累计）',
                                             'innovation',
                                             'Cumulative turnover of technology contracts over a stated window; the '
                                             "window is in basis ('cumulative from 2014', 'cumulative from 2021'). "
                                             'Rows with different windows are not comparable.'),
    'technology_contract_value_growth': ('Growth of technology contract value', '', 'innovation',
                                         'Year-on-year growth of the technology contract value, percent, as stated '
                                         'by the article.'),
    'technology_contract_value_usd': ('Technology contract value in US dollars (article conversion)', '',
                                      'innovation', "The article's conversion of the yuan figure; not an official series."),
    'collaborative_innovation_index': ('Jing-Jin-Ji collaborative innovation index (PKU)', '京津冀协同创新指数',
                                       'innovation',
                                       'Index compiled by Peking University (Capital / Beijing Development '
                                       'Institute), released in annual editions. It is re-based between editions '
                                       '(an earlier edition had 16.18 -> 80.99; the 2023 edition has 2013 = 100 -> '
                                       '297.6 in 2022; the article has 298.2 for 2023): compare only within one '
                                       'edition. The Beijing sub-index (661.7, 1,025.5) has no stated base.'),
    'joint_basic_research_projects': ('Jointly funded basic research projects', '', 'innovation',
                                      'Number of basic research projects jointly funded by the three regions.'),
    'businesses_attracted': ('Businesses attracted', '', 'innovation',
                             'Number of businesses that have settled in the park, to date.'),
    'major_projects': ('Major projects implemented', '', 'innovation',
                       'Number of major projects implemented by the alliance.'),
    'cooperative_initiatives': ('Cooperative initiatives', '', 'innovation',
                                'Number of cooperative initiatives implemented by the alliance.'),
    'established': ('Date established', '', 'innovation', 'Month in which the organisation was established (ISO YYYY-MM).'),
    'height': ('Height', '', 'innovation', 'Height of the object, metres.'),
    'length_m': ('Length (metres)', '', 'innovation',
                 "Length of an object in metres (the seed's 'length' for the 3D printer; rail line "
                 "lengths in km are indicator 'length')."),
    'width': ('Width', '', 'innovation', 'Width of the object, metres.'),
    # --- strategy ---
    'coordinated_development_index': ('Jing-Jin-Ji regional coordinated development index (NBS)',
                                      '京津冀区域协同发展指数', 'strategy',
                                      'Index compiled by NBS (Jing-Jin-Ji Coordinated Development Statistical '
                                      'Monitoring Office), 2014 = 100, one edition per year; each release '
                                      'revises the previous year, so compare only within one edition (vintage).'),
    'coordinated_development_anniversary': ('Anniversary of the coordinated development strategy', '', 'strategy',
                                            'Years since the strategy was launched (February 2014), as the article counts them.'),
    'coordinated_development_launch': ('Launch of the coordinated development strategy', '', 'strategy',
                                       'Month the coordinated development of Beijing, Tianjin and Hebei was initiated (ISO YYYY-MM).'),
    'strategy_structure_cores': ("Strategy structure: cores ('one core')", '', 'strategy',
                                 "Number of cores in the 'one core and two wings' layout (the core is Beijing)."),
    'strategy_structure_wings': ("Strategy structure: wings ('two wings')", '', 'strategy',
                                 "Number of wings in the 'one core and two wings' layout (BMAC and Xiong'an)."),
    'municipal_departments_relocation_batch': ('Relocation batch of municipal departments', '', 'strategy',
                                               'Ordinal of the group of Beijing municipal government departments '
                                               'relocated to the administrative center (2 = second group).'),
    'advanced_manufacturing_action_plan_years': ('Length of the advanced manufacturing action plan', '', 'strategy',
                                                 'Duration in years of the action plan to be formulated (a plan, not an outcome).'),
    # --- economy (seed) ---
    'national_level_industry_clusters': ('National-level industry clusters', '', 'economy',
                                         'Number of industry clusters across the three regions with national-level status.'),
    # --- investment ---
    'cumulative_investment': ("Cumulative investment (Xiong'an)", '累计完成投资', 'investment',
                              "Cumulative completed investment in Xiong'an New Area since its establishment, at the "
                              'date in note (as of); one row of 2024 covers only 383 key projects.'),
    'cumulative_investment_14th_fyp': ("Cumulative investment during the 14th Five-Year Plan (Xiong'an)",
                                       '累计完成投资（“十四五”时期）', 'investment',
                                       'Cumulative completed investment 2021-2025 (14th Five-Year Plan period).'),
    'total_investment_usd': ("Total investment in US dollars (article conversion)", '', 'investment',
                             "The article's conversion of Xiong'an's 835.4 billion yuan; not an official series."),
    'total_investment_usd_headline': ('Total investment in US dollars (headline)', '', 'investment',
                                      "The article headline's rounded dollar figure ('above $115b')."),
    'fixed_asset_investment': ('Fixed-asset investment', '', 'investment',
                               'Annual fixed-asset investment, nominal, in the unit the article uses (billion yuan).'),
    'fixed_asset_investment_cumulative': ('Fixed-asset investment, cumulative', '', 'investment',
                                          'Cumulative fixed-asset investment over the period in period, billion yuan.'),
    'fixed_asset_investment_target': ('Fixed-asset investment target', '', 'investment',
                                      'Annual investment target, billion yuan per year.'),
    'fixed_asset_investment_growth': ('Fixed-asset investment growth', '', 'investment',
                                      'Growth of fixed-asset investment over the previous year, percent (the article '
                                      'gives a projection).'),
    'fai_target_met_consecutive_years': ('Years the investment target was met', '', 'investment',
                                         'Consecutive years in which the annual investment target was met.'),
    'industry_chain_projects_signed': ('Industry chain projects signed', '', 'investment',
                                       'Projects signed under the collaboration to strengthen key industry chains, 2014-2024.'),
    'industry_chain_projects_investment': ('Investment of industry chain projects', '', 'investment',
                                           'Total investment of those projects, billion yuan.'),
    'area_developed': ('Area developed', '', 'investment', 'Land area developed to date, square kilometres.'),
    'floor_space_built': ('Floor space built', '', 'investment', 'Floor space built to date, million square metres.'),
    'buildings_constructed': ('Buildings constructed', '', 'investment', 'Number of buildings constructed to date.'),
    'utility_tunnels_length': ('Underground utility tunnels', '', 'investment', 'Length of underground utility tunnels built, km.'),
    'hydraulic_dams_length': ('Hydraulic dams', '', 'investment', 'Length of hydraulic dams built, km.'),
    # --- transport ---
    'hsr_length_km': ('High-speed rail length', '高铁营业里程', 'transport',
                      'Operating length of high-speed (and intercity) railway in the region, km. Rows differ in '
                      "scope and date (end of year vs mid-year; China Railway Beijing Group network = basis "
                      "'CR Beijing Group network'): see note."),
    'railway_length_km': ('Railway length', '铁路营业里程', 'transport',
                          'Operating length of all railways in the three provinces, km.'),
    'expressway_length_km': ('Expressway length', '高速公路总里程', 'transport',
                             'Total length of expressways in the three provinces, km.'),
    'transport_circle': ("'One-hour transport circle'", '', 'transport',
                         "Travel time defining the 'one-hour transport circle' that is 'taking shape', hours."),
    'new_roads_length': ('New roads', '', 'transport', "Length of new roads built in Xiong'an to date, km."),
    'length': ('Line length (km)', '', 'transport', 'Route length of a rail or subway line, km.'),
    'stations': ('Stations', '', 'transport', 'Number of stations on a line (planned for lines under construction).'),
    'opening': ('Opening date', '', 'transport', 'Month a station was put into operation (ISO YYYY-MM).'),
    'opening_year': ('Opening year', '', 'transport', 'Year a line opened.'),
    'service_start': ('Service start', '', 'transport', 'Month a service started (ISO YYYY-MM).'),
    'routes': ('Routes', '', 'transport', 'Number of routes of a bus service.'),
    'bus_trips': ('Bus trips', '', 'transport', 'Number of bus trips made since the service started.'),
    'avg_daily_passengers': ('Average daily passengers', '', 'transport', 'Average number of passengers per day.'),
    'daily_passenger_trips_low': ('Daily passenger trips (low end)', '', 'transport',
                                  'Low end of the stated range of passenger trips per day.'),
    'daily_passenger_trips_high': ('Daily passenger trips (high end)', '', 'transport',
                                   'High end of the stated range of passenger trips per day.'),
    'min_train_interval': ('Shortest train interval', '', 'transport', 'Shortest interval between trains, minutes.'),
    'intercity_hall_expansion': ('Intercity entrance hall expansion', '', 'transport',
                                 'Floor area added to the entrance hall for the intercity railway, square metres.'),
    'beijing_districts_served': ('Beijing districts served', '', 'transport',
                                 'Number of Beijing districts a line will connect.'),
    'hebei_section_civil_works_done': ('Civil works completed, Hebei section', '', 'transport',
                                       "Share of the civil works of the line's Hebei section finished, percent ('half')."),
    'lines_for_transfer': ('Lines for transfer', '', 'transport', 'Number of lines a hub will connect for transfers.'),
    # --- public services ---
    'turnkey_facilities_built_by_beijing': ("'Turnkey' facilities built by Beijing", '', 'public_services',
                                            "Number of facilities (kindergarten, elementary school, secondary school, "
                                            "general hospital) Beijing helped build in Xiong'an."),
    'turnkey_facilities_operating_duration': ('Operating time of the turnkey facilities', '', 'public_services',
                                              'Time the facilities have been in operation, years.'),
    'outpatient_visits': ('Outpatient visits', '', 'public_services', 'Outpatient visits since opening.'),
    'medical_consortia': ('Medical consortia', '', 'public_services',
                          'Number of medical consortia established jointly by the three regions.'),
    'medical_institutions_mutual_test_recognition': ('Institutions with mutual recognition of test results', '',
                                                     'public_services',
                                                     'Number of medical institutions implementing mutual recognition '
                                                     'of clinical test results.'),
    'first_year_students': ('First-year students', '', 'public_services', 'First-year students who moved into the park.'),
    'universities': ('Universities', '', 'public_services', 'Number of universities whose students moved in.'),
    # --- environment (seed) ---
    'green_collaborative_mechanisms': ('Collaborative mechanisms for green action', '', 'environment',
                                       'Number of collaborative mechanisms for green action among the three regions.'),
    'surface_water_sections_below_class_v': ('Surface water sections rated below Class V', '', 'environment',
                                             'Number of water sections rated below Class V (0 = eliminated).'),
    'beautiful_rivers_lakes_bays': ("Recognised 'beautiful rivers, lakes or bays'", '', 'environment',
                                    "Bodies of water recognised as outstanding examples of China's beautiful rivers, lakes or bays."),
    'green_demo_zone_plan_approved': ('Approval of the green development demonstration zone plan', '', 'environment',
                                      'Month the State Council approved the implementation plan (ISO YYYY-MM).'),
    'prefabricated_buildings_started': ('Prefabricated buildings started', '', 'environment',
                                        'Floor area of prefabricated buildings initiated in the year, million square metres.'),
    'ultra_low_energy_buildings_added': ('Ultra-low energy buildings added', '', 'environment',
                                         'Floor area of ultra-low energy consumption buildings added in the year, square metres.'),
    # --- culture and tourism ---
    'visits': ('Visits', '', 'culture_tourism', 'Visits received in the year, million visits.'),
    'tourist_visits': ('Tourist visits', '', 'culture_tourism', 'Tourist visits in the year, million visits.'),
    'nighttime_consumption_cluster_listing': ('Listing as national nighttime consumption cluster', '', 'culture_tourism',
                                              'Year of listing as a national nighttime cultural and tourism consumption cluster area.'),
}

units_by_ind = defaultdict(set)
for o in obs:
    units_by_ind[o['indicator']].add(o['unit'])
indicators = OrderedDict()
for iid in sorted(units_by_ind):
    us = units_by_ind[iid]
    if len(us) != 1:
        die('indicator %s has units %r' % (iid, us))
    if iid in verified_units and verified_units[iid] != us:
        die('indicator %s: unit differs from verified %r' % (iid, verified_units[iid]))
    if iid not in IND:
        die('indicator %s has no description' % iid)
    name_en, name_zh, cat, desc = IND[iid]
    indicators[iid] = {'id': iid, 'name_en': name_en, 'name_zh': name_zh,
                       'unit': next(iter(us)), 'category': cat, 'description': desc}
unused = set(IND) - set(indicators)
if unused:
    die('descriptions for unused indicators: %r' % sorted(unused))


# ---------------------------------------------------------------------------
# Checks, sort, write
# ---------------------------------------------------------------------------

CATEGORIES = {'economy', 'population', 'environment', 'innovation', 'transport', 'investment',
              'public_services', 'strategy', 'culture_tourism'}
LEVELS = {'country', 'region', 'province', 'prefecture', 'new_area', 'district', 'flow', 'place'}
VINTAGE_OK = re.compile(r'^(preliminary|preliminary verification|final verification|census-revised|'
                        r'revised|census count|annual estimate|edition \d{4}|projected|unspecified)$')

for ind in indicators.values():
    assert ind['category'] in CATEGORIES, ind
for r in regions.values():
    assert r['level'] in LEVELS, r
    assert r['parent'] == '' or r['parent'] in regions, r
for o in obs:
    assert o['region'] in regions, o
    assert o['source'] in sources, o
    assert VINTAGE_OK.match(o['vintage']), o
    if indicators[o['indicator']]['unit'] == 'date':
        assert re.fullmatch(r'\d{4}-\d{2}(-\d{2})?', o['value']), o
    else:
        Decimal(o['value'])
        assert re.fullmatch(r'-?\d+(\.\d+)?', o['value']), o


# Index editions are separate comparable series: an index is re-based or
# revised from one edition to the next (reference README), so the edition is
# part of the basis and jjj_series never reads a change across editions as
# growth.  Rows of the article (China Daily 2025-02-26) form their own edition.
for o in obs:
    if o['indicator'] in INDEX and o['basis'] and o['basis'] != 'not stated':
        if o['vintage'].startswith('edition '):
            o['basis'] = '%s; %s' % (o['basis'], o['vintage'])
        elif o['source'] == ARTICLE_ID:
            o['basis'] = '%s; as in China Daily 2025-02-26' % o['basis']


def sort_key(o):
    return (o['region'], o['indicator'], o['year'] is None, o['year'] or 0, o['period'], o['source'])


obs.sort(key=sort_key)
keys = Counter((o['region'], o['indicator'], o['year'], o['period'], o['source']) for o in obs)
dups = [k for k, n in keys.items() if n > 1]
if dups:
    die('duplicate keys: %r' % dups)
if len(obs) != 511 + 90 - len(MERGE):
    die('%d observations' % len(obs))

OBS_COLS = ['region', 'indicator', 'year', 'period', 'value', 'unit', 'qualifier', 'vintage',
            'basis', 'source', 'note', 'excerpt', 'fact']
write_csv(os.path.join(DATA, 'observations.csv'), OBS_COLS, obs)
write_csv(os.path.join(DATA, 'regions.csv'),
          ['id', 'code', 'name_en', 'name_zh', 'level', 'parent', 'note'], regions.values())
write_csv(os.path.join(DATA, 'indicators.csv'),
          ['id', 'name_en', 'name_zh', 'unit', 'category', 'description'], indicators.values())
write_csv(os.path.join(DATA, 'sources.csv'),
          ['id', 'title', 'publisher', 'published', 'url', 'note'], sources.values())
write_csv(os.path.join(DATA, 'dataset.csv'), ['key', 'value'], [
    {'key': 'name', 'value': 'jingjinji'},
    {'key': 'version', 'value': '1.0.0'},
    {'key': 'title', 'value': 'Beijing-Tianjin-Hebei (Jing-Jin-Ji) regional economic statistics'},
    {'key': 'licence', 'value': 'The figures are public statistics quoted from the sources listed in '
                                'sources.csv; their compilation (selection, identifiers, vintages, bases '
                                'and notes) is part of the jingjinji project.'},
    {'key': 'description', 'value': "Every quantitative statement of China Daily's article 'Coordinated "
                                    "regional strategy pays dividends' (2025-02-26) and the verified time "
                                    'series behind it for China, Beijing, Tianjin, Hebei and Hebei cities, one '
                                    'row per source and vintage. Each figure keeps its source, qualifier, '
                                    'vintage and comparable basis.'},
])


# ---------------------------------------------------------------------------
# Generated sections of docs/data.md
# ---------------------------------------------------------------------------

def md_cell(s):
    return s.replace('|', '\\|').replace('\n', ' ')


def coverage_md():
    cnt = Counter()
    pairs = OrderedDict()
    for o in obs:
        pairs[(o['region'], o['indicator'])] = True
        cnt[(o['region'], o['indicator'], o['year'])] += 1
    order = list(regions)
    head = ['region', 'indicator'] + [str(y) for y in YEARS_GRID] + ['no year']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for reg, ind in sorted(pairs, key=lambda p: (order.index(p[0]), p[1])):
        cells = []
        for y in YEARS_GRID + [None]:
            n = cnt[(reg, ind, y)]
            cells.append(str(n) if n else '·')
        lines.append('| %s | %s | %s |' % (reg, ind, ' | '.join(cells)))
    other = sorted({o['year'] for o in obs if o['year'] is not None} - set(YEARS_GRID))
    lines.append('')
    lines.append('%d observations in %d region × indicator series; years outside the grid: %s.'
                 % (len(obs), len(pairs), ', '.join(map(str, other)) or 'none'))
    return '\n'.join(lines)


def sources_md():
    lines = ['| id | title | publisher | published | url | note |', '|---|---|---|---|---|---|']
    for s in sources.values():
        lines.append('| %s |' % ' | '.join(md_cell(s[k]) for k in
                                           ('id', 'title', 'publisher', 'published', 'url', 'note')))
    return '\n'.join(lines)


def counts_md():
    nv = Counter(o['vintage'] for o in obs)
    nb = Counter(o['basis'] or '(empty)' for o in obs)
    lines = ['| vintage | rows |', '|---|---|']
    lines += ['| %s | %d |' % (k, nv[k]) for k in sorted(nv)]
    lines += ['', '| basis | rows |', '|---|---|']
    lines += ['| %s | %d |' % (k, nb[k]) for k in sorted(nb)]
    return '\n'.join(lines)


def replace_section(text, name, body):
    begin = '<!-- BEGIN GENERATED %s: from_reference.py, do not edit -->' % name
    end = '<!-- END GENERATED %s -->' % name
    pat = re.compile(re.escape(begin) + r'.*?' + re.escape(end), re.S)
    if not pat.search(text):
        die('docs/data.md has no %s markers' % name)
    return pat.sub(lambda m: begin + '\n' + body + '\n' + end, text)


if os.path.exists(DOC):
    with open(DOC, encoding='utf-8') as f:
        doc = f.read()
    doc = replace_section(doc, 'coverage', coverage_md())
    doc = replace_section(doc, 'sources', sources_md())
    doc = replace_section(doc, 'counts', counts_md())
    with open(DOC, 'w', encoding='utf-8', newline='') as f:
        f.write(doc)

print('wrote %d observations, %d regions, %d indicators, %d sources'
      % (len(obs), len(regions), len(indicators), len(sources)))
