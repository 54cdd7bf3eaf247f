#!/usr/bin/env bash
# Type-checks the whole workspace for macOS (aarch64-apple-darwin) on this Linux machine, warnings
# denied, so that code behind `cfg(target_os = "macos")` is checked here and not first by the release
# workflow. Not part of `make test`: a first run builds every dependency for a new target (see
# docs/platforms.md for the time it takes).
#
# The toolchain is Debian's, as for check-windows.sh: rustc-web builds the standard library for the
# target from its source (rust-web-src, -Zbuild-std; RUSTC_BOOTSTRAP=1 allows that flag on a stable
# compiler). There is no macOS C compiler here, and `cargo check` links nothing, so the C and
# Objective-C that build scripts compile (mac-notification-sys, SQLite) go to stand-ins that write
# empty objects and archives. Its own target dir (<target>/macos) keeps it from invalidating the host
# build.
#
# Usage: scripts/check-macos.sh [extra cargo check arguments]
#        scripts/check-macos.sh --desktop-only
# --desktop-only checks just the macOS desktop code (src-tauri/src/desktop/{shortcut,sleep_watch}) in a
# small crate that includes those files by path and takes the shell's macOS dependencies from
# src-tauri/Cargo.toml at the versions in Cargo.lock: minutes instead of the whole workspace's
# 19 minutes of CPU on a first run.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir

fail() { echo "check-macos: $*" >&2; exit 1; }
for tool in /usr/bin/cargo /usr/bin/rustc; do
  command -v "$tool" >/dev/null || fail "$tool is missing (run: scripts/install-deps.sh)"
done
[[ -d /usr/lib/rustlib/src/rust/library ]] || fail "the standard library's source is missing (run: scripts/install-deps.sh)"

target_dir="$(cargo_target_dir "$repo")/macos"
# The stand-ins live at a fixed path, so build scripts that watch CC_* do not rerun on every check.
stubs="$target_dir/stub-tools"
mkdir -p "$stubs"
cat > "$stubs/cc.new" <<'STUB'
#!/usr/bin/env bash
# A stand-in C compiler for type-checking only: creates the output file (-o) empty.
out=
while [[ $# -gt 0 ]]; do
  [[ "$1" == -o ]] && out="${2:-}"
  shift
done
[[ -z "$out" ]] || : > "$out"
STUB
printf '#!/bin/sh\n# A stand-in archiver for type-checking only: nothing is linked.\nexit 0\n' > "$stubs/ar.new"
for tool in cc ar; do
  if cmp -s "$stubs/$tool.new" "$stubs/$tool"; then rm "$stubs/$tool.new"; else mv "$stubs/$tool.new" "$stubs/$tool"; fi
  chmod +x "$stubs/$tool"
done

if [[ "${1:-}" == --desktop-only ]]; then
  shift
  crate="$target_dir/desktop-only"
  mkdir -p "$crate/src"
  {
    printf '[package]\nname = "stint-macos-desktop"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
    # The shell's macOS section, then libc from its Unix section.
    sed -n "/^\[target.'cfg(target_os = \"macos\")'.dependencies\]/,/^\[/p" "$repo/src-tauri/Cargo.toml" | sed '$d'
    printf 'libc = "0.2"\n\n[workspace]\n' # its own workspace, not the repository's
  } > "$crate/Cargo.toml"
  cat > "$crate/src/lib.rs" <<RUST
//! Stint's macOS desktop files, included by path so they type-check without the whole workspace.
pub mod desktop {
    #[path = "$repo/src-tauri/src/desktop/shortcut/mod.rs"]
    pub mod shortcut;
    #[path = "$repo/src-tauri/src/desktop/sleep_watch/mod.rs"]
    pub mod sleep_watch;
}
RUST
  cp "$repo/Cargo.lock" "$crate/Cargo.lock"
  cd "$crate"
  what="the macOS desktop files type-check"
  scope=(--offline) # its lock is the repository's, pruned to these dependencies
else
  cd "$repo"
  what="the workspace type-checks"
  scope=(--workspace --locked)
fi

# -D warnings reaches only this workspace's crates: Cargo caps lints of registry dependencies.
RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTFLAGS="-D warnings" \
  CC_aarch64_apple_darwin="$stubs/cc" CXX_aarch64_apple_darwin="$stubs/cc" AR_aarch64_apple_darwin="$stubs/ar" \
  CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo check "${scope[@]}" --quiet \
  -Zbuild-std=std,panic_abort --target aarch64-apple-darwin "$@"
echo "check-macos: $what for aarch64-apple-darwin"
