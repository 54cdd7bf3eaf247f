//! What the shell tells the UI about calls and packs, and the runner about reminders.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::runner::{Message, RunnerHandle};

/// Sent after any change to the stored calls (created, edited, deleted, reminders switched, a pack
/// or calendar file imported, a pack removed, a series started). No payload.
pub const CALLS_CHANGED: &str = "calls-changed";
/// Sent after a community pack was installed, updated or removed. No payload.
pub const PACKS_CHANGED: &str = "packs-changed";
/// Something to tell the user that no command returned: a pack dropped on the window or opened by a
/// `stint://` link, a join link that would not open.
pub const NOTICE: &str = "notice";

/// Payload of `notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UiNotice {
    pub message: String,
    /// An error (shown as an alert) rather than news.
    pub error: bool,
}

/// Tells the UI and the runner that the calls changed.
pub fn calls_changed<R: Runtime>(app: &AppHandle<R>, runner: &RunnerHandle) {
    runner.send(Message::CallsChanged);
    emit(app, CALLS_CHANGED, ());
}

/// Tells the UI that the installed packs changed (and so did the calls).
pub fn packs_changed<R: Runtime>(app: &AppHandle<R>, runner: &RunnerHandle) {
    emit(app, PACKS_CHANGED, ());
    calls_changed(app, runner);
}

pub fn notice<R: Runtime>(app: &AppHandle<R>, message: impl Into<String>, error: bool) {
    let message = message.into();
    if error {
        log::warn!("{message}");
    }
    emit(app, NOTICE, UiNotice { message, error });
}

fn emit<R: Runtime>(app: &AppHandle<R>, event: &str, payload: impl Serialize + Clone) {
    if let Err(e) = app.emit(event, payload) {
        log::warn!("cannot emit {event}: {e}");
    }
}
