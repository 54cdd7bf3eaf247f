#!/usr/bin/env bash
# Checks what Stint's Linux installers contain, as built (scripts/dist.sh runs it after every build):
#   - the .deb (dpkg-deb -c) and the .rpm (rpm -qlp) install the same files: the binary, the desktop
#     entry, the AppStream file and the icon at every size from 16 to 512 in hicolor;
#   - the desktop entry passes desktop-file-validate, opens stint:// links (MimeType, Exec with %u);
#   - the AppStream file passes `appstreamcli validate --no-net`, names that desktop entry, lists a
#     release for the package's version, and its screenshots are files in docs/screenshots;
#   - the .rpm carries the same desktop entry and AppStream file as the .deb;
#   - with --pack, the binary embeds that pack file byte for byte (a community's installer).
#
# Usage: scripts/check-packages.sh [--name NAME] [--pack PACK] DEB RPM
# NAME is the product name (default Stint): the desktop entry is <NAME>.desktop.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name=Stint pack=
while [[ $# -gt 2 ]]; do
  case "$1" in
    --name) name="$2"; shift 2 ;;
    --pack) pack="$2"; shift 2 ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || { echo "usage: scripts/check-packages.sh [--name NAME] [--pack PACK] DEB RPM" >&2; exit 2; }
deb="$(realpath "$1")" rpm="$(realpath "$2")"

failures=0
fail() { echo "check-packages: $*" >&2; failures=$((failures + 1)); }
for tool in dpkg-deb rpm rpm2cpio cpio desktop-file-validate appstreamcli file; do
  command -v "$tool" >/dev/null || { echo "check-packages: $tool is missing (run: scripts/install-deps.sh)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

desktop="usr/share/applications/$name.desktop"
metainfo="usr/share/metainfo/app.stint.desktop.metainfo.xml"
sizes=(16 24 32 48 64 128 256 512)
expected=(usr/bin/stint "$desktop" "$metainfo")
for size in "${sizes[@]}"; do expected+=("usr/share/icons/hicolor/${size}x${size}/apps/stint.png"); done

# The regular files each package installs, as paths without the leading slash, sorted.
# (a path may hold spaces: a community's desktop entry is "<NAME>.desktop")
dpkg-deb -c "$deb" | sed -nE 's|^-[^ ]+ +[^ ]+ +[0-9]+ +[0-9-]+ +[0-9:]+ +(\./)?||p' | sort > "$work/deb.list"
rpm -qlp "$rpm" 2>/dev/null | sed 's|^/||' | sort > "$work/rpm.list.all"
mkdir -p "$work/deb" "$work/rpm"
dpkg-deb -x "$deb" "$work/deb"
# Debian's rpm2cpio exits 1 on the payload Tauri's rpm writer makes, after writing all of it; what was
# extracted is compared with `rpm -qlp` below, so a short archive still fails the check.
(cd "$work/rpm" && { rpm2cpio "$rpm" || true; } | cpio -idm --quiet)
(cd "$work/rpm" && find . -type f | sed 's|^\./||' | sort) > "$work/rpm.list"

for path in "${expected[@]}"; do
  grep -qxF "$path" "$work/deb.list" || fail "$(basename "$deb") does not install /$path"
  grep -qxF "$path" "$work/rpm.list.all" || fail "$(basename "$rpm") does not install /$path"
done
if ! diff -u "$work/deb.list" "$work/rpm.list" > "$work/lists.diff"; then
  fail "the .deb and the .rpm install different files:"; cat "$work/lists.diff" >&2
fi

for size in "${sizes[@]}"; do
  png="$work/deb/usr/share/icons/hicolor/${size}x${size}/apps/stint.png"
  [[ -f "$png" ]] && ! file -b "$png" | grep -q "PNG image data, $size x $size," &&
    fail "/usr/share/icons/hicolor/${size}x${size}/apps/stint.png is not a ${size}×${size} PNG: $(file -b "$png")"
done

for tree in deb rpm; do
  entry="$work/$tree/$desktop"
  [[ -f "$entry" ]] || continue
  desktop-file-validate "$entry" || fail "the $tree's desktop entry does not pass desktop-file-validate (above)"
  grep -qE '^MimeType=(.*;)?x-scheme-handler/stint(;|$)' "$entry" ||
    fail "the $tree's desktop entry does not register the stint:// scheme (MimeType=x-scheme-handler/stint)"
  grep -qE '^Exec=stint %u$' "$entry" ||
    fail "the $tree's desktop entry must start \"stint %u\", so that a stint:// link reaches Stint: $(grep '^Exec=' "$entry")"
  grep -qxF "Name=$name" "$entry" || fail "the $tree's desktop entry is not named $name: $(grep '^Name=' "$entry")"
done
for file in "$desktop" "$metainfo"; do
  [[ -f "$work/deb/$file" && -f "$work/rpm/$file" ]] && ! cmp -s "$work/deb/$file" "$work/rpm/$file" &&
    fail "the .deb and the .rpm carry different /$file"
done

info="$work/deb/$metainfo"
if [[ -f "$info" ]]; then
  appstreamcli validate --no-net --pedantic "$info" || fail "/$metainfo does not pass appstreamcli validate (above)"
  version="$(dpkg-deb -f "$deb" Version)"
  python3 - "$info" "$name.desktop" "$version" "$repo/docs/screenshots" > "$work/metainfo.problems" <<'PY' || true
import os, sys, xml.etree.ElementTree as ET
path, desktop_id, version, shots = sys.argv[1:]
root = ET.parse(path).getroot()
if root.findtext("launchable[@type='desktop-id']") != desktop_id:
    print(f"it must name the desktop entry {desktop_id} (<launchable type=\"desktop-id\">)")
if version not in [r.get("version") for r in root.iter("release")]:
    print(f"it has no <release version=\"{version}\">: add this release, with its date and what is new")
images = [i.text or "" for i in root.iter("image")]
if not images:
    print("it has no screenshots")
for url in images:
    if not os.path.isfile(os.path.join(shots, os.path.basename(url))):
        print(f"its screenshot {url} is not a file in docs/screenshots")
if root.find("content_rating") is None:
    print("it has no content rating (<content_rating type=\"oars-1.1\"/>)")
PY
  while IFS= read -r problem; do fail "/$metainfo: $problem"; done < "$work/metainfo.problems"
fi

[[ "$(dpkg-deb -f "$deb" Depends)" == *libayatana-appindicator3-1* ]] ||
  fail "$(basename "$deb") does not depend on libayatana-appindicator3-1 (the tray icon needs it)"

if [[ -n "$pack" ]]; then
  python3 -c 'import sys; sys.exit(open(sys.argv[1], "rb").read() not in open(sys.argv[2], "rb").read())' \
    "$pack" "$work/deb/usr/bin/stint" || fail "the .deb's binary does not embed $pack"
fi

if [[ $failures -gt 0 ]]; then
  echo "check-packages: $failures problem(s) in $(basename "$deb") / $(basename "$rpm")" >&2
  exit 1
fi
for package in "$deb" "$rpm"; do
  echo "check-packages: $(basename "$package") is good ($(du -k "$package" | cut -f1) KiB)"
done
