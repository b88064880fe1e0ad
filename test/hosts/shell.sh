#!/bin/sh
# The sqlite3 command-line shell: .load, then every check in one session.
# The shell is not the library (it has generate_series, zipfile, fsdir
# built in), so this host is not the same as Tcl or Python.
. test/hosts/lib.sh
command -v sqlite3 >/dev/null 2>&1 || apt_need sqlite3
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  printf '.bail off\n.mode list\n.separator "\\t"\n.nullvalue NULL\n'
  printf '.load %s\n' "$JJJ_EXT"
  checks_lines | awk -F'\t' '{
    if ($4 != "") {
      s = $4; if (s !~ /;[[:space:]]*$/) s = s ";"
      print ".output /dev/null"; print s; print ".output stdout"
    }
    print "SELECT '\''" $1 "'\'', (" $3 ");"
  }'
} > "$script"
sqlite3 -batch :memory: < "$script"
exit 0
