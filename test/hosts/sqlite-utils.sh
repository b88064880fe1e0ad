#!/bin/sh
# sqlite-utils (Debian's 3.30): sqlite-utils memory --load-extension=...
# One process per check, as a user types it.  sqlite-utils executes one
# statement per call, so a check with a setup statement becomes one
# statement: the setup in a MATERIALIZED CTE, and the query as a subquery
# correlated with it, which SQLite can only run after the setup
# (EXPLAIN QUERY PLAN: MATERIALIZE, then CORRELATED SCALAR SUBQUERY).
. test/hosts/lib.sh
command -v sqlite-utils >/dev/null 2>&1 || apt_need sqlite-utils
err=$(mktemp)
trap 'rm -f "$err"' EXIT
checks_lines | while IFS='	' read -r id expected query setup; do
  if [ -n "${setup:-}" ]; then
    sql="WITH jjj_setup(v) AS MATERIALIZED ($setup) SELECT coalesce((SELECT * FROM ($query) WHERE jjj_setup.v IS jjj_setup.v), 'NULL') FROM jjj_setup"
  else
    sql="SELECT coalesce(($query), 'NULL')"
  fi
  if v=$(sqlite-utils memory --load-extension="$JJJ_SO" "$sql" -r 2>"$err"); then
    printf '%s\t%s\n' "$id" "$v"
  else
    printf '%s\terror: %s\n' "$id" "$(tail -n 1 "$err" | sed 's/^Error: //')"
  fi
done
