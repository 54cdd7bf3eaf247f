//! Commands of the Calls view: scheduled calls, their upcoming occurrences, reminders, joining an
//! occurrence (the timer synced by schedule) and opening its join link. Every change tells the UI
//! (`calls-changed`) and the runner (which re-reads the next reminder).

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use stint_core::calls::Call;
use stint_core::session_view::SessionView;
use stint_core::store::StoredCall;
use stint_core::timeline::{Event, EventKind};
use stint_core::upcoming::UpcomingOccurrence;
use stint_core::Error;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::call_events;
use crate::error::CommandResult;
use crate::links::Links;
use crate::reminders::JoinTarget;
use crate::runner::Message;
use crate::state::AppState;

/// The occurrences of the next `days` days (1–366), one in progress included, in time order.
#[tauri::command]
pub fn upcoming_calls(state: State<'_, AppState>, days: u32) -> CommandResult<Vec<UpcomingOccurrence>> {
    Ok(state.store.lock().upcoming_view(Utc::now(), days)?)
}

#[tauri::command]
pub fn list_calls(state: State<'_, AppState>) -> CommandResult<Vec<StoredCall>> {
    Ok(state.store.lock().calls()?)
}

/// Stores a personal call (its `id` is made from the title).
#[tauri::command]
pub fn create_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    call: Value,
) -> CommandResult<StoredCall> {
    let call: Call = parse(call)?;
    let stored = state.store.lock().create_call(call, Utc::now())?;
    call_events::calls_changed(&app, &state.runner);
    Ok(stored)
}

#[tauri::command]
pub fn update_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    call: Value,
) -> CommandResult<StoredCall> {
    let call: Call = parse(call)?;
    let stored = state.store.lock().update_call(&id, call)?;
    call_events::calls_changed(&app, &state.runner);
    Ok(stored)
}

#[tauri::command]
pub fn delete_call<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.store.lock().delete_call(&id)?;
    call_events::calls_changed(&app, &state.runner);
    Ok(())
}

#[tauri::command]
pub fn set_call_reminders<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    enabled: bool,
) -> CommandResult<StoredCall> {
    let stored = state.store.lock().set_call_reminders(&id, enabled)?;
    call_events::calls_changed(&app, &state.runner);
    Ok(stored)
}

/// Joins the occurrence of `call_id` that starts at `occurrence_start`: starts its session at the
/// scheduled start (so a late joiner is in the call's current phase), wakes the runner, and opens the
/// join link if the call has one (a link that will not open is reported with a `notice`). Another
/// session running is a `conflict` unless `replace_running`, which stops it first.
#[tauri::command]
pub fn join_call<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    links: State<'_, Links>,
    call_id: String,
    occurrence_start: DateTime<Utc>,
    replace_running: Option<bool>,
) -> CommandResult<SessionView> {
    let target = JoinTarget { call_id, occurrence_start };
    join(&app, &state, &links, &target, replace_running.unwrap_or(false))
}

/// Opens a join link (validated first: https, http or a meeting app's scheme; anything else is
/// `invalid_input` with field `join_link`).
#[tauri::command]
pub fn open_link(links: State<'_, Links>, url: String) -> CommandResult<()> {
    Ok(links.open(&url)?)
}

/// Reads a call or series draft from the UI so that a wrong value (an unknown time zone, a date that
/// is not one) is `invalid_input` naming its place, like every other bad input.
pub(super) fn parse<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Error::invalid(if path == "." { "value".to_string() } else { path }, e.into_inner().to_string())
    })
}

/// "Join" on a reminder: the user asked for this call, so a session running is stopped first.
pub fn join_from_reminder<R: Runtime>(app: &AppHandle<R>, target: &JoinTarget) {
    let (Some(state), Some(links)) = (app.try_state::<AppState>(), app.try_state::<Links>()) else { return };
    match join(app, &state, &links, target, true) {
        Ok(_) => crate::tray::show_main_window(app),
        Err(e) => call_events::notice(app, format!("Cannot join the call: {}", e.0), true),
    }
}

fn join<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    links: &Links,
    target: &JoinTarget,
    replace_running: bool,
) -> CommandResult<SessionView> {
    let now = Utc::now();
    let (view, link) = {
        let mut store = state.store.lock();
        let session = match store.join_call(&target.call_id, target.occurrence_start, now) {
            Err(Error::Conflict(_)) if replace_running => {
                // Nothing else was wrong (an unknown call or a bad instant is refused before the
                // conflict), so stopping the running session does not leave the user with neither.
                if let Some(running) = store.active_session()? {
                    store.append_event(running.id, Event { at: now, kind: EventKind::Stop })?;
                }
                store.join_call(&target.call_id, target.occurrence_start, now)?
            }
            other => other?,
        };
        let link = store.call(&target.call_id)?.call.join_link;
        (store.session_view(session.id, now)?, link)
    };
    state.runner.send(Message::Reload);
    if let Some(link) = link {
        if let Err(e) = links.open(&link) {
            call_events::notice(app, format!("Joined, but the call's link did not open: {e}"), true);
        }
    }
    Ok(view)
}

#[cfg(test)]
mod tests;
