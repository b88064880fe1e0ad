#!/bin/sh
# Debian's Python (/usr/bin/python3, sqlite3 module).  A pyenv or macOS
# python3 may lack enable_load_extension: this host uses /usr/bin/python3.
. test/hosts/lib.sh
[ -x /usr/bin/python3 ] || apt_need python3
/usr/bin/python3 -c 'import sqlite3, sys; sys.exit(0 if hasattr(sqlite3.Connection, "enable_load_extension") else 3)' \
  || skip "/usr/bin/python3 has no sqlite3 enable_load_extension"
exec /usr/bin/python3 test/hosts/python.py "$JJJ_CHECKS" "$JJJ_EXT"
