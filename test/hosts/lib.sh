# lib.sh - shared by the host scripts of test/hosts/ (sourced, POSIX sh).
#
# A host script runs from the top of the tree with, from run.tcl:
#   JJJ_CHECKS  test/hosts/checks.tsv      JJJ_SO   /abs/jingjinji.so
#   JJJ_EXT     /abs/jingjinji (no suffix) JJJ_CACHE a cache directory
#   MAKE        the make to call
# It prints "id<TAB>answer" lines (format in checks.tsv) and exits 0; or
# prints "SKIP: reason" and exits 77 when its host cannot be installed
# here; any other exit status is a failure of the host.

set -u
: "${MAKE:=make}"
: "${JJJ_CHECKS:=test/hosts/checks.tsv}"
: "${JJJ_SO:=$PWD/jingjinji.so}"
: "${JJJ_EXT:=$PWD/jingjinji}"
: "${JJJ_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/jingjinji-hosts}"

skip() { echo "SKIP: $*"; exit 77; }
die() { echo "$*" >&2; exit 1; }
log() { echo "$*" >&2; }

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# apt_need PKG... - install the Debian packages that are missing, or skip
apt_need() {
  _need=""
  for _p in "$@"; do have_pkg "$_p" || _need="$_need $_p"; done
  [ -z "$_need" ] && return 0
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install$_need"
  _sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
      || skip "not root and no sudo to install$_need"
    _sudo="sudo -n"
  fi
  log "installing:$_need"
  if ! DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -qq $_need >&2; then
    $_sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -qq $_need >&2 \
      || skip "apt-get cannot install$_need"
  fi
}

# node_major - the major version of node on PATH, 0 if none
node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# checks_lines - the check lines of checks.tsv (no comments, no blanks)
checks_lines() { grep -v -e '^#' -e '^[[:space:]]*$' "$JJJ_CHECKS"; }
