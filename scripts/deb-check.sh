#!/usr/bin/env bash
# Proves that the built .deb installs, starts and uninstalls cleanly on this system, as a member would
# use it (`make deb-check`, after `make dist`; not part of `make test`: it installs a system package):
#   1. `apt-get install ./stint_*.deb` (with its dependencies); the stint:// scheme must then be in the
#      desktop's MIME cache (the package's desktop entry, registered by desktop-file-utils' trigger);
#   2. /usr/bin/stint starts under Xvfb in a private D-Bus session (NO_AT_BRIDGE=1), with its data in a
#      temporary STINT_DATA_DIR; its main window must be mapped and its database created within a minute;
#      SIGTERM must then end it within 15 s;
#   3. `apt-get purge stint`: no file of the package may be left, and dpkg must not remember it.
# Refuses to run when a Stint package is installed already (it would be replaced and then removed).
#
# Usage: scripts/deb-check.sh [path/to/stint_*.deb]   (root, or sudo)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir

say() { echo "deb-check: $*"; }
fail() { echo "deb-check: $*" >&2; exit 1; }

# Inside the headless session: start the installed app, wait for its window, then end it.
if [[ "${1:-}" == --inside ]]; then
  data="$2"
  STINT_DATA_DIR="$data" /usr/bin/stint > "$data/stint.log" 2>&1 &
  app=$!
  /usr/bin/python3 - "$app" "$data" <<'PY'
import os, sys, time
from Xlib import X, display
pid, data = int(sys.argv[1]), sys.argv[2]
screen = display.Display().screen()

def mapped_stint_window(window):
    try:
        if window.get_wm_name() == "Stint" and window.get_attributes().map_state == X.IsViewable:
            return True
        return any(mapped_stint_window(child) for child in window.query_tree().children)
    except Exception:  # a window that went away while we looked
        return False

def running(pid):  # Stint is the shell's child, not ours: read its state
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    if not running(pid):
        sys.exit(f"deb-check: Stint exited before its window came up; its output is in {data}/stint.log")
    databases = [n for n in os.listdir(data) if n.endswith(".db")]
    if mapped_stint_window(screen.root) and databases:
        print(f"deb-check: the window \"Stint\" is up and {databases[0]} was created, "
              f"{60 - (deadline - time.monotonic()):.1f} s after the start")
        sys.exit(0)
    time.sleep(0.5)
sys.exit(f"deb-check: no mapped window \"Stint\" and database within 60 s; its output is in {data}/stint.log")
PY
  kill -TERM "$app"
  for _ in $(seq 150); do kill -0 "$app" 2>/dev/null || exit 0; sleep 0.1; done
  kill -KILL "$app"
  fail "Stint did not end within 15 s of SIGTERM"
fi

deb="${1:-}"
if [[ -z "$deb" ]]; then
  debs=("$(cargo_target_dir "$repo")"/release/bundle/deb/*.deb)
  [[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "no single .deb in $(cargo_target_dir "$repo")/release/bundle/deb; run: make dist"
  deb="${debs[0]}"
fi
deb="$(realpath "$deb")"
package="$(dpkg-deb -f "$deb" Package)"
for tool in xvfb-run dbus-run-session apt-get; do
  command -v "$tool" >/dev/null || fail "$tool is missing (run: scripts/install-deps.sh)"
done
/usr/bin/python3 -c 'import Xlib' 2>/dev/null || fail "python3-xlib is missing (run: scripts/install-deps.sh)"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || fail "installing a package needs root or sudo"
  as_root=(sudo)
fi
status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)"
[[ -z "$status" || "$status" == un* ]] ||
  fail "the package $package is installed already ($status); remove it first (apt-get purge $package)"

work="$(mktemp -d)"
installed=0
cleanup() {
  if [[ $installed -eq 1 ]]; then
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get purge -y -q "$package" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -c "$deb" | sed -nE 's|^[^d][^ ]+ +[^ ]+ +[0-9]+ +[0-9-]+ +[0-9:]+ +(\./)?|/|p' > "$work/files"
say "installing $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
start=$SECONDS
installed=1
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "$deb" > "$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get install $deb failed (above)"; }
say "installed in $((SECONDS - start)) s: $(dpkg-query -W -f='${Package} ${Version}, ${Installed-Size} KiB installed' "$package")"
while read -r file; do [[ -e "$file" ]] || fail "$file, listed in the package, is not on disk after installing"; done < "$work/files"
grep -q '^x-scheme-handler/stint=.*\.desktop' /usr/share/applications/mimeinfo.cache 2>/dev/null ||
  fail "after installing, the desktop's MIME cache (/usr/share/applications/mimeinfo.cache) does not send stint:// links to Stint"
say "stint:// links open Stint ($(grep '^x-scheme-handler/stint=' /usr/share/applications/mimeinfo.cache))"

mkdir -p "$work/data"
NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$0" --inside "$work/data" ||
  { [[ -f "$work/data/stint.log" ]] && tail -20 "$work/data/stint.log" >&2; fail "the installed Stint did not start properly"; }

start=$SECONDS
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get purge -y -q "$package" > "$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get purge $package failed (above)"; }
installed=0
say "purged in $((SECONDS - start)) s"
left=()
while read -r file; do [[ -e "$file" ]] && left+=("$file"); done < "$work/files"
[[ ${#left[@]} -eq 0 ]] || fail "left behind after purging: ${left[*]}"
[[ -z "$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null | grep -v '^un' || true)" ]] ||
  fail "dpkg still knows $package after purging: $(dpkg-query -W -f='${db:Status-Abbrev}' "$package")"
! grep -q '^x-scheme-handler/stint=' /usr/share/applications/mimeinfo.cache 2>/dev/null ||
  fail "after purging, stint:// links are still sent to a desktop entry (/usr/share/applications/mimeinfo.cache)"
say "the .deb installs, starts and uninstalls cleanly; nothing of it is left"
