//! How a change reaches its listeners. Core's actions say what they changed (`Changes`); this is the
//! one place that turns that into the runner's messages and the UI's events, for every entry point
//! alike — no command has to remember whom to tell.

use chrono::Utc;
use stint_core::live::Changes;
use stint_core::store::Store;
use stint_core::Result;
use tauri::{AppHandle, Manager, Runtime};

use super::events::{emit, CALLS_CHANGED, PACKS_CHANGED};
use crate::runner::clock::Clock;
use crate::runner::shifted_clock::app_clock;
use crate::runner::Message;
use crate::state::AppState;

/// Tells whoever listens what changed: a session change wakes the runner, which shows the new view
/// in every window (`session-changed`); a calls change reloads the Calls view and the next reminder.
pub fn publish<R: Runtime>(app: &AppHandle<R>, changes: Changes) {
    let Some(state) = app.try_state::<AppState>() else { return };
    if changes.session {
        state.runner.send(Message::Reload);
    }
    if changes.calls {
        state.runner.send(Message::CallsChanged);
        emit(app, CALLS_CHANGED, ());
    }
}

/// After a pack was installed, updated or removed: the communities list, and the calls with it.
pub fn packs_changed<R: Runtime>(app: &AppHandle<R>) {
    emit(app, PACKS_CHANGED, ());
    publish(app, Changes::CALLS);
}

/// Runs one core call on the store at this instant, then tells the listeners what it changed.
pub fn perform<R: Runtime, T>(
    app: &AppHandle<R>,
    changes: impl Fn(&T) -> Changes,
    action: impl FnOnce(&mut Store, chrono::DateTime<Utc>) -> Result<T>,
) -> Result<T> {
    let state = app.state::<AppState>();
    let done = action(&mut state.store.lock(), app_clock().now())?;
    publish(app, changes(&done));
    Ok(done)
}
