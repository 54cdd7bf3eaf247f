//! Where Stint keeps the user's files: the app's data dir, or `STINT_DATA_DIR` (the end-to-end tests
//! point it at a temp dir; a second data dir is a second Stint).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};

/// Overrides the data dir (the database and the settings).
pub const DATA_DIR_ENV: &str = "STINT_DATA_DIR";
pub const DATABASE_FILE: &str = "stint.db";

/// The directory of `stint.db` and `settings.json`.
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match overridden() {
        Some(dir) => Ok(dir),
        None => app.path().app_data_dir(),
    }
}

/// `STINT_DATA_DIR`, when it is set and not empty.
pub fn overridden() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()).map(PathBuf::from)
}
