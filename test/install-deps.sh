#!/bin/sh
# install-deps.sh - install the Debian packages the build and tests need,
# only those missing.  Usage: sh test/install-deps.sh [package...]
#   (no argument: build + test dependencies, among them tdom, the XML
#   parser test/charts.test checks the SVG with; named packages too, e.g.
#   "sqlite3" for the shell, or "chromium fonts-noto-cjk python3" for the
#   report's screenshot test, which is skipped where Chromium is missing)
set -e
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in gcc make libsqlite3-dev zlib1g-dev tcl libsqlite3-tcl tdom; do
  have_pkg "$p" || need="$need $p"
done
for p in "$@"; do have_pkg "$p" || need="$need $p"; done
[ -z "$need" ] && exit 0
echo "installing:$need"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
