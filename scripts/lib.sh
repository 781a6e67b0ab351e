#!/usr/bin/env bash
# Shared helpers for scripts/*.sh. Source it; it defines functions only (plus ROOT).
#   ensure_node_modules   npm ci (or npm install without a lock file) when needed, with the
#                         devDependencies even under NODE_ENV=production (the client build needs them)
#   ensure_livekit        build .tools/bin/livekit-server if missing (scripts/ensure-livekit.sh)
#   ensure_chromium       install Debian's chromium when /usr/bin/chromium is missing
#   ensure_postgres, ensure_redis   install Debian's postgresql / redis-server when missing
#                         (scripts/ensure-services.sh; the tests start them themselves)
#   wait_for_http URL TIMEOUT_SECONDS [PID]   wait until URL answers 2xx
#   run_page_bench FILE [ARGS...]   a benchmark in real Chromium pages (bench:ui, bench:media)
#   write_livekit_config ...                  (scripts/livekit-config.sh)

_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$_LIB_DIR")"

# shellcheck source=scripts/ensure-livekit.sh
source "$_LIB_DIR/ensure-livekit.sh"
# shellcheck source=scripts/ensure-services.sh
source "$_LIB_DIR/ensure-services.sh"
# shellcheck source=scripts/livekit-config.sh
source "$_LIB_DIR/livekit-config.sh"

log() { printf '[common-ground] %s\n' "$*" >&2; }

ensure_node_modules() {
  (
    cd "$ROOT"
    local stamp=node_modules/.package-lock.json
    if [[ -f package-lock.json ]]; then
      if [[ ! -d node_modules || ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
        log 'installing dependencies (npm ci)...'
        npm ci --include=dev --no-audit --no-fund
      fi
    else
      if [[ ! -d node_modules || ! -f "$stamp" || package.json -nt "$stamp" ]]; then
        log 'no package-lock.json: installing dependencies (npm install)...'
        npm install --include=dev --no-audit --no-fund
      fi
    fi
  )
}

ensure_chromium() {
  local bin="${CHROMIUM_BIN:-/usr/bin/chromium}"
  if [[ -x "$bin" ]]; then
    return 0
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    log "Chromium is needed for the end-to-end tests but $bin was not found."
    log 'Install it as root (Debian/Ubuntu): sudo apt-get update && sudo apt-get install -y chromium'
    log 'or set CHROMIUM_BIN to an existing Chromium/Chrome binary.'
    return 1
  fi
  log "installing Debian's chromium (apt-get)..."
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  if [[ ! -x "$bin" ]]; then
    log "ERROR: apt-get installed chromium but $bin is still missing."
    return 1
  fi
}

# _http_ok URL: true when URL answers with a 2xx status (curl, or Node's fetch without curl).
_http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then(
      (r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1" 2>/dev/null
  fi
}

# wait_for_http URL TIMEOUT_SECONDS [PID]: poll until URL answers with a 2xx status. With PID, give
# up early (return 1) when that process has exited.
wait_for_http() {
  local url="$1" timeout="${2:-30}" pid="${3:-}"
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if _http_ok "$url"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited before $url answered"
      return 1
    fi
    sleep 0.2
  done
  log "timed out after ${timeout}s waiting for $url"
  return 1
}

# random_hex BYTES: that many random bytes as lowercase hex.
random_hex() {
  od -An -tx1 -N"${1:-32}" /dev/urandom | tr -d ' \n'
}

# run_page_bench FILE [ARGS...]: a benchmark that drives real Chromium pages through the real app
# and LiveKit server (tests/load/FILE). Chromium and LiveKit are installed or built when missing,
# and the client is built first when client/dist is missing or older than its source.
run_page_bench() {
  local file="$1"
  shift
  cd "$ROOT"
  ensure_node_modules
  ensure_chromium
  export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
  ensure_livekit
  if [[ ! -f client/dist/index.html ]] ||
    [[ -n "$(find client/src client/index.html shared -newer client/dist/index.html -print -quit)" ]]; then
    log 'building the client (client/dist is missing or older than its source)...'
    npm run build --silent
  fi
  node --import tsx "tests/load/$file" "$@"
}
