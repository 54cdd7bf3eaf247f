#!/usr/bin/env bash
# Runs the end-to-end suite (tests/e2e) against the built app, headless:
#   an X server (Xvfb, through xvfb-run -a) and a private D-Bus session (dbus-run-session), with the
#   accessibility bridge off (NO_AT_BRIDGE=1). Inside that, for each spec file, the wdio worker starts
#   a notification daemon (python3-dbusmock's notification_daemon template, with a log), a fresh
#   STINT_DATA_DIR and tauri-driver on localhost:4444 (tests/e2e/support/environment.ts).
#
# Usage: scripts/e2e.sh [extra wdio arguments, e.g. --spec specs/session.e2e.ts]
# The app under test: $STINT_APP, or <cargo target dir>/debug/stint. Exit status: wdio's.
# Files of each run (data dirs, notification logs, driver logs): tests/out/e2e/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh"

fail() { echo "e2e: $*" >&2; exit 1; }

if ! in_headless_session; then
  export STINT_APP="${STINT_APP:-$(cargo_target_dir "$repo")/debug/stint}"
  [[ -x "$STINT_APP" ]] || fail "the app is not built: $STINT_APP is missing (run: make build)"
  for tool in xvfb-run dbus-run-session dbus-send tauri-driver WebKitWebDriver sqlite3 pgrep; do
    command -v "$tool" >/dev/null || fail "$tool is missing (run: scripts/install-deps.sh)"
  done
  /usr/bin/python3 -c 'import dbusmock' 2>/dev/null || fail "python3-dbusmock is missing (run: scripts/install-deps.sh)"
  /usr/bin/python3 -c 'import Xlib' 2>/dev/null || fail "python3-xlib is missing (run: scripts/install-deps.sh)"
  [[ -d "$repo/tests/e2e/node_modules" ]] || fail "tests/e2e/node_modules is missing (run: scripts/install-deps.sh)"
  rm -rf "$repo/tests/out/e2e" # the previous run's files; this run's stay until the next one
  run_in_headless_session "${BASH_SOURCE[0]}" "$@"
fi

trap 'kill_descendants $$' EXIT
cd "$repo/tests/e2e"
mkdir -p "$repo/tests/out/e2e"
log="$repo/tests/out/e2e/wdio.log"
status=0
./node_modules/.bin/wdio run ./wdio.conf.ts "$@" 2>&1 | tee "$log" || status=$?
if [[ $status -ne 0 ]]; then
  # The spec reporter prints one block per spec file, in the order they ran: repeat the failed ones
  # last, where a CI log's tail shows them.
  echo "e2e: the failed specs' reports again:" >&2
  awk '/^-----+$|Spec Files:/ { if (block ~ /failing/) printf "%s", block; block = ""; next }
       { block = block $0 "\n" }' "$log" >&2
  echo "e2e: FAILED (exit $status); logs and data of the run: $repo/tests/out/e2e/" >&2
fi
exit "$status"
