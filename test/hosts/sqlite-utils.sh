#!/bin/sh
# sqlite-utils (Debian's 3.30): sqlite-utils memory --load-extension=...
# One process per check, as a user types it.  A check with a setup
# statement runs it in the same statement, as a scalar subquery evaluated
# first: sqlite-utils executes one statement per call.
. test/hosts/lib.sh
command -v sqlite-utils >/dev/null 2>&1 || apt_need sqlite-utils
err=$(mktemp)
trap 'rm -f "$err"' EXIT
checks_lines | while IFS='	' read -r id expected query setup; do
  if [ -n "${setup:-}" ]; then
    sql="SELECT CASE WHEN ($setup) IS NULL OR 1 THEN coalesce(($query), 'NULL') END"
  else
    sql="SELECT coalesce(($query), 'NULL')"
  fi
  if v=$(sqlite-utils memory --load-extension="$JJJ_SO" "$sql" -r 2>"$err"); then
    printf '%s\t%s\n' "$id" "$v"
  else
    printf '%s\terror: %s\n' "$id" "$(tail -n 1 "$err" | sed 's/^Error: //')"
  fi
done
