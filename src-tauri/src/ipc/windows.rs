//! Commands about Stint's windows: the About box and the mini timer.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::error::CommandResult;
use crate::desktop::data_dir::DATABASE_FILE;
use crate::state::AppState;

/// What the About box shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct About {
    pub version: String,
    /// The folder of the database and the settings.
    pub data_dir: String,
    pub db_path: String,
}

#[tauri::command]
pub fn about(state: State<'_, AppState>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir.display().to_string(),
        db_path: state.data_dir.join(DATABASE_FILE).display().to_string(),
    }
}

/// Shows or hides the mini timer window; returns whether it is now shown. Async: a window is created
/// off the main thread (a synchronous command creating one can deadlock on Windows).
#[tauri::command]
pub async fn toggle_mini_timer<R: Runtime>(app: AppHandle<R>) -> CommandResult<bool> {
    Ok(crate::desktop::mini::toggle(&app)?)
}
