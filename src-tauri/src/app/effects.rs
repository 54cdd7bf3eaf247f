//! The runner's effects in the real app: the view to every window, the tray and the main window's
//! title (both at most once a minute while a phase runs), the notifier.

use std::sync::Mutex;

use stint_core::live::{Notice, TrayStatus};
use stint_core::session_view::SessionView;
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop::notifier::NotifierHandle;
use crate::desktop::tray::Tray;
use crate::ipc::events::{emit, SESSION_CHANGED};
use crate::room::service::RoomHandle;
use crate::runner::Effects;
use crate::state::AppState;

pub struct AppEffects<R: Runtime> {
    app: AppHandle<R>,
    notifier: NotifierHandle,
    /// The main window's title as last set, so an unchanged one is not set again.
    title: Mutex<Option<String>>,
}

impl<R: Runtime> AppEffects<R> {
    pub fn new(app: AppHandle<R>, notifier: NotifierHandle) -> Self {
        AppEffects { app, notifier, title: Mutex::new(None) }
    }

    fn set_title(&self, title: String) {
        let mut shown = self.title.lock().unwrap_or_else(|e| e.into_inner());
        if shown.as_ref() == Some(&title) {
            return;
        }
        let Some(window) = self.app.get_webview_window("main") else { return };
        match window.set_title(&title) {
            Ok(()) => *shown = Some(title),
            Err(e) => log::warn!("cannot set the window title: {e}"),
        }
    }
}

impl<R: Runtime> Effects for AppEffects<R> {
    fn session_changed(&self, view: Option<SessionView>) {
        emit(&self.app, SESSION_CHANGED, view);
        // A host's change (an action, or the runner's hold) becomes the room's next document.
        if let Some(room) = self.app.try_state::<RoomHandle>() {
            room.session_changed();
        }
    }

    fn status(&self, status: TrayStatus) {
        let lang = self.app.try_state::<AppState>().map(|state| state.settings().lang()).unwrap_or_default();
        self.set_title(status.window_title(lang));
        if let Some(tray) = self.app.try_state::<Tray<R>>() {
            tray.show(&status, lang);
        }
    }

    fn announce(&self, notice: Notice) {
        self.notifier.announce(notice);
    }
}
