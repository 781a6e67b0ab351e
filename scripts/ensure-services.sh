#!/usr/bin/env bash
# Make sure the PostgreSQL and Redis server programs are installed (Debian's packages), for the
# tests that run several app nodes (tests/support/{postgres,redis}.ts start them on loopback in
# temporary directories and stop them after). Nothing is started here, and no service of the
# system is enabled: the packages' own services stay off.
#
# Use it either way:
#   bash scripts/ensure-services.sh          # exit 0 = both ready, 1 = something missing
#   source scripts/ensure-services.sh; ensure_postgres; ensure_redis
# On success PG_BIN_DIR (the folder holding initdb, pg_ctl, postgres) is exported.

_svc_log() { printf '[services] %s\n' "$*" >&2; }

# apt-get install PACKAGE..., as root only; an update first when the package lists are stale.
_svc_apt_install() {
  if [[ "$(id -u)" -ne 0 ]]; then
    _svc_log "missing: $*. Install as root (Debian/Ubuntu): sudo apt-get install -y $*"
    return 1
  fi
  _svc_log "installing Debian's $* (apt-get)..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

# The folder of the newest Debian PostgreSQL server binaries, or of initdb on PATH.
_svc_pg_bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$d" && -x "$d/initdb" ]]; then
    printf '%s\n' "$d"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
  else
    return 1
  fi
}

ensure_postgres() {
  local d
  if ! d="$(_svc_pg_bin_dir)"; then
    _svc_apt_install postgresql || return 1
    d="$(_svc_pg_bin_dir)" || {
      _svc_log 'ERROR: apt-get installed postgresql but initdb is still missing.'
      return 1
    }
  fi
  export PG_BIN_DIR="$d"
}

ensure_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  _svc_apt_install redis-server || return 1
  command -v redis-server >/dev/null 2>&1 || {
    _svc_log 'ERROR: apt-get installed redis-server but it is still missing.'
    return 1
  }
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  ensure_postgres
  ensure_redis
  _svc_log "PostgreSQL: $PG_BIN_DIR; Redis: $(command -v redis-server)"
fi
