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
    "history_overview",
    "delete_session",
    "export_history",
    "get_settings",
    "set_settings",
    "startup_report",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
