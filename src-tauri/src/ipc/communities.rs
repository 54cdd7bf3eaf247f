//! Commands for community packs and calendar files: import (from a path the UI's open dialog
//! picked), list, remove, and calendar export.

use std::path::{Path, PathBuf};

use chrono::Utc;
use stint_core::ics::{IcsImport, IcsImportOptions, MAX_ICS_BYTES};
use stint_core::store::{Community, PackImport};
use stint_core::Error;
use tauri::{AppHandle, Runtime, State};

use crate::call_events;
use crate::error::CommandResult;
use crate::packs::{self, read_limited};
use crate::state::AppState;

/// The format of calendar events that do not name one.
const DEFAULT_ICS_FORMAT: &str = "pomodoro";

/// Imports the community pack file at `path` (at most 1 MiB). A malformed pack is `invalid_input`
/// naming its JSON path (or line and column), and nothing is stored.
#[tauri::command]
pub fn import_pack<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> CommandResult<PackImport> {
    Ok(packs::import_file(&app, &state, &path)?)
}

/// The installed communities by name (without their logos).
#[tauri::command]
pub fn list_communities(state: State<'_, AppState>) -> CommandResult<Vec<Community>> {
    Ok(state.store.lock().communities()?)
}

/// Removes a community with its formats and calls; history stays.
#[tauri::command]
pub fn remove_community<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.store.lock().remove_community(&id)?;
    call_events::packs_changed(&app, &state.runner);
    Ok(())
}

/// Imports the calendar file at `path` (at most 1 MiB) as personal calls; floating times are in the
/// user's zone; events naming no format use `default_format_id` (the pomodoro if not given).
#[tauri::command]
pub fn import_ics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
    default_format_id: Option<String>,
) -> CommandResult<IcsImport> {
    let bytes = read_limited(&path, MAX_ICS_BYTES, "path")?;
    let text = String::from_utf8(bytes).map_err(|_| Error::invalid("path", "the calendar file is not UTF-8 text"))?;
    let options = IcsImportOptions {
        default_zone: super::local_zone(),
        default_format_id: default_format_id.unwrap_or_else(|| DEFAULT_ICS_FORMAT.to_string()),
    };
    let imported = state.store.lock().import_ics(&text, &options, Utc::now())?;
    call_events::calls_changed(&app, &state.runner);
    Ok(imported)
}

/// Writes every call (series included) to the .ics file at `path` (from a save dialog); returns it.
#[tauri::command]
pub fn export_ics(state: State<'_, AppState>, path: PathBuf) -> CommandResult<String> {
    check_save_path(&path)?;
    let text = state.store.lock().export_ics(Utc::now())?;
    std::fs::write(&path, text).map_err(|e| Error::invalid("path", format!("cannot write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

fn check_save_path(path: &Path) -> Result<(), Error> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "choose where to save the calendar"));
    }
    match path.parent() {
        Some(dir) if dir.is_dir() => Ok(()),
        _ => Err(Error::invalid("path", format!("{} is not in an existing directory", path.display()))),
    }
}
