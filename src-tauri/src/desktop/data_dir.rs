//! Where Stint keeps the user's files: the app's data dir, or `STINT_DATA_DIR` (the end-to-end tests
//! point it at a temp dir; a second data dir is a second Stint).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};

/// Overrides the data dir (the database and the settings).
pub const DATA_DIR_ENV: &str = "STINT_DATA_DIR";
pub const DATABASE_FILE: &str = "stint.db";

/// The directory of `stint.db` and `settings.json`.
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    for_identifier(&app.config().identifier).ok_or(tauri::Error::UnknownPath)
}

/// The same directory before there is an app (a second launch hands over before Tauri starts):
/// `STINT_DATA_DIR`, else the platform's data dir joined with the app's identifier — what Tauri's
/// `app_data_dir` gives (Stint sets no `appDirectoriesOverride`). `None` when the platform has no
/// data dir (no home directory).
pub fn for_identifier(identifier: &str) -> Option<PathBuf> {
    overridden().or_else(|| dirs::data_dir().map(|dir| dir.join(identifier)))
}

/// `STINT_DATA_DIR`, when it is set and not empty.
pub fn overridden() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()).map(PathBuf::from)
}
