//! Commands for accountability series: three calls (commit, check in, review), the commitments of
//! the series with a progress note each, and the next series carrying over what is left. A
//! commitment is resolved in call 3 with the ordinary `resolve_commitment`.

use chrono::Utc;
use serde_json::Value;
use stint_core::calls::series::{Series, SeriesDraft};
use stint_core::commitment::Commitment;
use stint_core::live::Changes;
use tauri::{AppHandle, Runtime, State};

use super::calls::parse;
use super::error::CommandResult;
use super::publish::perform;
use crate::state::AppState;

const CALLS: fn(&Series) -> Changes = |_| Changes::CALLS;

#[tauri::command(async)]
pub fn create_series<R: Runtime>(app: AppHandle<R>, draft: Value) -> CommandResult<Series> {
    let draft: SeriesDraft = parse(draft)?;
    Ok(perform(&app, CALLS, |store, now| store.create_series(&draft, None, now))?)
}

/// Every series, oldest first, with its three calls.
#[tauri::command(async)]
pub fn list_series(state: State<'_, AppState>) -> CommandResult<Vec<Series>> {
    Ok(state.store.lock().series_list()?)
}

#[tauri::command(async)]
pub fn series_commitments(state: State<'_, AppState>, series_id: String) -> CommandResult<Vec<Commitment>> {
    Ok(state.store.lock().series_commitments(&series_id)?)
}

#[tauri::command(async)]
pub fn add_series_commitment(state: State<'_, AppState>, series_id: String, text: String) -> CommandResult<Commitment> {
    Ok(state.store.lock().add_series_commitment(&series_id, &text, Utc::now())?)
}

/// Sets (or clears, with `null`) a commitment's progress note — call 2 of a series.
#[tauri::command(async)]
pub fn note_commitment(state: State<'_, AppState>, id: i64, note: Option<String>) -> CommandResult<Commitment> {
    Ok(state.store.lock().note_commitment(id, note.as_deref())?)
}

/// Starts the series after `series_id`, carrying over its commitments that are left.
#[tauri::command(async)]
pub fn start_next_series<R: Runtime>(app: AppHandle<R>, series_id: String, draft: Value) -> CommandResult<Series> {
    let draft: SeriesDraft = parse(draft)?;
    Ok(perform(&app, CALLS, |store, now| store.start_next_series(&series_id, &draft, now))?)
}
