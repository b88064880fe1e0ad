"""python.py CHECKS EXT - the Python host (sqlite3 module of the stdlib)."""
import sqlite3
import sys

checks, ext = sys.argv[1], sys.argv[2]
con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(ext)
con.enable_load_extension(False)


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


with open(checks, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        cid, query = fields[0], fields[2]
        setup = fields[3] if len(fields) > 3 else ""
        try:
            if setup:
                con.execute(setup).fetchall()
            row = con.execute(query).fetchone()
            v = "NULL" if row is None or row[0] is None else str(row[0])
        except sqlite3.Error as e:
            v = "error: %s" % e
        print("%s\t%s" % (cid, esc(v)), flush=True)
con.close()
