#!/usr/bin/env bash
# npm start: install what is missing, build the client, start a loopback-only LiveKit dev server
# (unless LIVEKIT_URL points at one you run), then the app. Ctrl-C stops everything it started.
#
# Environment:
#   PORT              app port (read by the app; default 3000)
#   DATA_DIR          app data, LiveKit dev keys/config/log (default ./data)
#   LIVEKIT_URL       use this LiveKit server instead of starting one (then also set
#                     LIVEKIT_API_KEY and LIVEKIT_API_SECRET)
#   LIVEKIT_PORT      local LiveKit HTTP/WebSocket port (default 7880)
#   LIVEKIT_UDP_PORT  local LiveKit UDP media port (default 7882)
#   LIVEKIT_WEBHOOK_URL  where LiveKit posts webhooks
#                     (default http://127.0.0.1:$PORT/livekit/webhook)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$ROOT"

DATA_DIR="${DATA_DIR:-$ROOT/data}"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$ROOT/$DATA_DIR"
export DATA_DIR
mkdir -p "$DATA_DIR"

LK_PID=''
NODE_PID=''

# stop_pid PID NAME: SIGTERM, up to 10 s to exit, then SIGKILL.
stop_pid() {
  local pid="$1" name="$2" i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || {
    wait "$pid" 2>/dev/null || true
    return 0
  }
  log "stopping $name (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 10s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # called from the traps below
stop_all() {
  local node_pid="$NODE_PID" lk_pid="$LK_PID"
  NODE_PID=''
  LK_PID=''
  stop_pid "$node_pid" 'the app'
  stop_pid "$lk_pid" 'LiveKit server'
}
trap 'stop_all' EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

ensure_node_modules

if [[ -f client/vite.config.ts ]]; then
  log 'building the client (vite)...'
  npm run build
else
  log 'client/vite.config.ts not found: skipping the client build.'
fi

# --- LiveKit ---------------------------------------------------------------------------------
video_unavailable() {
  export LIVEKIT_UNAVAILABLE=1
  log '================================================================'
  log "VIDEO IS UNAVAILABLE: $1"
  log 'The app will start without audio/video. See the messages above to fix it.'
  log '================================================================'
}

if [[ -n "${LIVEKIT_URL:-}" ]]; then
  log "using the LiveKit server at LIVEKIT_URL=$LIVEKIT_URL"
else
  lk_rc=0
  ensure_livekit || lk_rc=$?
  if ((lk_rc != 0)); then
    video_unavailable "the LiveKit server binary is not available (exit code $lk_rc)."
  else
    lk_port="${LIVEKIT_PORT:-7880}"
    lk_udp_port="${LIVEKIT_UDP_PORT:-7882}"
    keys_file="$DATA_DIR/livekit-dev-keys.env"
    # The dev key pair is made once per data folder and reused, so sessions/tokens survive restarts.
    if [[ ! -s "$keys_file" ]]; then
      (
        umask 077
        printf 'LIVEKIT_API_KEY=%s\nLIVEKIT_API_SECRET=%s\n' \
          "cgdev$(random_hex 6)" "$(random_hex 32)" >"$keys_file"
      )
      log "generated a LiveKit dev key pair in $keys_file"
    fi
    chmod 600 "$keys_file"
    LIVEKIT_API_KEY="$(sed -n 's/^LIVEKIT_API_KEY=//p' "$keys_file" | head -n 1)"
    LIVEKIT_API_SECRET="$(sed -n 's/^LIVEKIT_API_SECRET=//p' "$keys_file" | head -n 1)"
    if [[ -z "$LIVEKIT_API_KEY" || -z "$LIVEKIT_API_SECRET" ]]; then
      log "ERROR: $keys_file is malformed; delete it to generate a new key pair."
      exit 1
    fi

    lk_config="$DATA_DIR/livekit.yaml"
    write_livekit_config "$lk_config" "$lk_port" "$lk_udp_port" \
      "$LIVEKIT_API_KEY" "$LIVEKIT_API_SECRET" \
      "${LIVEKIT_WEBHOOK_URL:-http://127.0.0.1:${PORT:-3000}/livekit/webhook}"

    if _http_ok "http://127.0.0.1:$lk_port/"; then
      log "ERROR: something already answers on 127.0.0.1:$lk_port (an old LiveKit server?)."
      log 'Stop it, or choose other ports with LIVEKIT_PORT=... LIVEKIT_UDP_PORT=...'
      exit 1
    fi

    lk_log="$DATA_DIR/livekit.log"
    log "starting LiveKit server on 127.0.0.1:$lk_port (UDP $lk_udp_port), log: $lk_log"
    printf '\n--- %s start ---\n' "$(date -Is)" >>"$lk_log"
    "$LIVEKIT_BIN" --config "$lk_config" --bind 127.0.0.1 >>"$lk_log" 2>&1 &
    LK_PID=$!
    if wait_for_http "http://127.0.0.1:$lk_port/" 30 "$LK_PID"; then
      export LIVEKIT_URL="ws://127.0.0.1:$lk_port"
      export LIVEKIT_API_KEY LIVEKIT_API_SECRET
      log "LiveKit server is up at $LIVEKIT_URL"
    else
      log "LiveKit server did not start; last lines of $lk_log:"
      # Only this run's lines (after the last start marker).
      awk '/^--- .* start ---$/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' \
        "$lk_log" | tail -n 20 >&2 || true
      stop_pid "$LK_PID" 'LiveKit server'
      LK_PID=''
      unset LIVEKIT_API_KEY LIVEKIT_API_SECRET
      video_unavailable 'the local LiveKit server failed to start.'
    fi
  fi
fi

# --- the app ---------------------------------------------------------------------------------
# Not exec'd: this shell stays to stop LiveKit when the app ends or on Ctrl-C.
# V8 heap flags (BENCHMARKS.md), the same in docker/Dockerfile and tests/support/process.ts:
# --max-semi-space-size=32: a larger young generation, so the objects that live from one message to
#   the next (about 1.5 s) die young instead of filling the old generation;
# --heap-growing-percent=50: after a full collection the old generation may grow by half of what is
#   live before the next one, instead of V8's tighter default, so full collections (and their
#   pauses) come every few tens of seconds under load rather than every few seconds.
node --max-semi-space-size=32 --heap-growing-percent=50 --import tsx server/src/main.ts &
NODE_PID=$!
app_rc=0
wait "$NODE_PID" || app_rc=$?
NODE_PID=''
exit "$app_rc"
