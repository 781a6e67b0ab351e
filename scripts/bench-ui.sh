#!/usr/bin/env bash
# npm run bench:ui: a facilitator's click to the patient's screen, in two real Chromium pages through
# the real app and LiveKit server (tests/load/uiBench.ts). Prints a table and, last, one JSON line.
# Arguments are passed through: npm run bench:ui -- --count 30. The measurement stops by itself
# within 3 minutes (the client is built first when client/dist is missing or older than its source).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
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
node --import tsx tests/load/uiBench.ts "$@"
