#!/usr/bin/env bash
# Installs what building and testing Stint needs, and only what is missing, so that a second run is a
# fast no-op:
#   - Debian packages (apt-get, as root or through sudo; `apt-get update` only when one is missing)
#   - the npm packages of the UI, the end-to-end tests and the workflow checks (tests/workflows):
#     `npm install` when node_modules is missing or older than package-lock.json
#   - tauri-driver (`cargo install --locked` when it is not on PATH)
#   - a Matrix homeserver for the live-room tests: matrix-synapse from PyPI in a virtual environment
#     under ~/.cache/stint/synapse (scripts/synapse.sh install; a no-op once that version is there)
# Rust (cargo) and Node.js (npm) themselves are expected to be installed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev libayatana-appindicator3-dev
  librsvg2-dev                                   # Tauri 2 on Linux
  xvfb xauth webkit2gtk-driver                   # a headless display and WebKit's WebDriver
  dbus dbus-x11 python3-dbusmock                 # a private session bus and a notification daemon
  sqlite3                                        # the e2e tests read the app's database
  python3-xlib                                   # the e2e tests hear the app's window-manager requests
  python3-dateutil                               # the recurrence engine is tested against dateutil's
  python3-venv                                   # the virtual environment of the test homeserver (Synapse)
  desktop-file-utils appstream rpm rpm2cpio cpio # make dist checks the desktop entry, AppStream file, .rpm
  rustc-web cargo-web rust-web-src               # make check-windows: Debian's Rust builds std for Windows
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 #   …and MinGW-w64 compiles the C in the dependencies
  sudo                                           # the update e2e: the updater installs a .deb through sudo
)

say() { echo "install-deps: $*"; }

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

install_debian_packages() {
  local missing=() package
  for package in "${debian_packages[@]}"; do
    is_installed "$package" || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return

  local as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { say "missing ${missing[*]}, and not root and no sudo" >&2; exit 1; }
    as_root=(sudo)
  fi
  say "installing ${missing[*]}"
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Installs $1's locked npm packages when its node_modules is missing or older than its package-lock.json.
# `npm ci` installs exactly the lock file and never rewrites it. The lock files hold every platform's
# optional packages (rollup's native builds for Linux, Windows and macOS), so `npm ci` accepts them on
# each; after changing dependencies, regenerate them with `npm install` (which keeps them all).
install_npm_packages() {
  local dir="$1"
  [[ -f "$dir/package-lock.json" ]] || { say "skipping ${dir#"$repo"/}: no package-lock.json yet"; return; }
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
    say "npm ci in ${dir#"$repo"/}"
    npm ci --prefix "$dir" --no-audit --no-fund
    touch "$dir/node_modules" # npm may leave the directory's mtime older than the lock file
  fi
}

install_tauri_driver() {
  command -v tauri-driver >/dev/null && return
  [[ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]] && return # installed; the Makefile puts it on PATH
  say "cargo install tauri-driver"
  cargo install tauri-driver --locked
}

install_debian_packages
install_npm_packages "$repo/ui"
install_npm_packages "$repo/tests/e2e"
install_npm_packages "$repo/tests/workflows"
install_tauri_driver
"$repo/scripts/synapse.sh" install
