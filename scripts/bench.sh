#!/usr/bin/env bash
# npm run bench: the load benchmark (tests/load/bench.ts). It prints a table and, last, one JSON
# line of its figures (embedded, baseline, then two app nodes with PostgreSQL and Redis, and a
# failover). Arguments are passed through: npm run bench -- --meetings 50 (--quick: a ~90 s smoke run)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$ROOT"

ensure_node_modules
if [[ ! -f tests/load/bench.ts ]]; then
  log 'tests/load/bench.ts does not exist yet.'
  exit 1
fi
# 1,000+ sockets on each side of loopback: raise the open-file limit when the shell allows it.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
node --import tsx tests/load/bench.ts "$@"
