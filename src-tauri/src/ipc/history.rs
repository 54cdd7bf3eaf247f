//! Commands of the History view: sessions page by page, the overview, deleting, exporting.

use std::path::{Path, PathBuf};

use chrono::Utc;
use chrono_tz::Tz;
use stint_core::live::Changes;
use stint_core::store::{ExportKind, HistoryOverview, SessionSummary};
use stint_core::Error;
use tauri::{AppHandle, Runtime, State};

use super::error::CommandResult;
use super::publish::perform;
use crate::state::AppState;

#[tauri::command(async)]
pub fn history_sessions(
    state: State<'_, AppState>,
    before_id: Option<i64>,
    limit: u32,
) -> CommandResult<Vec<SessionSummary>> {
    Ok(state.store.lock().sessions_page(before_id, limit)?)
}

#[tauri::command(async)]
pub fn history_overview(state: State<'_, AppState>, days: u32) -> CommandResult<HistoryOverview> {
    let zone = local_zone();
    let today = Utc::now().with_timezone(&zone).date_naive();
    Ok(state.store.lock().history_overview(today, zone, days)?)
}

#[tauri::command(async)]
pub fn delete_session<R: Runtime>(app: AppHandle<R>, id: i64) -> CommandResult<()> {
    Ok(perform(&app, |_| Changes::SESSION, |store, _| store.delete_session(id))?)
}

#[tauri::command(async)]
pub fn export_history(state: State<'_, AppState>, kind: ExportKind, path: String) -> CommandResult<Vec<String>> {
    let dir = export_dir(Path::new(&path))?;
    let written = state.store.lock().export(kind, &dir, chrono::Utc::now())?;
    Ok(written.into_iter().map(|p| p.display().to_string()).collect())
}

/// The export is written into a directory: `path` itself if it is one, else the directory of the
/// file the user picked in a save dialog.
fn export_dir(path: &Path) -> Result<PathBuf, Error> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "choose where to save the export"));
    }
    if path.is_dir() {
        return Ok(path.to_path_buf());
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => Ok(parent.to_path_buf()),
        _ => Err(Error::invalid("path", format!("{} is not in a directory", path.display()))),
    }
}

/// The user's IANA time zone (days in History are local days); UTC if it cannot be told.
pub(crate) fn local_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC)
}
