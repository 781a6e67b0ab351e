#!/usr/bin/env bash
# npm test: everything, from a fresh clone. Installs what is missing (node_modules, Debian's
# chromium, the LiveKit server built from its Go module), then runs, in order:
#   typecheck, eslint, dependency rules, prettier, unit, integration, client build, e2e,
#   (docker compose config).
# (PostgreSQL and Redis too, from Debian's packages, for the tests of several app nodes.)
# Every step runs even when an earlier one failed, so one run shows every problem; the exit code
# is non-zero if any step failed. The last line sums the tests vitest ran:
#   tests: N passed, N failed, N skipped
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$ROOT"

RESULTS_DIR="$ROOT/test-results"
mkdir -p "$RESULTS_DIR"
rm -f "$RESULTS_DIR"/vitest-*.json

header() {
  printf '\n==================== %s ====================\n' "$*"
}

# --- prerequisites (each failure here stops the run) -----------------------------------------
header 'setup: node_modules'
ensure_node_modules
header 'setup: chromium'
ensure_chromium
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
"$CHROMIUM_BIN" --version 2>/dev/null || true
header 'setup: LiveKit server'
lk_rc=0
ensure_livekit || lk_rc=$?
if ((lk_rc != 0)); then
  log "ERROR: the LiveKit server is required for the integration and e2e tests (exit code $lk_rc)."
  exit "$lk_rc"
fi
export LIVEKIT_BIN="$ROOT/.tools/bin/livekit-server"
"$LIVEKIT_BIN" --version
# The distributed tests (several app nodes) start their own PostgreSQL and Redis on loopback.
header 'setup: PostgreSQL and Redis'
ensure_postgres
ensure_redis
"$PG_BIN_DIR/postgres" --version
redis-server --version

# --- steps -------------------------------------------------------------------------------------
STEP_NAMES=()
STEP_RESULTS=()
STEP_TIMES=()
FAILED=0

# step NAME COMMAND...: run it, record ok/FAILED and its duration.
step() {
  local name="$1" rc=0 t0=$SECONDS
  shift
  header "$name"
  printf '$ %s\n' "$*"
  "$@" || rc=$?
  STEP_NAMES+=("$name")
  STEP_TIMES+=("$((SECONDS - t0))s")
  if ((rc == 0)); then
    STEP_RESULTS+=('ok')
  else
    STEP_RESULTS+=("FAILED (exit $rc)")
    FAILED=$((FAILED + 1))
  fi
}

# vitest_project NAME: run one vitest project, keeping a JSON report for the final count.
vitest_project() {
  npx vitest run --project "$1" \
    --reporter=default --reporter=json --outputFile.json="$RESULTS_DIR/vitest-$1.json"
}

# The compose CLI: the docker client's plugin (v2) if it is installed, else a docker-compose binary.
COMPOSE=()
# The docker client here has no compose plugin: Debian's docker-compose validates the file instead.
if command -v docker >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1 &&
  ! command -v docker-compose >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]]; then
  log "installing Debian's docker-compose to validate docker/compose.yaml..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } ||
    log 'could not install docker-compose; the compose check will be skipped'
fi
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
fi

compose_check() {
  # Placeholders only for interpolation: the compose file requires these to be set.
  LIVEKIT_API_KEY=check LIVEKIT_API_SECRET=check-check-check-check-check-check \
    SESSION_SECRET=check-check-check-check-check-check POSTGRES_PASSWORD=check \
    CG_DOMAIN=meet.example.org LIVEKIT_DOMAIN=livekit.meet.example.org \
    "${COMPOSE[@]}" -f docker/compose.yaml config -q
}

# Four programs: shared/ (no Node, no DOM), server/ (Node only), client/ (DOM only), and the root
# (tests and tool configs, both).
step 'typecheck (tsc)' npm run typecheck
step 'lint (eslint)' npx eslint .
# No import circles; shared imports nothing outside shared; client and server never import each
# other; the pure room core imports no zod, Node, DOM, Express, Socket.IO or LiveKit.
step 'dependencies (dependency-cruiser)' npm run deps
step 'format (prettier)' npx prettier --check .
step 'unit tests' vitest_project unit
step 'integration tests' vitest_project integration
step 'client build (vite)' npm run build
# The end-to-end suite runs in a network namespace of its own whose only interface is loopback
# (when we are root and unshare works): the browsers, LiveKit and the app can reach nothing else,
# and every ICE candidate, at both ends, is 127.0.0.1.
isolated() {
  if [[ "$(id -u)" -eq 0 ]] && command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 &&
    unshare --net true 2>/dev/null; then
    CG_E2E_NETNS=1 unshare --net bash -c 'ip link set lo up && exec "$@"' isolated "$@"
  else
    log 'no network namespace available: running the e2e suite on the host loopback'
    "$@"
  fi
}
step 'end-to-end tests (Chromium + LiveKit)' isolated npx vitest run --project e2e \
  --reporter=default --reporter=json --outputFile.json="$RESULTS_DIR/vitest-e2e.json"
if ((${#COMPOSE[@]} > 0)); then
  step "compose file check (${COMPOSE[*]} config)" compose_check
else
  log "no compose CLI ('docker compose' plugin or docker-compose): skipping the compose file check."
fi

# --- summary -----------------------------------------------------------------------------------
header 'summary'
for i in "${!STEP_NAMES[@]}"; do
  printf '  %-42s %-16s %s\n' "${STEP_NAMES[$i]}" "${STEP_RESULTS[$i]}" "${STEP_TIMES[$i]}"
done
# Sum vitest's JSON reports (Jest-compatible fields); warn about projects that ran nothing.
# shellcheck disable=SC2016  # JavaScript template literals, not shell expansions
node -e '
  const fs = require("node:fs");
  const dir = process.argv[1];
  let passed = 0, failed = 0, skipped = 0;
  for (const project of ["unit", "integration", "e2e"]) {
    const file = `${dir}/vitest-${project}.json`;
    if (!fs.existsSync(file)) { console.log(`  WARNING: no report from the ${project} tests`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) console.log(`  WARNING: the ${project} project ran no tests`);
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$RESULTS_DIR"
if ((FAILED > 0)); then
  exit 1
fi
