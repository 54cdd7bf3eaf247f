#!/usr/bin/env bash
# Type-checks the whole workspace for Windows (x86_64-pc-windows-gnu) on this Linux machine, warnings
# denied, so that code behind `cfg(windows)` — and code that only Linux uses — is checked by every
# `make test`, not first by the release workflow.
#
# The toolchain is Debian's, not rustup's: rustc-web (/usr/bin/rustc, /usr/bin/cargo) builds the
# standard library for the target from its source (rust-web-src, -Zbuild-std; RUSTC_BOOTSTRAP=1 allows
# that flag on a stable compiler), and MinGW-w64 compiles the C in the dependencies (SQLite) and the
# Windows resource file. Its own target dir (<target>/windows) keeps it from invalidating the host
# build. Usage: scripts/check-windows.sh [extra cargo check arguments]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/headless.sh" # cargo_target_dir

fail() { echo "check-windows: $*" >&2; exit 1; }
for tool in /usr/bin/cargo /usr/bin/rustc x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres; do
  command -v "$tool" >/dev/null || fail "$tool is missing (run: scripts/install-deps.sh)"
done
[[ -d /usr/lib/rustlib/src/rust/library ]] || fail "the standard library's source is missing (run: scripts/install-deps.sh)"

cd "$repo"
# `make test` lints its host build through rustup's clippy-driver; that wrapper does not fit this
# toolchain.
unset RUSTC_WORKSPACE_WRAPPER
# -D warnings reaches only this workspace's crates: Cargo caps lints of registry dependencies.
RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTFLAGS="-D warnings" \
  CARGO_TARGET_DIR="$(cargo_target_dir "$repo")/windows" \
  /usr/bin/cargo check --workspace --locked --quiet \
  -Zbuild-std=std,panic_abort --target x86_64-pc-windows-gnu "$@"
echo "check-windows: the workspace type-checks for x86_64-pc-windows-gnu"
