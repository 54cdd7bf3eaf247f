//! The runner's effects in the real app: events to the webview, the tray, the notifier.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::notifier::{Notice, NotifierHandle};
use crate::runner::{Effects, TrayStatus};
use crate::tray::Tray;

/// Sent to the UI when the live session changes; `null` when no session is live.
pub const SESSION_CHANGED: &str = "session-changed";
/// Sent to the UI when a notification could not be shown.
pub const NOTIFICATION_FAILED: &str = "notification-failed";

/// Payload of `notification-failed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NotificationFailure {
    pub message: String,
}

pub struct AppEffects<R: Runtime> {
    pub app: AppHandle<R>,
    pub notifier: NotifierHandle,
}

impl<R: Runtime, V: Serialize + Clone + Send> Effects<V> for AppEffects<R> {
    fn session_changed(&self, view: Option<V>) {
        if let Err(e) = self.app.emit(SESSION_CHANGED, view) {
            log::warn!("cannot emit {SESSION_CHANGED}: {e}");
        }
    }

    fn tray(&self, status: TrayStatus) {
        if let Some(tray) = self.app.try_state::<Tray<R>>() {
            tray.show(&status);
        }
    }

    fn announce(&self, notice: Notice) {
        self.notifier.announce(notice);
    }
}

/// Tells the UI that notifications are not working.
pub fn notification_failed<R: Runtime>(app: &AppHandle<R>, message: String) {
    if let Err(e) = app.emit(NOTIFICATION_FAILED, NotificationFailure { message }) {
        log::warn!("cannot emit {NOTIFICATION_FAILED}: {e}");
    }
}
