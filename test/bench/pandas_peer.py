#!/usr/bin/python3
"""pandas_peer.py - jingjinji against pandas, end to end (load + compute).

    /usr/bin/python3 test/bench/pandas_peer.py [--ext ./jingjinji.so] [--big]

Optional (not in CI): needs Debian's python3-pandas
(apt-get install python3-pandas).  Builds the panel of the C driver's
"per group" section in a SQLite file (30 regions x 30 years x K indicators,
K = 100 and 1000, with --big also 10000), then times each workload both
ways from the same file:

  ours    one SQL query with the extension's aggregate, rows fetched
  pandas  pd.read_sql_query of the rows it needs, then the idiomatic
          vectorised computation (groupby; sort + cumcount for Gini)

and prints the ratio ours/pandas (goal: below 1, faster than pandas for
every workload) with the load share of pandas' time.  Each result is
checked against the other side (relative 1e-9).
"""
import math
import os
import random
import sqlite3
import sys
import tempfile
import time

import numpy as np
import pandas as pd

EXT = "./jingjinji.so"
BIG = False
for i, a in enumerate(sys.argv[1:]):
    if a == "--ext":
        EXT = sys.argv[i + 2]
    elif a == "--big":
        BIG = True


def make_panel(path, n_ind):
    con = sqlite3.connect(path)
    con.execute("DROP TABLE IF EXISTS p")
    con.execute("CREATE TABLE p(region INT, indicator INT, year INT, value REAL)")
    rng = random.Random(7)
    rows = []
    for ind in range(n_ind):
        lvl = 100.0 * math.exp(rng.gauss(0, 1))
        for yr in range(30):
            for rg in range(30):
                v = lvl * (1.0 + 0.1 * rg) * 1.05 ** yr * math.exp(0.1 * rng.gauss(0, 1))
                rows.append((rg, ind, 2000 + yr, round(v, 2)))
    con.executemany("INSERT INTO p VALUES (?,?,?,?)", rows)
    con.execute("CREATE INDEX p_ri ON p(region, indicator, year, value)")
    con.execute("CREATE INDEX p_iy ON p(indicator, year, region, value)")
    con.commit()
    con.close()


def ours(path, sql):
    con = sqlite3.connect(path)
    con.enable_load_extension(True)
    con.load_extension(EXT)
    t = time.perf_counter()
    rows = con.execute(sql).fetchall()
    t = time.perf_counter() - t
    con.close()
    return t, sum(r[0] for r in rows if r[0] is not None)


def load(path, sql):
    con = sqlite3.connect(path)
    df = pd.read_sql_query(sql, con)
    con.close()
    return df


def pd_gini(path):
    t0 = time.perf_counter()
    df = load(path, "SELECT indicator, year, value FROM p")
    t1 = time.perf_counter()
    df = df.sort_values(["indicator", "year", "value"])
    g = df.groupby(["indicator", "year"], sort=False)
    i = g.cumcount().to_numpy() + 1
    n = g["value"].transform("size").to_numpy()
    df["w"] = (2 * i - n - 1) * df["value"].to_numpy()
    a = df.groupby(["indicator", "year"]).agg(num=("w", "sum"), tot=("value", "sum"),
                                              n=("value", "size"))
    r = (a["num"] / (a["n"] * a["tot"])).sum()
    return time.perf_counter() - t0, t1 - t0, r


def pd_std(path):
    t0 = time.perf_counter()
    df = load(path, "SELECT region, indicator, value FROM p")
    t1 = time.perf_counter()
    r = df.groupby(["region", "indicator"])["value"].std().sum()
    return time.perf_counter() - t0, t1 - t0, r


def pd_theil(path):
    t0 = time.perf_counter()
    df = load(path, "SELECT indicator, year, value FROM p")
    t1 = time.perf_counter()
    mu = df.groupby(["indicator", "year"])["value"].transform("mean")
    q = df["value"] / mu
    df["t"] = q * np.log(q)
    r = df.groupby(["indicator", "year"])["t"].mean().sum()
    return time.perf_counter() - t0, t1 - t0, r


def pd_cagr(path):
    t0 = time.perf_counter()
    df = load(path, "SELECT region, indicator, year, value FROM p")
    t1 = time.perf_counter()
    df = df.sort_values(["region", "indicator", "year"])
    g = df.groupby(["region", "indicator"])
    a = g.agg(y0=("year", "first"), y1=("year", "last"),
              v0=("value", "first"), v1=("value", "last"))
    r = (100.0 * ((a["v1"] / a["v0"]) ** (1.0 / (a["y1"] - a["y0"])) - 1.0)).sum()
    return time.perf_counter() - t0, t1 - t0, r


WORK = [
    ("gini per (indicator, year)",
     "SELECT jjj_gini(value) FROM p GROUP BY indicator, year", pd_gini),
    ("stddev per (region, indicator)",
     "SELECT jjj_stddev_samp(value) FROM p GROUP BY region, indicator", pd_std),
    ("theil_t per (indicator, year)",
     "SELECT jjj_theil_t(value) FROM p GROUP BY indicator, year", pd_theil),
    ("cagr per (region, indicator)",
     "SELECT jjj_cagr(year, value) FROM p GROUP BY region, indicator", pd_cagr),
]


def main():
    print("pandas %s, numpy %s, SQLite %s" % (pd.__version__, np.__version__,
                                              sqlite3.sqlite_version))
    print("%-34s %9s %10s %10s %8s %9s  %s" % ("workload", "rows", "ours ms",
          "pandas ms", "ratio", "load", "goal < 1"))
    bad = 0
    sizes = [100, 1000] + ([10000] if BIG else [])
    with tempfile.TemporaryDirectory() as d:
        for k in sizes:
            path = os.path.join(d, "panel.db")
            if os.path.exists(path):
                os.remove(path)
            make_panel(path, k)
            n = 900 * k
            for name, sql, fn in WORK:
                to = min(ours(path, sql)[0] for _ in range(3))
                ro = ours(path, sql)[1]
                best = None
                for _ in range(3):
                    tp, tl, rp = fn(path)
                    if best is None or tp < best[0]:
                        best = (tp, tl, rp)
                tp, tl, rp = best
                ok = abs(ro - rp) <= 1e-9 * max(1.0, abs(rp))
                met = to < tp
                if not ok or not met:
                    bad += 1
                print("%-34s %9d %10.1f %10.1f %7.3fx %8.0f%%  %s%s" % (
                    name, n, to * 1e3, tp * 1e3, to / tp, 100 * tl / tp,
                    "met" if met else "MISS", "" if ok else "  WRONG %r vs %r" % (ro, rp)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
