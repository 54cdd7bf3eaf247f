#!/usr/bin/env bash
# `make test`: the gates, then every test layer, each step printing its wall and CPU time so a CI log
# shows where the time goes.
#
# The Windows type-check runs beside the other steps, at the lowest CPU priority (nice 19). It never
# waits on anything, so on its own it takes 10 minutes of both cores; beside the others it takes the
# CPU they leave idle — the Rust tests waiting on Synapse, the end-to-end specs on their timers, the
# update on dpkg — and gives the CPU back the moment they need it. Its log is printed when it ends,
# and a failure fails `make test` at the end, after the other steps have run.
#
# Every step's cargo runs with clippy-driver standing in for rustc on the workspace's own crates
# (scripts/lib/clippy-rustc): clippy lints them while the tests compile them, and every later step
# (bindings, end to end, update) reuses that one build because the wrapper is the same throughout.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
out="$repo/tests/out/test"
rm -rf "$out" && mkdir -p "$out"
export RUSTC_WORKSPACE_WRAPPER="$repo/scripts/lib/clippy-rustc"

step() { # name command...
  local name="$1"
  shift
  local TIMEFORMAT="make test: $name took %0R s (CPU %0U s user, %0S s system)"
  time "$@"
}
make_step() { step "$1" make --no-print-directory "$1"; }

step deps scripts/install-deps.sh

# The Windows check in its own session (so it and its compilers can be stopped together); its exit
# status and time go to files beside its log. Where the kernel groups each session for the scheduler
# (autogroup, on by default in Debian's kernels), a new session is one more equal share of the CPU
# whatever its processes' nice value, so the session's own group is lowered to nice 19 as well.
beside="$out/check-windows"
setsid nice -n 19 bash -c '
  echo 19 > /proc/self/autogroup 2>/dev/null || true
  TIMEFORMAT="make test: check-windows (beside the other steps) took %0R s (CPU %0U s user, %0S s system)"
  { time make --no-print-directory check-windows; } > "$1.log" 2>&1
  echo $? > "$1.status"' check-windows "$beside" &
beside_pid=$!
stop_beside() { kill -- "-$beside_pid" 2>/dev/null || true; }
trap stop_beside EXIT

make_step lint-sources
make_step lint-workflows
make_step test-rust
make_step check-bindings
make_step test-ui
make_step test-e2e
make_step test-update

if [[ ! -f "$beside.status" ]]; then
  echo "make test: waiting for the Windows type-check, which runs beside the other steps"
fi
waited=$SECONDS
wait "$beside_pid" || true
trap - EXIT
cat "$beside.log"
echo "make test: the other steps waited $((SECONDS - waited)) s for the Windows type-check at the end"
status="$(cat "$beside.status" 2>/dev/null || echo 1)"
if [[ "$status" != 0 ]]; then
  echo "make test: the Windows type-check FAILED (exit $status); its log is above and in $beside.log" >&2
  exit 1
fi
echo "make test: every step passed"
