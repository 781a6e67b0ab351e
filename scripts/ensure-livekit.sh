#!/usr/bin/env bash
# Make sure the LiveKit server (SFU) binary exists at .tools/bin/livekit-server, built from its
# Go module at a pinned release. Nothing prebuilt is downloaded: `go install` compiles it from the
# module source served by the Go module proxy, into the git-ignored .tools/bin.
#
# Use it either way:
#   bash scripts/ensure-livekit.sh          # exit 0 = ready, 3 = Go missing/too old, 1 = other error
#   source scripts/ensure-livekit.sh; ensure_livekit   # same codes, returned
# On success LIVEKIT_BIN holds the absolute path of the binary (exported).
#
# Settings (environment): LIVEKIT_VERSION (default v1.13.5). GOMODCACHE/GOCACHE are Go's defaults,
# so a second clone on the same machine builds from cache in seconds.

LIVEKIT_VERSION="${LIVEKIT_VERSION:-v1.13.5}"
LIVEKIT_MODULE='github.com/livekit/livekit-server'
LIVEKIT_MIN_GO='1.26'

_lk_log() { printf '[livekit] %s\n' "$*" >&2; }

_lk_root() {
  # Repository root: the parent of the folder holding this file.
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  dirname "$here"
}

# Prints the version reported by a livekit-server binary ("1.13.5"), or nothing.
_lk_binary_version() {
  local out
  out="$("$1" --version 2>/dev/null)" || return 1
  # e.g. "livekit-server version 1.13.5"
  printf '%s\n' "${out##* }"
}

_lk_no_go_help() {
  cat >&2 <<EOF
[livekit] Video is unavailable: $1
[livekit] To fix it, either
[livekit]   - install Go ${LIVEKIT_MIN_GO} or newer (https://go.dev/doc/install, or your package manager)
[livekit]     and run this again: it builds LiveKit server ${LIVEKIT_VERSION} into .tools/bin, or
[livekit]   - point the app at a LiveKit server you already run, by setting
[livekit]     LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.
EOF
}

# True when the installed Go is at least $LIVEKIT_MIN_GO.
_lk_go_new_enough() {
  local v major minor want_major want_minor
  v="$(go env GOVERSION 2>/dev/null)" || return 1 # e.g. go1.26.8
  v="${v#go}"
  major="${v%%.*}"
  minor="${v#*.}"
  minor="${minor%%[!0-9]*}"
  want_major="${LIVEKIT_MIN_GO%%.*}"
  want_minor="${LIVEKIT_MIN_GO#*.}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major > want_major || (major == want_major && minor >= want_minor)))
}

ensure_livekit() {
  local root bin_dir bin want have gomod_json gomod lock_fd start_s
  root="$(_lk_root)"
  bin_dir="$root/.tools/bin"
  bin="$bin_dir/livekit-server"
  want="${LIVEKIT_VERSION#v}"

  # 1. Already there with the right version?
  if [[ -x "$bin" && "$(cat "$bin.version" 2>/dev/null)" == "$LIVEKIT_VERSION" ]]; then
    export LIVEKIT_BIN="$bin"
    return 0
  fi
  # A binary without its stamp (or a `server` left by an earlier go install): keep it if the
  # version it reports is the pinned one.
  local candidate
  for candidate in "$bin" "$bin_dir/server"; do
    if [[ -x "$candidate" ]]; then
      have="$(_lk_binary_version "$candidate" || true)"
      if [[ "$have" == "$want" ]]; then
        [[ "$candidate" == "$bin" ]] || mv -f "$candidate" "$bin"
        printf '%s\n' "$LIVEKIT_VERSION" >"$bin.version"
        _lk_log "using $bin (version $have)"
        export LIVEKIT_BIN="$bin"
        return 0
      fi
    fi
  done

  # 2. Build it. Needs Go.
  if ! command -v go >/dev/null 2>&1; then
    _lk_no_go_help "the 'go' command was not found, so LiveKit server cannot be built."
    return 3
  fi
  if ! _lk_go_new_enough; then
    _lk_no_go_help "LiveKit server ${LIVEKIT_VERSION} needs Go >= ${LIVEKIT_MIN_GO}, found $(go env GOVERSION 2>/dev/null || echo 'an unknown version')."
    return 3
  fi

  mkdir -p "$bin_dir"
  # One build at a time on this clone (two terminals running npm start / npm test).
  exec {lock_fd}>"$root/.tools/livekit-build.lock"
  if command -v flock >/dev/null 2>&1 && ! flock -n "$lock_fd"; then
    _lk_log "another LiveKit build is running in this clone; waiting for it..."
    flock "$lock_fd"
  fi
  # The other build may have finished while we waited.
  if [[ -x "$bin" && "$(cat "$bin.version" 2>/dev/null)" == "$LIVEKIT_VERSION" ]]; then
    exec {lock_fd}>&-
    export LIVEKIT_BIN="$bin"
    return 0
  fi

  start_s=$SECONDS
  _lk_log "building LiveKit server ${LIVEKIT_VERSION} from its Go module (first run only; a few minutes)..."

  # 2a. Fetch the module and refuse a release whose go.mod has replace/exclude directives:
  # `go install pkg@version` cannot build those correctly.
  if ! gomod_json="$(cd "$root/.tools" && go mod download -json "${LIVEKIT_MODULE}@${LIVEKIT_VERSION}")"; then
    _lk_log "ERROR: 'go mod download ${LIVEKIT_MODULE}@${LIVEKIT_VERSION}' failed:"
    printf '%s\n' "$gomod_json" >&2
    exec {lock_fd}>&-
    return 1
  fi
  gomod="$(printf '%s\n' "$gomod_json" | sed -n 's/^[[:space:]]*"GoMod":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
  if [[ -z "$gomod" || ! -f "$gomod" ]]; then
    _lk_log "ERROR: could not find the go.mod of ${LIVEKIT_MODULE}@${LIVEKIT_VERSION} in:"
    printf '%s\n' "$gomod_json" >&2
    exec {lock_fd}>&-
    return 1
  fi
  if grep -nE '^[[:space:]]*(replace|exclude)([[:space:]]|\(|$)' "$gomod" >&2; then
    _lk_log "ERROR: $gomod has replace/exclude directives (lines above);"
    _lk_log "'go install ...@${LIVEKIT_VERSION}' cannot build it. Pin a release without them."
    exec {lock_fd}>&-
    return 1
  fi

  # 2b. Build. `go install` names the binary after the package folder: `server`.
  if ! (cd "$root/.tools" && GOBIN="$bin_dir" CGO_ENABLED=0 \
    go install "${LIVEKIT_MODULE}/cmd/server@${LIVEKIT_VERSION}"); then
    _lk_log "ERROR: 'go install ${LIVEKIT_MODULE}/cmd/server@${LIVEKIT_VERSION}' failed (output above)."
    exec {lock_fd}>&-
    return 1
  fi
  mv -f "$bin_dir/server" "$bin"
  have="$(_lk_binary_version "$bin" || true)"
  if [[ "$have" != "$want" ]]; then
    _lk_log "ERROR: built $bin but it reports version '${have}', expected '${want}'."
    exec {lock_fd}>&-
    return 1
  fi
  printf '%s\n' "$LIVEKIT_VERSION" >"$bin.version"
  exec {lock_fd}>&-
  _lk_log "built $bin (version $have) in $((SECONDS - start_s))s"
  export LIVEKIT_BIN="$bin"
  return 0
}

# Run directly (not sourced): do the work and exit with its code.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  rc=0
  ensure_livekit || rc=$?
  exit "$rc"
fi
