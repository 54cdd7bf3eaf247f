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
e2e="$repo/tests/e2e"

fail() { echo "e2e: $*" >&2; exit 1; }

if [[ -z "${STINT_E2E_INSIDE_SESSION:-}" ]]; then
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  [[ "$target_dir" = /* ]] || target_dir="$repo/$target_dir"
  export STINT_APP="${STINT_APP:-$target_dir/debug/stint}"
  [[ -x "$STINT_APP" ]] || fail "the app is not built: $STINT_APP is missing (run: make build)"
  for tool in xvfb-run dbus-run-session tauri-driver WebKitWebDriver sqlite3 pgrep dbus-send; do
    command -v "$tool" >/dev/null || fail "$tool is missing (run: scripts/install-deps.sh)"
  done
  /usr/bin/python3 -c 'import dbusmock' 2>/dev/null || fail "python3-dbusmock is missing (run: scripts/install-deps.sh)"
  [[ -d "$e2e/node_modules" ]] || fail "tests/e2e/node_modules is missing (run: scripts/install-deps.sh)"

  rm -rf "$repo/tests/out/e2e" # the previous run's files; this run's stay until the next one

  export STINT_E2E_INSIDE_SESSION=1 NO_AT_BRIDGE=1
  # -a: the first free display number; the screen is big enough for the app's window.
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    dbus-run-session -- "${BASH_SOURCE[0]}" "$@"
fi

# Inside Xvfb and the D-Bus session from here on.

# Ends whatever this run started and left behind (a tauri-driver or an app after a crashed worker),
# by pid, children first.
kill_descendants() {
  local pid child
  for child in $(pgrep -P "$1" || true); do
    kill_descendants "$child"
    kill -TERM "$child" 2>/dev/null || true
  done
}
trap 'kill_descendants $$' EXIT

cd "$e2e"
status=0
./node_modules/.bin/wdio run ./wdio.conf.ts "$@" || status=$?
if [[ $status -ne 0 ]]; then
  echo "e2e: FAILED (exit $status); logs and data of the run: $repo/tests/out/e2e/" >&2
fi
exit "$status"
