#!/bin/sh
# install-deps.sh - install the Debian packages the build and tests need,
# only those missing.  Usage: sh test/install-deps.sh [sqlite3]
#   (no argument: build + test dependencies; "sqlite3": the shell too)
set -e
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in gcc make libsqlite3-dev zlib1g-dev tcl libsqlite3-tcl; do
  have_pkg "$p" || need="$need $p"
done
for p in "$@"; do have_pkg "$p" || need="$need $p"; done
[ -z "$need" ] && exit 0
echo "installing:$need"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
