#!/bin/sh
# The no-zlib build natively (the WASM build's decoding path, proven on
# the same data): build/nozlib/jingjinji.so, built with -DJJJ_NO_ZLIB.
#   1. it needs no libz (no NEEDED entry, no undefined zlib symbol);
#   2. inflate_check: ext/inflate.c equals zlib on generated and damaged
#      streams and on the dataset's CSVs;
#   3. the whole Tcl suite passes against it (tables, data, docs, ...),
#      except the tests listed in ALLOWED that look at zlib itself;
#   4. the checks, through Tcl.
. test/hosts/lib.sh
apt_need gcc libsqlite3-dev zlib1g-dev tcl libsqlite3-tcl
ALLOWED=""             # nothing: every test holds without zlib
$MAKE --no-print-directory nozlib >&2 || die "make nozlib failed"
so=build/nozlib/jingjinji.so
if command -v readelf >/dev/null 2>&1; then
  readelf -d "$so" | grep NEEDED | grep -q libz && die "$so needs libz"
fi
if command -v nm >/dev/null 2>&1; then
  nm -D --undefined-only "$so" | grep -Eiw 'inflate|inflateInit_|inflateEnd|crc32|zlibVersion' >&2 \
    && die "$so has undefined zlib symbols"
fi
build/nozlib/inflate_check "${JJJ_INFLATE_MUTATIONS:-30000}" data/*.csv >&2 \
  || die "inflate_check failed: ext/inflate.c disagrees with zlib"
out=$(JJJ_EXT="$PWD/build/nozlib/jingjinji" tclsh test/all.tcl 2>&1)
last=$(printf '%s\n' "$out" | tail -n 1)
failed=$(printf '%s\n' "$out" | sed -n 's/^failed: //p')
printf '%s\n' "$out" | tail -n 30 >&2
case "$last" in
  *" passed, 0 failed") ;;
  *" passed, "*" failed")
    for t in $failed; do
      case " $ALLOWED " in *" $t "*) ;; *) die "Tcl suite against $so: $t failed";; esac
    done ;;
  *) die "Tcl suite against $so did not finish: $last" ;;
esac
log "Tcl suite against $so: $last (allowed: $ALLOWED)"
exec tclsh test/hosts/tcl.tcl "$JJJ_CHECKS" "$PWD/build/nozlib/jingjinji"
