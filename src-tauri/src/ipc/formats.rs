//! Commands of the Formats view: the built-in and the user's formats.

use stint_core::format::{Format, FormatDraft};
use tauri::State;

use super::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_formats(state: State<'_, AppState>, include_archived: bool) -> CommandResult<Vec<Format>> {
    let formats = state.store.lock().list_formats(include_archived)?;
    Ok(state.session_prefs().pomodoro.shown_in(formats))
}

#[tauri::command(async)]
pub fn create_format(state: State<'_, AppState>, draft: FormatDraft) -> CommandResult<Format> {
    Ok(state.store.lock().create_format(draft, chrono::Utc::now())?)
}

#[tauri::command(async)]
pub fn update_format(state: State<'_, AppState>, id: String, draft: FormatDraft) -> CommandResult<Format> {
    Ok(state.store.lock().update_format(&id, draft)?)
}

#[tauri::command(async)]
pub fn duplicate_format(state: State<'_, AppState>, id: String) -> CommandResult<Format> {
    Ok(state.store.lock().duplicate_format(&id, chrono::Utc::now())?)
}

#[tauri::command(async)]
pub fn archive_format(state: State<'_, AppState>, id: String, archived: bool) -> CommandResult<Format> {
    Ok(state.store.lock().archive_format(&id, archived)?)
}
