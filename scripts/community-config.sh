#!/usr/bin/env bash
# Generates what makes a build a community's own installer, without touching the checkout, into
# <target>/dist/community/: its icons (16 to 512, drawn by `tauri icon`), its AppStream file (the
# community's name, its desktop entry <NAME>.desktop) and tauri.community.json, a config override for
# `tauri build --config` (product name, icons, that AppStream file; the packages replace `stint`).
# The build keeps Stint's identifier, so a member's data stays where it is if they switch between
# Stint and the community's build. The pack itself is baked in by STINT_BUNDLED_PACK (src-tauri/build.rs).
#
# Usage: scripts/community-config.sh PACK NAME ICON — prints the pack's absolute path.
# Used by scripts/dist.sh --community (make dist-community); docs/packs.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir
tauri="$repo/ui/node_modules/.bin/tauri"
metainfo="$repo/src-tauri/linux/app.stint.desktop.metainfo.xml"

fail() { echo "dist-community: $*" >&2; exit 1; }

[[ $# -eq 3 ]] || fail "usage: scripts/community-config.sh PACK NAME ICON"
pack="$1" name="$2" icon="$3"
[[ "$pack" = /* ]] || pack="$repo/$pack"
[[ "$icon" = /* ]] || icon="$repo/$icon"
[[ -f "$pack" && "$pack" == *.stint.json ]] ||
  fail "PACK must name a community pack file (*.stint.json); \"$1\" is not one."
[[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9\ .\'-]{0,39}$ ]] ||
  fail "NAME must be 1 to 40 letters, digits, spaces, dots, apostrophes or hyphens, starting with a letter or digit; \"$name\" is not."
[[ -f "$icon" && ( "$icon" == *.png || "$icon" == *.svg ) ]] ||
  fail "ICON must name a square PNG (512×512 or larger is best) or an SVG file; \"$3\" is not one."
[[ -x "$tauri" ]] || fail "$tauri is missing; run scripts/install-deps.sh"

work="$(cargo_target_dir "$repo")/dist/community"
rm -rf "$work" && mkdir -p "$work/icons"
"$tauri" icon "$icon" --output "$work/icons" --png 16,24,32,48,64,128,256,512 > "$work/icon.log" 2>&1 ||
  fail "could not draw the icons from \"$3\"; it must be a square PNG or an SVG ($(tail -1 "$work/icon.log"))."

NAME="$name" python3 - "$metainfo" "$work/app.stint.desktop.metainfo.xml" <<'PY'
import os, sys
from xml.sax.saxutils import escape
name = escape(os.environ["NAME"])
text = open(sys.argv[1], encoding="utf-8").read()
for old, new in [("<name>Stint</name>", f"<name>{name}</name>"),
                 ('<launchable type="desktop-id">Stint.desktop</launchable>',
                  f'<launchable type="desktop-id">{name}.desktop</launchable>')]:
    if old not in text:
        sys.exit(f"dist-community: {sys.argv[1]} no longer contains {old}; update scripts/community-config.sh")
    text = text.replace(old, new, 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY

NAME="$name" WORK="$work" python3 - > "$work/tauri.community.json" <<'PY'
import json, os
work = os.environ["WORK"]
files = {"/usr/share/metainfo/app.stint.desktop.metainfo.xml": f"{work}/app.stint.desktop.metainfo.xml"}
# The first PNG is the window's and the tray's icon, as in tauri.conf.json.
icons = [f"{work}/icons/{size}x{size}.png" for size in (32, 16, 24, 48, 64, 128, 256, 512)]
stint = ["stint"]
print(json.dumps({
    "productName": os.environ["NAME"],
    "bundle": {
        "icon": icons,
        "linux": {
            "deb": {"files": files, "conflicts": stint, "replaces": stint, "provides": stint},
            "rpm": {"files": files, "conflicts": stint, "obsoletes": stint, "provides": stint},
        },
    },
}, indent=2))
PY
echo "$pack"
