# Stint — the commands. Every target installs what it needs first (scripts/install-deps.sh, a fast
# no-op once everything is there) and can be run again at any time.
#
#   make run      build the app and start it          (headless: xvfb-run make run)
#   make test     the gates (fmt, clippy as the tests build, svelte-check, workflow lint), then every
#                 test layer: Rust, bindings, UI, end-to-end, the signed update, and beside them the
#                 Windows type-check (scripts/test.sh)
#   make dist     the release .deb and .rpm (target/release/bundle/), their contents checked
#   make dist-community PACK=packs/x.stint.json NAME="X Cowork" ICON=x.png   a community's installers
#   make deb-check    install the built .deb, start it headless, uninstall it (root or sudo)
#   make test-update  the signed update end to end: .deb N installs N+1 from a loopback server (root or sudo)
#   make check-windows  type-check the workspace for Windows (Debian's rustc-web and MinGW-w64)
#   make check-macos    type-check the workspace for macOS (the same toolchain; not in make test: 19 CPU-minutes)
#   make bench    the history and calls benchmarks and the footprint measurement
#   make screenshots  the README's screenshots (docs/screenshots/), from the real app
#
# Cargo's target directory is ./target unless CARGO_TARGET_DIR says otherwise.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
APP := $(TARGET_DIR)/debug/stint
# The tests build the workspace once with the app's release feature (custom-protocol: the UI served
# from inside the binary), and the end-to-end suite drives the app binary from that same build: with
# one feature set, Cargo compiles Tauri and its dependencies once for both instead of twice.
TEST_BUILD := --workspace --features stint/custom-protocol
BINDINGS := ui/src/lib/bindings

# tauri-driver is installed by `cargo install`, which puts it here; make sure it is found.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

.PHONY: help deps ui build run test lint lint-sources test-rust check-bindings test-ui test-e2e test-update check-windows check-macos lint-workflows \
  dist dist-community deb-check bench screenshots

help:
	@sed -n 's/^#   make /  make /p' Makefile

deps:
	@scripts/install-deps.sh

ui: deps
	npm --prefix ui run build

# custom-protocol: serve the built UI (ui/dist) from inside the binary, as a release does.
build: ui
	cargo build -p stint --features custom-protocol

run: build
	$(APP)

# scripts/test.sh runs the steps below in order, each printing its wall and CPU time, with clippy
# linting the workspace's crates as the tests compile them, and the Windows type-check beside the
# others at the lowest priority (the script's header says why).
test:
	@scripts/test.sh

# The gates: formatting, clippy with warnings denied (the shell embeds ui/dist, so the UI is built
# first), and the type checks of the UI and of the end-to-end specs. `make test` runs lint-sources
# and gets clippy's lints from its test build instead.
lint: lint-sources
	cargo clippy --workspace --all-targets -- -D warnings

lint-sources: ui
	cargo fmt --all --check
	npm --prefix ui run check
	npm --prefix tests/e2e run --silent typecheck

# The shell embeds ui/dist when it compiles, so the UI is built first (also on a fresh clone).
# Four test threads on two cores: the shell's tests mostly wait (on Synapse, on long-polls, on time
# limits) — 122 s of wall time for 50 s of CPU with two threads, 68 s with four.
test-rust: ui
	cargo test $(TEST_BUILD) -- --test-threads=4

# What is generated from the Rust side must be committed exactly as generated: the TypeScript twins
# of the Rust types and the IPC names (written when the tests run), and the windows' capabilities
# (written by src-tauri/build.rs from src-tauri/src/ipc/surface.rs).
GENERATED := $(BINDINGS) src-tauri/capabilities
check-bindings:
	cargo test $(TEST_BUILD) --quiet export_bindings >/dev/null
	@if ! git diff --exit-code --stat -- $(GENERATED); then \
	  echo "check-bindings: $(GENERATED) is stale; commit what \`cargo test\` generated" >&2; exit 1; fi
	@untracked="$$(git ls-files --others --exclude-standard -- $(GENERATED))"; \
	if [[ -n "$$untracked" ]]; then \
	  echo "check-bindings: generated but not committed:" $$untracked >&2; exit 1; fi
	@echo "check-bindings: $(GENERATED) is up to date"

test-ui: deps
	CI=true npm --prefix ui test

# The app under test is built as `make test-rust` builds it (all targets, so dev-dependencies' features
# are the same), which makes this build a link step after the Rust tests.
# One spec alone: make test-e2e SPEC=specs/pack-import.e2e.ts (a path under tests/e2e).
test-e2e: ui
	cargo build $(TEST_BUILD) --all-targets
	STINT_APP=$(APP) scripts/e2e.sh $(if $(SPEC),--spec $(SPEC))

# Builds .deb N and N+1 in debug (sharing test-e2e's build), installs N, and watches it refuse a
# downgrade and a bad signature, then install N+1 and restart into it (scripts/update-e2e.sh).
test-update: ui
	scripts/update-e2e.sh

screenshots: build
	STINT_APP=$(APP) scripts/screenshots.sh

# The Windows type-check (its own target dir, <target>/windows) and the workflows' lint (actionlint,
# offline) with the release manifest's tests.
check-windows: deps
	scripts/check-windows.sh

# The macOS type-check (<target>/macos, stand-in C compilers): not in `make test`, since a first run
# builds std and every dependency for the target (19 minutes of CPU; docs/platforms.md).
check-macos: deps
	scripts/check-macos.sh

lint-workflows: deps
	npm --prefix tests/workflows test --silent

# The installers pack the UI as built from this checkout (make ui), then scripts/dist.sh builds them
# with the Tauri CLI (ui/package.json's @tauri-apps/cli) and checks their contents.
dist: ui
	scripts/dist.sh

dist-community: ui
	@[[ -n "$(PACK)" && -n "$(NAME)" && -n "$(ICON)" ]] || { echo 'dist-community: usage: make dist-community PACK=packs/x.stint.json NAME="X Coworking" ICON=path/to/icon.png' >&2; exit 1; }
	scripts/dist.sh --community "$(PACK)" "$(NAME)" "$(ICON)"

deb-check: deps
	scripts/deb-check.sh

bench: deps
	cargo run --release -p stint-core --example history_bench
	cargo run --release -p stint-core --example calls_bench
	scripts/footprint.sh
