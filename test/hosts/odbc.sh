#!/bin/sh
# ODBC: unixODBC's isql with the SQLite3 ODBC driver (libsqliteodbc) and
# LoadExt= in the connection string, as LibreOffice, Excel/Power Query or
# any ODBC reporting tool would connect.  Each line of isql's input is one
# statement.
. test/hosts/lib.sh
apt_need unixodbc libsqliteodbc
odbcinst -q -d -n SQLite3 >/dev/null 2>&1 || skip "the SQLite3 ODBC driver is not registered in odbcinst.ini"
input=$(mktemp)
trap 'rm -f "$input"' EXIT
checks_lines | awk -F'\t' '{
  if ($4 != "") print $4
  print "SELECT '\''" $1 "'\'', coalesce((" $3 "), '\''NULL'\'')"
}' > "$input"
isql -k "Driver=SQLite3;Database=:memory:;LoadExt=$JJJ_SO" -b -x0x09 < "$input"
