# Shared by the scripts that run the app headless (e2e.sh, footprint.sh); source it, don't run it.

# Cargo's target directory, absolute: $CARGO_TARGET_DIR if set, else <repo>/target.
cargo_target_dir() {
  local repo="$1" dir="${CARGO_TARGET_DIR:-target}"
  [[ "$dir" = /* ]] || dir="$repo/$dir"
  echo "$dir"
}

# True inside the session that run_in_headless_session started.
in_headless_session() {
  [[ -n "${STINT_HEADLESS_SESSION:-}" ]]
}

# Runs `script args…` again inside an X server (Xvfb, first free display) and a private D-Bus
# session, with the accessibility bridge off. Does not return.
run_in_headless_session() {
  export STINT_HEADLESS_SESSION=1 NO_AT_BRIDGE=1
  exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
}

# Ends what a run started and left behind (a tauri-driver, an app after a crashed worker), by pid,
# children first.
kill_descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    kill_descendants "$child"
    kill -TERM "$child" 2>/dev/null || true
  done
}
