#!/usr/bin/env bash
# Builds the Linux installers (.deb and .rpm, Tauri's bundler; both offline) from the UI already built
# in ui/dist (`make dist` builds it first), then checks what they contain (scripts/check-packages.sh).
#
# Usage:
#   scripts/dist.sh                                  Stint's own installers
#   scripts/dist.sh --community PACK NAME ICON       a community's installers: its pack baked in
#                                                    (STINT_BUNDLED_PACK), its name and its icon
#
# A community build changes nothing in the checkout: scripts/community-config.sh generates its icons,
# its AppStream file and a Tauri config override (merged with `tauri build --config`) into
# <target>/dist/community/.
# The packages: <target>/release/bundle/deb/*.deb and <target>/release/bundle/rpm/*.rpm.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir
target="$(cargo_target_dir "$repo")"
tauri="$repo/ui/node_modules/.bin/tauri"

fail() { echo "dist: $*" >&2; exit 1; }

[[ -x "$tauri" ]] || fail "$tauri is missing; run scripts/install-deps.sh (ui/package.json has @tauri-apps/cli)."
[[ -f "$repo/ui/dist/index.html" ]] || fail "the UI is not built (ui/dist/index.html is missing); run: make ui"

name=Stint
tauri_args=()
if [[ "${1:-}" == --community ]]; then
  [[ $# -eq 4 ]] || fail "usage: scripts/dist.sh --community PACK NAME ICON (or: make dist-community PACK=… NAME=… ICON=…)"
  name="$3"
  pack="$("$repo/scripts/community-config.sh" "$2" "$3" "$4")"
  export STINT_BUNDLED_PACK="$pack"
  tauri_args=(--config "$target/dist/community/tauri.community.json")
else
  [[ $# -eq 0 ]] || fail "unknown arguments: $*"
  unset STINT_BUNDLED_PACK
fi

# Only this build's packages are checked: the previous ones go first.
rm -rf "$target/release/bundle/deb" "$target/release/bundle/rpm"
TAURI_APP_PATH="$repo/src-tauri" TAURI_FRONTEND_PATH="$repo/ui" \
  "$tauri" build --bundles deb,rpm "${tauri_args[@]}"

debs=("$target"/release/bundle/deb/*.deb)
rpms=("$target"/release/bundle/rpm/*.rpm)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one .deb in $target/release/bundle/deb"
[[ ${#rpms[@]} -eq 1 && -f "${rpms[0]}" ]] || fail "expected one .rpm in $target/release/bundle/rpm"
"$repo/scripts/check-packages.sh" --name "$name" ${STINT_BUNDLED_PACK:+--pack "$STINT_BUNDLED_PACK"} \
  "${debs[0]}" "${rpms[0]}"
