//! Commands on the live session. Each is one call of `stint_core::live` — the same call the tray,
//! a notification's buttons and the global shortcut make — and returns the new view.

use stint_core::live::{self, StartRequest};
use stint_core::session_view::SessionView;
use stint_core::timeline::EventKind;
use tauri::{AppHandle, Runtime, State};

use super::error::CommandResult;
use super::publish::perform;
use crate::runner::clock::Clock;
use crate::runner::shifted_clock::app_clock;
use crate::state::AppState;

#[tauri::command(async)]
pub fn current_session(state: State<'_, AppState>) -> CommandResult<Option<SessionView>> {
    let mut store = state.store.lock();
    let now = app_clock().now();
    match store.active_session()? {
        Some(session) => Ok(Some(store.session_view(session.id, now)?)),
        None => Ok(None),
    }
}

/// Starts a session of `format_id` now (the built-in pomodoro with the lengths in Settings).
#[tauri::command(async)]
pub fn start_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format_id: String,
    commitments: Vec<String>,
) -> CommandResult<SessionView> {
    let request = StartRequest { format_id, commitments };
    let prefs = state.session_prefs();
    let outcome = perform(&app, |o: &live::Outcome| o.changes, |store, now| live::start(store, &request, &prefs, now))?;
    Ok(outcome.view)
}

#[tauri::command(async)]
pub fn pause_session<R: Runtime>(app: AppHandle<R>) -> CommandResult<SessionView> {
    act(&app, EventKind::Pause)
}

#[tauri::command(async)]
pub fn resume_session<R: Runtime>(app: AppHandle<R>) -> CommandResult<SessionView> {
    act(&app, EventKind::Resume)
}

#[tauri::command(async)]
pub fn skip_phase<R: Runtime>(app: AppHandle<R>) -> CommandResult<SessionView> {
    act(&app, EventKind::Skip)
}

#[tauri::command(async)]
pub fn stop_session<R: Runtime>(app: AppHandle<R>) -> CommandResult<SessionView> {
    act(&app, EventKind::Stop)
}

#[tauri::command(async)]
pub fn extend_phase<R: Runtime>(app: AppHandle<R>, seconds: u32) -> CommandResult<SessionView> {
    act(&app, EventKind::Extend { seconds })
}

/// `live::act` at this instant, told to the runner and every window.
pub fn act<R: Runtime>(app: &AppHandle<R>, action: EventKind) -> CommandResult<SessionView> {
    let outcome = perform(app, |o: &live::Outcome| o.changes, |store, now| live::act(store, action, now))?;
    Ok(outcome.view)
}
