#!/bin/sh
# make install / make uninstall and pkg-config:
#   1. make install PREFIX=<tmp>: every file in place; pkg-config finds
#      jingjinji with the VERSION; a C host built only from
#      `pkg-config --cflags --libs jingjinji` runs the checks (its answers
#      are this host's); the sqlite3 shell loads the installed .so through
#      `pkg-config --variable=extension`;
#   2. make install DESTDIR=<tmp> PREFIX=/usr: files under DESTDIR, the .pc
#      says prefix=/usr;
#   3. make uninstall, both ways: nothing is left.
. test/hosts/lib.sh
apt_need gcc libsqlite3-dev zlib1g-dev
command -v pkg-config >/dev/null 2>&1 || apt_need pkg-config
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
p="$work/prefix"
version=$(sed 's/^v//' VERSION)

$MAKE --no-print-directory install PREFIX="$p" >&2 || die "make install failed"
for f in lib/jingjinji.so lib/libjingjinji.a include/jingjinji.h bin/jjj_bundle \
         lib/pkgconfig/jingjinji.pc share/doc/jingjinji/README.md; do
  [ -f "$p/$f" ] || die "make install did not install $f"
done
export PKG_CONFIG_PATH="$p/lib/pkgconfig"
got=$(pkg-config --modversion jingjinji) || die "pkg-config does not find jingjinji"
[ "$got" = "$version" ] || die "pkg-config --modversion says $got, VERSION says $version"
"$p/bin/jjj_bundle" 2>&1 | grep -qi usage || die "the installed jjj_bundle does not run"
# shellcheck disable=SC2046
${CC:-cc} -O2 -Wall -Wextra -o "$work/host" test/hosts/host.c \
  $(pkg-config --cflags --libs jingjinji) >&2 || die "cannot build a host from pkg-config's flags"
ext=$(pkg-config --variable=extension jingjinji)
[ "$ext" = "$p/lib/jingjinji" ] || die "pkg-config --variable=extension says $ext"
if command -v sqlite3 >/dev/null 2>&1; then
  v=$(sqlite3 :memory: ".load $ext" "SELECT jjj_version()") || die "sqlite3 cannot .load $ext"
  [ "$v" = "v$version" ] || die "the installed extension says $v"
fi
"$work/host" < "$JJJ_CHECKS" || die "the pkg-config host failed"

$MAKE --no-print-directory install DESTDIR="$work/stage" PREFIX=/usr >&2 || die "make install DESTDIR failed"
[ -f "$work/stage/usr/lib/jingjinji.so" ] || die "DESTDIR install misses usr/lib/jingjinji.so"
grep -qx 'prefix=/usr' "$work/stage/usr/lib/pkgconfig/jingjinji.pc" \
  || die "the DESTDIR .pc does not say prefix=/usr"

$MAKE --no-print-directory uninstall PREFIX="$p" >&2 || die "make uninstall failed"
$MAKE --no-print-directory uninstall DESTDIR="$work/stage" PREFIX=/usr >&2 || die "make uninstall DESTDIR failed"
left=$(find "$p" "$work/stage" -type f | head -5)
[ -z "$left" ] || die "make uninstall left: $left"
exit 0
