//! Commands of the Calls view: scheduled calls, their upcoming occurrences, reminders, joining an
//! occurrence (the timer synced by schedule) and opening its join link. Every change tells the UI
//! (`calls-changed`) and the runner (which re-reads the next reminder) through `publish`.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use stint_core::calls::Call;
use stint_core::live::{self, Changes, JoinTarget};
use stint_core::session_view::SessionView;
use stint_core::store::StoredCall;
use stint_core::upcoming::UpcomingOccurrence;
use stint_core::Error;
use tauri::{AppHandle, Runtime, State};

use super::error::CommandResult;
use super::events;
use super::publish::perform;
use crate::desktop::links::Links;
use crate::state::AppState;

const CALLS: fn(&StoredCall) -> Changes = |_| Changes::CALLS;

/// The occurrences of the next `days` days (1–366), one in progress included, in time order.
#[tauri::command(async)]
pub fn upcoming_calls(state: State<'_, AppState>, days: u32) -> CommandResult<Vec<UpcomingOccurrence>> {
    Ok(state.store.lock().upcoming_view(Utc::now(), days)?)
}

#[tauri::command(async)]
pub fn list_calls(state: State<'_, AppState>) -> CommandResult<Vec<StoredCall>> {
    Ok(state.store.lock().calls()?)
}

/// Stores a personal call (its `id` is made from the title).
#[tauri::command(async)]
pub fn create_call<R: Runtime>(app: AppHandle<R>, call: Value) -> CommandResult<StoredCall> {
    let call: Call = parse(call)?;
    Ok(perform(&app, CALLS, |store, now| store.create_call(call, now))?)
}

#[tauri::command(async)]
pub fn update_call<R: Runtime>(app: AppHandle<R>, id: String, call: Value) -> CommandResult<StoredCall> {
    let call: Call = parse(call)?;
    Ok(perform(&app, CALLS, |store, _| store.update_call(&id, call))?)
}

#[tauri::command(async)]
pub fn delete_call<R: Runtime>(app: AppHandle<R>, id: String) -> CommandResult<()> {
    Ok(perform(&app, |_| Changes::CALLS, |store, _| store.delete_call(&id))?)
}

#[tauri::command(async)]
pub fn set_call_reminders<R: Runtime>(app: AppHandle<R>, id: String, enabled: bool) -> CommandResult<StoredCall> {
    Ok(perform(&app, CALLS, |store, _| store.set_call_reminders(&id, enabled))?)
}

/// Joins the occurrence of `call_id` that starts at `occurrence_start`: starts its session at the
/// scheduled start (so a late joiner is in the call's current phase), wakes the runner, and opens the
/// join link if the call has one (a link that will not open is reported with a `notice`). Another
/// session running is a `conflict` unless `replace_running`, which stops it in the same transaction.
#[tauri::command(async)]
pub fn join_call<R: Runtime>(
    app: AppHandle<R>,
    links: State<'_, Links>,
    call_id: String,
    occurrence_start: DateTime<Utc>,
    replace_running: Option<bool>,
) -> CommandResult<SessionView> {
    let target = JoinTarget { call_id, occurrence_start };
    join(&app, &links, &target, replace_running.unwrap_or(false))
}

/// Opens a join link (validated first: https, http or a meeting app's scheme; anything else is
/// `invalid_input` with field `join_link`).
#[tauri::command(async)]
pub fn open_link(links: State<'_, Links>, url: String) -> CommandResult<()> {
    Ok(links.open(&url)?)
}

/// Reads a call or series draft from the UI so that a wrong value (an unknown time zone, a date that
/// is not one) is `invalid_input` naming its place, like every other bad input.
pub(super) fn parse<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        log::warn!("a call from the window does not read at {path}: {}", e.inner());
        Error::told(
            if path == "." { "value".to_string() } else { path },
            stint_core::i18n::Msg::new("error_call_value_unreadable"),
        )
    })
}

/// `live::join` at this instant, told to the runner and every window; then opens the call's link
/// (a link that will not open is reported with a `notice`: the session has started either way).
pub fn join<R: Runtime>(
    app: &AppHandle<R>,
    links: &Links,
    target: &JoinTarget,
    replace_running: bool,
) -> CommandResult<SessionView> {
    let joined = perform(
        app,
        |j: &live::Joined| j.outcome.changes,
        |store, now| live::join(store, target, replace_running, now),
    )?;
    super::call_rooms::enter_room_of(app, &target.call_id);
    if let Some(link) = joined.join_link {
        if let Err(e) = links.open(&link) {
            let words = stint_core::i18n::Msg::new("error_notice_join_link").said("problem", e.words());
            events::notice(app, words.render_in(super::error::speech()), true);
        }
    }
    Ok(joined.outcome.view)
}

#[cfg(test)]
mod tests;
