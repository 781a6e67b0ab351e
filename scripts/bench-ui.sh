#!/usr/bin/env bash
# npm run bench:ui: a facilitator's click to the patient's screen, in two real Chromium pages through
# the real app and LiveKit server (tests/load/uiBench.ts). Prints a table and, last, one JSON line.
# Arguments are passed through: npm run bench:ui -- --count 30. The measurement stops by itself
# within 3 minutes (the client is built first when client/dist is missing or older than its source).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
run_page_bench uiBench.ts "$@"
