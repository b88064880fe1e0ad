#!/bin/sh
# A C host that links libjingjinji.a statically and registers the
# extension with sqlite3_auto_extension() (as dqlite or any embedding
# application does): test/hosts/host.c.
. test/hosts/lib.sh
apt_need gcc libsqlite3-dev zlib1g-dev
$MAKE --no-print-directory static >&2 || die "make static failed"
mkdir -p build/hosts
${CC:-cc} -O2 -Wall -Wextra -Iext -o build/hosts/static-host test/hosts/host.c \
  libjingjinji.a -lsqlite3 -lz -lm >&2 || die "cannot link the static host"
exec build/hosts/static-host < "$JJJ_CHECKS"
