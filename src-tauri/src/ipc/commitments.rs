//! Commands on a session's commitments. A change shows in every window's view of the session.

use stint_core::commitment::{Commitment, CommitmentStatus};
use stint_core::live::Changes;
use tauri::{AppHandle, Runtime};

use super::error::CommandResult;
use super::publish::perform;

const SESSION: fn(&Commitment) -> Changes = |_| Changes::SESSION;

#[tauri::command(async)]
pub fn add_commitment<R: Runtime>(app: AppHandle<R>, session_id: i64, text: String) -> CommandResult<Commitment> {
    Ok(perform(&app, SESSION, |store, now| store.add_commitment(session_id, &text, now))?)
}

#[tauri::command(async)]
pub fn edit_commitment<R: Runtime>(app: AppHandle<R>, id: i64, text: String) -> CommandResult<Commitment> {
    Ok(perform(&app, SESSION, |store, _| store.edit_commitment(id, &text))?)
}

#[tauri::command(async)]
pub fn resolve_commitment<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    status: CommitmentStatus,
    note: Option<String>,
) -> CommandResult<Commitment> {
    Ok(perform(&app, SESSION, |store, now| store.resolve_commitment(id, status, note.as_deref(), now))?)
}

#[tauri::command(async)]
pub fn reopen_commitment<R: Runtime>(app: AppHandle<R>, id: i64) -> CommandResult<Commitment> {
    Ok(perform(&app, SESSION, |store, _| store.reopen_commitment(id))?)
}
