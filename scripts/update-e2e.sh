#!/usr/bin/env bash
# The signed update, end to end (`make test-update`, part of `make test`):
#   1. builds Stint N and N+1 as .deb packages, in debug with the UI embedded (`tauri build --debug
#      --bundles deb`, sharing the e2e build's artifacts: only the `stint` crate recompiles, see
#      `build` below), both with
#      the TEST-ONLY updater key of tests/update/ (never a release's); N+1 is the same code with its
#      version raised by a `--config` override, and signed (createUpdaterArtifacts);
#   2. installs N with apt-get and serves, on the loopback (python3 -m http.server), N+1's .deb, a
#      copy of it with one byte changed, and three manifests: the real update, a downgrade, and the
#      changed package under N+1's signature;
#   3. runs tests/e2e/update/update.e2e.ts against the installed /usr/bin/stint with STINT_UPDATE_URL
#      pointing at the server: the downgrade and the bad signature are refused, N+1 is installed (dpkg,
#      through sudo) and Stint restarts into it with the user's data;
#   4. purges the package, stops the server and leaves nothing installed.
# Needs root or sudo (a system package is installed); without either it says so loudly and skips.
# Refuses to run when a Stint package is installed already.
#
# Usage: scripts/update-e2e.sh      (the UI must be built: make ui)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir
target="$(cargo_target_dir "$repo")"
tauri="$repo/ui/node_modules/.bin/tauri"
keys="$repo/tests/update"
out="$repo/tests/out/update"

say() { echo "update-e2e: $*"; }
fail() { echo "update-e2e: $*" >&2; exit 1; }

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "update-e2e: ******** SKIPPED: installing a .deb needs root or password-less sudo, and this" >&2
    echo "update-e2e: ******** user has neither; the signed update was NOT tested. ********" >&2
    exit 0
  fi
  as_root=(sudo -n)
fi
command -v sudo >/dev/null || fail "sudo is missing (the updater installs the .deb through it); run: scripts/install-deps.sh"
[[ -x "$tauri" ]] || fail "$tauri is missing; run: scripts/install-deps.sh"
[[ -f "$repo/ui/dist/index.html" ]] || fail "the UI is not built; run: make ui"
if dpkg-query -W -f='${db:Status-Status}' stint 2>/dev/null | grep -q installed; then
  fail "a Stint package is installed already; this test would replace and then remove it (apt-get purge stint first)"
fi

from="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)"
[[ "$from" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || fail "cannot read the workspace version from Cargo.toml ($from)"
to="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.$((BASH_REMATCH[3] + 1))"
pubkey="$(cat "$keys/TEST-ONLY-updater.key.pub")"
bundle="$target/debug/bundle/deb"
rm -rf "$out" && mkdir -p "$out/served"

# 1. The two packages. The test key's public half replaces the release key in both.
# The arguments after `--` go to cargo. `--workspace --examples` makes cargo resolve the dependencies'
# features as the test build does (`--workspace --all-targets`): building an example needs the
# dev-dependencies, and with them their features (tokio's test-util, tauri's test). Without them,
# cargo rebuilt 48 dependencies for other features here: 224 s of the step's 249 s.
build() { # version-override-json-or-empty
  local config="{\"plugins\":{\"updater\":{\"pubkey\":\"$pubkey\"}}${1:+,$1}}"
  rm -rf "$bundle"
  TAURI_APP_PATH="$repo/src-tauri" TAURI_FRONTEND_PATH="$repo/ui" \
    "$tauri" build --debug --bundles deb --config "$config" -- --workspace --examples > "$out/build-$2.log" 2>&1 \
    || { tail -30 "$out/build-$2.log" >&2; fail "building $2 failed; the whole log: $out/build-$2.log"; }
}
started=$SECONDS
build "" "$from"
cp "$bundle"/*.deb "$out/stint-$from.deb"
built_from=$((SECONDS - started))
TAURI_SIGNING_PRIVATE_KEY="$keys/TEST-ONLY-updater.key" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
  build "\"version\":\"$to\",\"bundle\":{\"createUpdaterArtifacts\":true}" "$to"
debs=("$bundle"/*"$to"*.deb)
[[ -f "${debs[0]}" && -f "${debs[0]}.sig" ]] || fail "the build of $to left no signed .deb in $bundle"
cp "${debs[0]}" "$out/served/stint-$to.deb"
built_to=$((SECONDS - started - built_from))
say "built $from in ${built_from} s and $to in ${built_to} s; sizes: $(du -k "$out/stint-$from.deb" | cut -f1) KiB and $(du -k "$out/served/stint-$to.deb" | cut -f1) KiB"

# 2. The server and its manifests.
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
signature="$(cat "${debs[0]}.sig")"
cp "$out/served/stint-$to.deb" "$out/served/stint-$to-tampered.deb"
printf 'x' >> "$out/served/stint-$to-tampered.deb"
manifest() { # file version package
  /usr/bin/python3 - "$out/served/$1" "$2" "$base/$3" "$signature" <<'PY'
import json, sys
path, version, url, signature = sys.argv[1:]
json.dump({"version": version, "notes": f"Stint {version}: the update e2e's release.\nA second line of notes.",
           "pub_date": "2026-12-01T12:00:00Z",
           "platforms": {"linux-x86_64-deb": {"signature": signature, "url": url}}}, open(path, "w"), indent=2)
PY
}
manifest update.json "$to" "stint-$to.deb"
manifest tampered.json "$to" "stint-$to-tampered.deb"
manifest downgrade.json "0.0.1" "stint-$to.deb"
/usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$out/served" "$port" > "$out/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  if dpkg-query -W stint >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get purge -y -q stint > "$out/purge.log" 2>&1 \
      || echo "update-e2e: could not purge the stint package; see $out/purge.log" >&2
  fi
}
trap cleanup EXIT

# 3. Install N, then the spec.
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "$out/stint-$from.deb" > "$out/install.log" 2>&1 \
  || { cat "$out/install.log" >&2; fail "apt-get could not install $out/stint-$from.deb"; }
status=0
STINT_APP=/usr/bin/stint STINT_UPDATE_URL="$base/latest.json" STINT_UPDATE_SERVED="$out/served" \
  STINT_UPDATE_FROM="$from" STINT_UPDATE_TO="$to" STINT_E2E_OUT="$out/e2e" \
  "$repo/scripts/e2e.sh" --spec ./update/update.e2e.ts || status=$?
say "the spec took $((SECONDS - started - built_from - built_to)) s; in all $((SECONDS - started)) s"

# 4. Nothing of the package may stay.
cleanup
trap - EXIT
if dpkg-query -W stint >/dev/null 2>&1; then fail "dpkg still knows the stint package after the purge"; fi
[[ ! -e /usr/bin/stint ]] || fail "/usr/bin/stint is still there after the purge"
[[ $status -eq 0 ]] || fail "the update spec FAILED (exit $status); its files: $out/"
say "passed: $from refused a downgrade and a bad signature, installed $to and restarted into it"
