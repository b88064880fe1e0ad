#!/bin/sh
# amalgamation.sh DIR - put the SQLite amalgamation (sqlite3.c, sqlite3.h,
# sqlite3ext.h) into DIR, taken from the npm package better-sqlite3
# (deps/sqlite3/ of its tarball; BETTER_SQLITE3, default 12).  Debian has
# no amalgamation source; the npm registry is reachable where Debian is.
# Any amalgamation works instead: make wasm SQLITE_AMALGAMATION=/dir.
set -eu
dir=$1
ver=${BETTER_SQLITE3:-12}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v npm >/dev/null 2>&1 || { echo "amalgamation.sh: npm is not installed" >&2; exit 1; }
(cd "$tmp" && npm pack --silent "better-sqlite3@$ver" >/dev/null)
tar -xzf "$tmp"/better-sqlite3-*.tgz -C "$tmp" package/deps/sqlite3/sqlite3.c \
  package/deps/sqlite3/sqlite3.h package/deps/sqlite3/sqlite3ext.h
mkdir -p "$dir"
cp "$tmp"/package/deps/sqlite3/sqlite3.h "$tmp"/package/deps/sqlite3/sqlite3ext.h "$dir"/
cp "$tmp"/package/deps/sqlite3/sqlite3.c "$dir"/sqlite3.c
echo "amalgamation.sh: SQLite $(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$dir/sqlite3.h") from better-sqlite3@$ver in $dir" >&2
