#!/usr/bin/env bash
# npm run bench: the load benchmark (tests/load/bench.ts). It prints a table and, last, one JSON
# line of its figures. Arguments are passed through: npm run bench -- --rooms 50
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$ROOT"

ensure_node_modules
if [[ ! -f tests/load/bench.ts ]]; then
  log 'tests/load/bench.ts does not exist yet.'
  exit 1
fi
node --import tsx tests/load/bench.ts "$@"
