#!/bin/sh
# Node 20+ with better-sqlite3@12, which bundles its own SQLite (3.53 at
# the time of writing): the forward-compatibility host.  better-sqlite3 is
# installed once into $JJJ_CACHE/node (npm 11 runs no install script until
# it is approved; v13 needs Node 22).
. test/hosts/lib.sh
major=$(node_major)
[ "$major" -ge 20 ] || skip "needs Node 20 or later (node: $(node --version 2>/dev/null || echo none))"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
dir="$JJJ_CACHE/node"
want=${BETTER_SQLITE3:-12}
probe() {
  (cd "$dir" && node -e '
    const v = require("better-sqlite3/package.json").version;
    if (v.split(".")[0] !== process.argv[1]) process.exit(3);
    new (require("better-sqlite3"))(":memory:").close();' "$want") >/dev/null 2>&1
}
if ! probe; then
  log "installing better-sqlite3@$want into $dir"
  rm -rf "$dir"; mkdir -p "$dir"
  ( cd "$dir" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund "better-sqlite3@$want" >&2 \
    && { npm install-scripts approve better-sqlite3 >&2 2>&1 || true; } \
    && npm rebuild better-sqlite3 >&2 ) \
    || skip "npm cannot install better-sqlite3@$want (see the log)"
  probe || skip "better-sqlite3@$want does not load after installing (see the log)"
fi
JJJ_NODE_DIR="$dir" exec node test/hosts/node.js "$JJJ_CHECKS" "$JJJ_SO"
