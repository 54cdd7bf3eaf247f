//! The events the backend sends the UI, with their payloads. The UI listens to them through
//! `ui/src/lib/api.ts`.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

/// The live session changed; the payload is its `SessionView`, or `null` when none is live.
pub const SESSION_CHANGED: &str = "session-changed";
/// A notification could not be shown. Payload: `NotificationFailure`.
pub const NOTIFICATION_FAILED: &str = "notification-failed";
/// The stored calls changed (created, edited, deleted, reminders switched, a pack or calendar file
/// imported, a pack removed, a series started). No payload.
pub const CALLS_CHANGED: &str = "calls-changed";
/// A community pack was installed, updated or removed. No payload.
pub const PACKS_CHANGED: &str = "packs-changed";
/// A community pack is waiting for the user's confirmation (`pending_pack_imports`). No payload.
pub const PACK_IMPORT_PENDING: &str = "pack-import-pending";
/// A `stint://room` link named a room that waits for the user's answer (`pending_room_link`). No
/// payload.
pub const ROOM_LINK_PENDING: &str = "room-link-pending";
/// Something to tell the user that no command returned: a pack dropped on the window or opened by a
/// `stint://` link, a join link that would not open, a desktop setting that was refused.
pub const NOTICE: &str = "notice";

/// The live room's status changed (signed in, connected, offline, who is present). Payload:
/// `RoomStatus`.
pub const ROOM_STATUS: &str = "room-status";

/// Every event above, for the surface check.
pub const ALL: [&str; 8] = [
    SESSION_CHANGED,
    NOTIFICATION_FAILED,
    CALLS_CHANGED,
    PACKS_CHANGED,
    PACK_IMPORT_PENDING,
    ROOM_LINK_PENDING,
    NOTICE,
    ROOM_STATUS,
];

/// Payload of `notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UiNotice {
    pub message: String,
    /// An error (shown as an alert) rather than news.
    pub error: bool,
}

/// Payload of `notification-failed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NotificationFailure {
    pub message: String,
}

/// Tells the UI something; an error is also logged.
pub fn notice<R: Runtime>(app: &AppHandle<R>, message: impl Into<String>, error: bool) {
    let message = message.into();
    if error {
        log::warn!("{message}");
    }
    emit(app, NOTICE, UiNotice { message, error });
}

/// Tells the UI that notifications are not working.
pub fn notification_failed<R: Runtime>(app: &AppHandle<R>, message: String) {
    emit(app, NOTIFICATION_FAILED, NotificationFailure { message });
}

pub fn emit<R: Runtime>(app: &AppHandle<R>, event: &str, payload: impl Serialize + Clone) {
    if let Err(e) = app.emit(event, payload) {
        log::warn!("cannot emit {event}: {e}");
    }
}
