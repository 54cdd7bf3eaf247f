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

# A TCP port on localhost that nothing listens on right now.
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Runs `script args…` again inside an X server (Xvfb, first free display) and a private D-Bus
# session, with the accessibility bridge off. Does not return.
run_in_headless_session() {
  export STINT_HEADLESS_SESSION=1 NO_AT_BRIDGE=1
  # tauri-driver and WebKitWebDriver on free ports: another run on this machine may hold 4444/4445.
  export STINT_E2E_DRIVER_PORT="${STINT_E2E_DRIVER_PORT:-$(free_port)}"
  until [[ -n "${STINT_E2E_NATIVE_PORT:-}" && "$STINT_E2E_NATIVE_PORT" != "$STINT_E2E_DRIVER_PORT" ]]; do
    STINT_E2E_NATIVE_PORT="$(free_port)"
  done
  export STINT_E2E_NATIVE_PORT
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
