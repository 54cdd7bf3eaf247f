//! Declares the app's own commands so the capability file can allow exactly them.

/// Every IPC command of `commands::handler`; a test checks the two lists agree.
const COMMANDS: &[&str] = &[
    "list_formats",
    "create_format",
    "update_format",
    "duplicate_format",
    "archive_format",
    "current_session",
    "start_session",
    "pause_session",
    "resume_session",
    "skip_phase",
    "stop_session",
    "extend_phase",
    "add_commitment",
    "edit_commitment",
    "resolve_commitment",
    "reopen_commitment",
    "history_sessions",
    "history_period",
    "history_overview",
    "session_detail",
    "edit_session",
    "delete_session",
    "export_history",
    "get_settings",
    "set_settings",
    "startup_report",
    "upcoming_calls",
    "list_calls",
    "create_call",
    "update_call",
    "delete_call",
    "set_call_reminders",
    "join_call",
    "open_link",
    "import_pack",
    "list_communities",
    "remove_community",
    "import_ics",
    "export_ics",
    "create_series",
    "list_series",
    "series_commitments",
    "add_series_commitment",
    "note_commitment",
    "start_next_series",
    "about",
    "toggle_mini_timer",
];

fn main() {
    bundle_pack();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}

/// Names the community pack to bake into this build (docs/packs.md, "Ship your community's installer"):
/// an absolute path, or one relative to the repository root.
const BUNDLED_PACK_ENV: &str = "STINT_BUNDLED_PACK";
/// The largest pack Stint imports (stint_core::pack::MAX_PACK_BYTES).
const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// Writes `$OUT_DIR/bundled_pack.rs`: `BUNDLED_PACK`, the bytes of the pack named by
/// `STINT_BUNDLED_PACK` (embedded with `include_bytes!`), or `None`. The app checks and imports it on
/// first run (src/bundled_pack.rs); here a missing or oversized file fails the build.
fn bundle_pack() {
    use std::path::{Path, PathBuf};
    println!("cargo:rerun-if-env-changed={BUNDLED_PACK_ENV}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_pack.rs");
    let value = match std::env::var(BUNDLED_PACK_ENV) {
        Ok(named) if !named.trim().is_empty() => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let path = std::fs::canonicalize(root.join(named.trim()))
                .unwrap_or_else(|e| panic!("{BUNDLED_PACK_ENV}={named}: {e}"));
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            assert!(
                path.to_string_lossy().ends_with(".stint.json") && size > 0 && size <= MAX_PACK_BYTES,
                "{BUNDLED_PACK_ENV}={named}: expected a .stint.json file of at most 1 MiB"
            );
            println!("cargo:rerun-if-changed={}", path.display());
            format!("Some(include_bytes!({:?}))", path.display().to_string())
        }
        _ => "None".to_string(),
    };
    let code = format!(
        "/// The community pack baked in at build time (`{BUNDLED_PACK_ENV}`), if any.\n\
         pub const BUNDLED_PACK: Option<&[u8]> = {value};\n"
    );
    std::fs::write(&out, code).expect("cannot write bundled_pack.rs");
}
