//! The IPC commands: each parses its arguments, calls the core, maps the error, returns.
//! Session changes also wake the runner, which re-arms its timer and tells every window.

use chrono::Utc;
use chrono_tz::Tz;
use serde::Serialize;
use stint_core::commitment::{Commitment, CommitmentStatus};
use stint_core::format::{Format, FormatDraft};
use stint_core::session_view::SessionView;
use stint_core::timeline::{Event, EventKind};
use stint_core::Error;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::CommandResult;
use crate::runner::{Message, SessionId};
use crate::settings::Settings;
use crate::state::AppState;

pub mod calls;
pub mod communities;
pub mod history;
pub mod series;

/// The invoke handler with every command; `build.rs` lists the same names for the capability.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        list_formats,
        create_format,
        update_format,
        duplicate_format,
        archive_format,
        current_session,
        start_session,
        pause_session,
        resume_session,
        skip_phase,
        stop_session,
        extend_phase,
        add_commitment,
        edit_commitment,
        resolve_commitment,
        reopen_commitment,
        history::history_sessions,
        history::history_period,
        history::history_overview,
        history::session_detail,
        history::edit_session,
        history::delete_session,
        history::export_history,
        get_settings,
        set_settings,
        startup_report,
        calls::upcoming_calls,
        calls::list_calls,
        calls::create_call,
        calls::update_call,
        calls::delete_call,
        calls::set_call_reminders,
        calls::join_call,
        calls::open_link,
        communities::import_pack,
        communities::list_communities,
        communities::remove_community,
        communities::import_ics,
        communities::export_ics,
        series::create_series,
        series::list_series,
        series::series_commitments,
        series::add_series_commitment,
        series::note_commitment,
        series::start_next_series,
        about,
        toggle_mini_timer,
    ]
}

// Formats

#[tauri::command]
pub fn list_formats(state: State<'_, AppState>, include_archived: bool) -> CommandResult<Vec<Format>> {
    Ok(state.store.lock().list_formats(include_archived)?)
}

#[tauri::command]
pub fn create_format(state: State<'_, AppState>, draft: FormatDraft) -> CommandResult<Format> {
    Ok(state.store.lock().create_format(draft)?)
}

#[tauri::command]
pub fn update_format(state: State<'_, AppState>, id: String, draft: FormatDraft) -> CommandResult<Format> {
    Ok(state.store.lock().update_format(&id, draft)?)
}

#[tauri::command]
pub fn duplicate_format(state: State<'_, AppState>, id: String) -> CommandResult<Format> {
    Ok(state.store.lock().duplicate_format(&id)?)
}

#[tauri::command]
pub fn archive_format(state: State<'_, AppState>, id: String, archived: bool) -> CommandResult<Format> {
    Ok(state.store.lock().archive_format(&id, archived)?)
}

// The live session

#[tauri::command]
pub fn current_session(state: State<'_, AppState>) -> CommandResult<Option<SessionView>> {
    let mut store = state.store.lock();
    let now = Utc::now();
    match store.active_session()? {
        Some(session) => Ok(Some(store.session_view(session.id, now)?)),
        None => Ok(None),
    }
}

#[tauri::command]
pub fn start_session(
    state: State<'_, AppState>,
    format_id: String,
    commitments: Vec<String>,
) -> CommandResult<SessionView> {
    start(&state, &format_id, &commitments)
}

/// The built-in format whose lengths come from Settings.
const POMODORO: &str = "pomodoro";

/// Starts a session of `format_id` now (the pomodoro with the user's lengths) and wakes the runner.
fn start(state: &AppState, format_id: &str, commitments: &[String]) -> CommandResult<SessionView> {
    let now = Utc::now();
    let view = {
        let mut store = state.store.lock();
        let session = if format_id == POMODORO {
            store.start_session_with_draft(format_id, state.settings().pomodoro(), now, commitments)?
        } else {
            store.start_session(format_id, now, commitments)?
        };
        store.session_view(session.id, now)?
    };
    state.runner.send(Message::Reload);
    Ok(view)
}

/// The tray's and the global shortcut's "Start": a pomodoro with the user's lengths.
pub fn start_default_session(state: &AppState) -> CommandResult<SessionView> {
    start(state, POMODORO, &[])
}

#[tauri::command]
pub fn pause_session(state: State<'_, AppState>) -> CommandResult<SessionView> {
    act(&state, EventKind::Pause)
}

#[tauri::command]
pub fn resume_session(state: State<'_, AppState>) -> CommandResult<SessionView> {
    act(&state, EventKind::Resume)
}

#[tauri::command]
pub fn skip_phase(state: State<'_, AppState>) -> CommandResult<SessionView> {
    act(&state, EventKind::Skip)
}

#[tauri::command]
pub fn stop_session(state: State<'_, AppState>) -> CommandResult<SessionView> {
    act(&state, EventKind::Stop)
}

#[tauri::command]
pub fn extend_phase(state: State<'_, AppState>, seconds: u32) -> CommandResult<SessionView> {
    act(&state, EventKind::Extend { seconds })
}

/// Persists `kind` on the live session at this instant, then wakes the runner.
fn act(state: &AppState, kind: EventKind) -> CommandResult<SessionView> {
    let now = Utc::now();
    let view = {
        let mut store = state.store.lock();
        let session = store.active_session()?.ok_or_else(|| Error::Conflict("no session is running".into()))?;
        store.append_event(session.id, Event { at: now, kind })?;
        store.session_view(session.id, now)?
    };
    state.runner.send(Message::Reload);
    Ok(view)
}

// Commitments

#[tauri::command]
pub fn add_commitment(state: State<'_, AppState>, session_id: SessionId, text: String) -> CommandResult<Commitment> {
    let commitment = state.store.lock().add_commitment(session_id, &text, Utc::now())?;
    state.runner.send(Message::Reload);
    Ok(commitment)
}

#[tauri::command]
pub fn edit_commitment(state: State<'_, AppState>, id: i64, text: String) -> CommandResult<Commitment> {
    let commitment = state.store.lock().edit_commitment(id, &text)?;
    state.runner.send(Message::Reload);
    Ok(commitment)
}

#[tauri::command]
pub fn resolve_commitment(
    state: State<'_, AppState>,
    id: i64,
    status: CommitmentStatus,
    note: Option<String>,
) -> CommandResult<Commitment> {
    let commitment = state.store.lock().resolve_commitment(id, status, note.as_deref(), Utc::now())?;
    state.runner.send(Message::Reload);
    Ok(commitment)
}

#[tauri::command]
pub fn reopen_commitment(state: State<'_, AppState>, id: i64) -> CommandResult<Commitment> {
    let commitment = state.store.lock().reopen_commitment(id)?;
    state.runner.send(Message::Reload);
    Ok(commitment)
}

/// The user's IANA time zone (days in History are local days); UTC if it cannot be told.
pub(crate) fn local_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC)
}

// Settings and start-up

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command]
pub fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> CommandResult<Settings> {
    let settings = settings.normalized();
    settings.validate()?;
    let store = tauri_plugin_store::StoreBuilder::new(&app, &state.settings_path)
        .build()
        .map_err(|e| Error::Storage(format!("cannot open the settings file: {e}")))?;
    for (key, value) in crate::settings::to_entries(&settings) {
        store.set(key, value);
    }
    store.save().map_err(|e| Error::Storage(format!("cannot save the settings: {e}")))?;
    let before = std::mem::replace(
        &mut *state.settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        settings.clone(),
    );
    state.notifier.set_sound(settings.sound);
    state.runner.send(Message::Settings((&settings).into()));
    // Saved either way; what the desktop refused is reported, not an error.
    for problem in crate::desktop::apply(state.desktop.as_ref(), Some(&before), &settings) {
        crate::call_events::notice(&app, problem, true);
    }
    Ok(settings)
}

#[tauri::command]
pub fn startup_report(state: State<'_, AppState>) -> Vec<String> {
    state.startup_report()
}

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
        db_path: state.data_dir.join(crate::DATABASE_FILE).display().to_string(),
    }
}

/// Shows or hides the mini timer window; returns whether it is now shown. Async: a window is created
/// off the main thread (a synchronous command creating one can deadlock on Windows).
#[tauri::command]
pub async fn toggle_mini_timer<R: Runtime>(app: AppHandle<R>) -> CommandResult<bool> {
    Ok(crate::mini::toggle(&app)?)
}

#[cfg(test)]
mod tests;
