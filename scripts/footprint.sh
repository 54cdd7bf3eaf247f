#!/usr/bin/env bash
# The footprint benchmark (DESIGN.md, "Budgets"): builds the release app, runs it under Xvfb with
# software rendering in a private D-Bus session (with a notification daemon), and prints wakeups per
# minute, CPU seconds per minute and PSS of its whole process tree — idle with the window visible,
# the same signed in and joined to a live room whose host is idle (a real Synapse from
# scripts/synapse.sh under the run's output; the room's added wakeups per minute are printed beside
# the goal of 4), a 25-minute focus phase with the window visible, the same with the window hidden,
# and with the mini timer open. Measures; asserts nothing. Takes about 7 minutes. Logs of the run,
# and the homeserver's files: tests/out/footprint/.
#
# Usage: scripts/footprint.sh
#   STINT_APP=path      measure that binary instead of building the release one
#   STINT_FOOTPRINT_SETTLE / STINT_FOOTPRINT_SECONDS   settle and measuring time (default 8 / 60 s)
#   STINT_FOOTPRINT_THREADS=N   also list each process's N most wakeful threads (default 0)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh"

if ! in_headless_session; then
  "$repo/scripts/install-deps.sh"
  if [[ -z "${STINT_APP:-}" ]]; then
    npm --prefix "$repo/ui" run build
    (cd "$repo" && cargo build --release -p stint --features custom-protocol)
    export STINT_APP="$(cargo_target_dir "$repo")/release/stint"
  fi
  [[ -x "$STINT_APP" ]] || { echo "footprint: $STINT_APP is missing" >&2; exit 1; }
  export LIBGL_ALWAYS_SOFTWARE=1 STINT_E2E_OUT="$repo/tests/out/footprint"
  rm -rf "$STINT_E2E_OUT"
  run_in_headless_session "${BASH_SOURCE[0]}" "$@"
fi

# Synapse daemonizes, so it is no descendant: stop it by its directory, also when the run fails.
stop_homeservers() {
  local dir
  for dir in "$STINT_E2E_OUT"/synapse-*/; do
    [[ -d "$dir" ]] && "$repo/scripts/synapse.sh" stop "$dir" || true
  done
}
trap 'stop_homeservers; kill_descendants $$' EXIT
cd "$repo/tests/e2e"
./node_modules/.bin/tsx footprint/footprint.ts
