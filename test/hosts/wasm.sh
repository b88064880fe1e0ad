#!/bin/sh
# WASM: the SQLite amalgamation, the extension (-DSQLITE_CORE
# -DJJJ_NO_ZLIB: no zlib for wasm32 in Debian, ext/inflate.c decodes the
# bundle) and test/hosts/host.c compiled with clang --target=wasm32-wasi
# against Debian's wasi-libc, run by Node's WASI (test/hosts/wasi.mjs).
. test/hosts/lib.sh
major=$(node_major)
[ "$major" -ge 20 ] || skip "needs Node 20 or later to run WASI (node: $(node --version 2>/dev/null || echo none))"
apt_need clang lld wasi-libc libclang-rt-14-dev-wasm32
command -v wasm-ld >/dev/null 2>&1 || skip "no wasm-ld (lld) on PATH"
if [ ! -f "${SQLITE_AMALGAMATION:-build/wasm/sqlite}/sqlite3.c" ]; then
  sh test/hosts/amalgamation.sh "${SQLITE_AMALGAMATION:-build/wasm/sqlite}" \
    || skip "cannot get the SQLite amalgamation (npm pack better-sqlite3 failed)"
fi
$MAKE --no-print-directory wasm WASM_CACHE="$JJJ_CACHE/wasm" >&2 || die "make wasm failed"
exec node --no-warnings test/hosts/wasi.mjs build/wasm/jjj_host.wasm < "$JJJ_CHECKS"
