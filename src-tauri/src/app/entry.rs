//! The entry points besides the UI's commands: the tray's menu, a notification's buttons, the global
//! shortcut and a second launch of Stint. Each makes the same core call a UI command makes for the
//! same action (`stint_core::live`, through `ipc::session` and `ipc::calls`), so an action means the
//! same wherever it comes from; none decides anything itself.

use stint_core::live::{self, JoinTarget, Toggled};
use stint_core::timeline::EventKind;
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop::links::Links;
use crate::desktop::mini;
use crate::desktop::notifier::NotificationAction;
use crate::desktop::tray::{self, TrayAction};
use crate::ipc::publish::perform;
use crate::ipc::{calls, events, session};
use crate::state::AppState;

/// A click in the tray's menu.
pub fn on_tray_action<R: Runtime>(app: &AppHandle<R>, action: TrayAction) {
    match action {
        TrayAction::StartOrPause => {
            if toggle(app) == Some(Toggled::Started) {
                tray::show_main_window(app);
            }
        }
        TrayAction::Skip => act(app, EventKind::Skip),
        TrayAction::MiniTimer => {
            if let Err(e) = mini::toggle(app) {
                log::warn!("cannot show the mini timer: {e}");
            }
        }
        TrayAction::Show => tray::show_main_window(app),
        TrayAction::Quit => app.exit(0),
    }
}

/// A button on a notification.
pub fn on_notification_action<R: Runtime>(app: &AppHandle<R>, action: NotificationAction) {
    match action {
        NotificationAction::Skip => act(app, EventKind::Skip),
        NotificationAction::Extend => act(app, EventKind::Extend { seconds: NotificationAction::EXTEND_SECONDS }),
        NotificationAction::Join(target) => join(app, &target),
    }
}

/// The global start/pause key.
pub fn on_global_shortcut<R: Runtime>(app: &AppHandle<R>) {
    toggle(app);
}

/// Another `stint` was started: show this one, and open the `stint://` links it was given (the
/// desktop starts Stint with the link as its argument).
pub fn on_second_launch<R: Runtime>(app: &AppHandle<R>, args: Vec<String>) {
    tray::show_main_window(app);
    let links: Vec<tauri::Url> = args
        .iter()
        .skip(1)
        .filter_map(|arg| tauri::Url::parse(arg).ok())
        .filter(|url| url.scheme() == super::packs::DEEP_LINK_SCHEME)
        .collect();
    if !links.is_empty() {
        super::packs::on_deep_links(app, &links);
    }
}

/// `live::toggle`: pause, resume, or start a pomodoro with the user's lengths.
fn toggle<R: Runtime>(app: &AppHandle<R>) -> Option<Toggled> {
    let prefs = app.try_state::<AppState>()?.session_prefs();
    let toggled = perform(
        app,
        |(_, outcome): &(Toggled, live::Outcome)| outcome.changes,
        |store, now| live::toggle(store, &prefs, now),
    );
    match toggled {
        Ok((toggled, _)) => Some(toggled),
        Err(e) => {
            log::warn!("cannot start or pause: {e}");
            None
        }
    }
}

fn act<R: Runtime>(app: &AppHandle<R>, action: EventKind) {
    if let Err(e) = session::act(app, action) {
        log::warn!("cannot apply {action:?}: {}", e.0);
    }
}

/// "Join" on a reminder: the user asked for this call, so a session running is stopped first.
fn join<R: Runtime>(app: &AppHandle<R>, target: &JoinTarget) {
    let Some(links) = app.try_state::<Links>() else { return };
    match calls::join(app, &links, target, true) {
        Ok(_) => tray::show_main_window(app),
        Err(e) => {
            let words = stint_core::i18n::Msg::new("error_notice_join").said("problem", e.0.words());
            events::notice(app, words.render_in(crate::ipc::error::speech()), true)
        }
    }
}
