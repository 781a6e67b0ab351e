#!/usr/bin/env bash
# npm run bench:media: bytes received per page in a five-person call, LiveKit's adaptive stream and
# dynacast off and on, in five real Chromium pages through the real app and LiveKit server
# (tests/load/mediaBench.ts). Prints a table per run and, last, one JSON line. Arguments are passed
# through: npm run bench:media -- --runs 2. Each run stops by itself within about 4 minutes (the
# client is built first when client/dist is missing or older than its source).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
run_page_bench mediaBench.ts "$@"
