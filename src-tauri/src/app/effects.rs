//! The runner's effects in the real app: the view to every window, the tray, the notifier.

use stint_core::live::{Notice, TrayStatus};
use stint_core::session_view::SessionView;
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop::notifier::NotifierHandle;
use crate::desktop::tray::Tray;
use crate::ipc::events::{emit, SESSION_CHANGED};
use crate::runner::Effects;

pub struct AppEffects<R: Runtime> {
    pub app: AppHandle<R>,
    pub notifier: NotifierHandle,
}

impl<R: Runtime> Effects for AppEffects<R> {
    fn session_changed(&self, view: Option<SessionView>) {
        emit(&self.app, SESSION_CHANGED, view);
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
