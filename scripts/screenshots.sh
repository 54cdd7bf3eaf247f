#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/<view>-<theme>.png) from the real app with
# seeded data (History's from crates/core/examples/screenshot_seed.rs), headless, through the
# end-to-end harness (tests/e2e/wdio.screenshots.conf.ts).
# The app: $STINT_APP, or <cargo target dir>/debug/stint (make screenshots builds it first).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh"

if ! in_headless_session; then
  export STINT_APP="${STINT_APP:-$(cargo_target_dir "$repo")/debug/stint}"
  [[ -x "$STINT_APP" ]] || { echo "screenshots: the app is not built: $STINT_APP (run: make build)" >&2; exit 1; }
  # Two weeks of finished sessions for History, written before the app starts (see the example's header).
  (cd "$repo" && cargo build -q -p stint-core --example screenshot_seed)
  export STINT_SEED="$(cargo_target_dir "$repo")/debug/examples/screenshot_seed"
  export STINT_E2E_OUT="$repo/tests/out/screenshots"
  rm -rf "$STINT_E2E_OUT"
  run_in_headless_session "${BASH_SOURCE[0]}" "$@"
fi

trap 'kill_descendants $$' EXIT
cd "$repo/tests/e2e"
./node_modules/.bin/wdio run ./wdio.screenshots.conf.ts "$@"
ls -1 "$repo/docs/screenshots"
