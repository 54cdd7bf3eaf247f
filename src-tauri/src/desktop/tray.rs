//! The tray icon: "12 min left" as its title, and a menu (Start/Pause, Skip, Mini timer, Show Stint, Quit).
//! Windows shows no title beside a tray icon: there the minutes are drawn into the icon (`tray_digits`).
//!
//! The runner updates it at each of its wakes (at most once a minute while a phase runs). Where no
//! tray is available (a bare X server, a desktop without a status-notifier host) the app carries on.

use std::sync::Mutex;

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};

use stint_core::i18n::{tr0, Lang};
use stint_core::live::TrayStatus;

/// What a tray menu item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    /// Start a session when idle; pause or resume otherwise.
    StartOrPause,
    Skip,
    /// Show or hide the mini timer.
    MiniTimer,
    Show,
    Quit,
}

impl TrayAction {
    const ALL: [TrayAction; 5] =
        [TrayAction::StartOrPause, TrayAction::Skip, TrayAction::MiniTimer, TrayAction::Show, TrayAction::Quit];

    /// The key of the item's label in the message catalogues (Start/Pause's follows the status).
    fn label_key(self) -> &'static str {
        match self {
            TrayAction::StartOrPause => "tray_start",
            TrayAction::Skip => "tray_skip",
            TrayAction::MiniTimer => "tray_mini_timer",
            TrayAction::Show => "tray_show",
            TrayAction::Quit => "tray_quit",
        }
    }

    fn id(self) -> &'static str {
        match self {
            TrayAction::StartOrPause => "start-or-pause",
            TrayAction::Skip => "skip",
            TrayAction::MiniTimer => "mini-timer",
            TrayAction::Show => "show",
            TrayAction::Quit => "quit",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// The tray and the items whose text changes, kept in the app's state.
pub struct Tray<R: Runtime> {
    icon: TrayIcon<R>,
    start_or_pause: MenuItem<R>,
    skip: MenuItem<R>,
    /// Every item, for a change of language.
    items: Vec<(TrayAction, MenuItem<R>)>,
    shown: Mutex<Option<(TrayStatus, Lang)>>,
    /// The plain icon, which the minutes are drawn on.
    #[cfg(windows)]
    plain: Option<tauri::image::Image<'static>>,
}

/// Builds the tray. `on_action` receives the menu's clicks. Returns `None` (logged) without a tray.
pub fn build<R: Runtime>(
    app: &AppHandle<R>,
    on_action: impl Fn(&AppHandle<R>, TrayAction) + Send + Sync + 'static,
) -> Option<Tray<R>> {
    // libappindicator panics when its library is missing; a missing tray must not stop the app.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| try_build(app, on_action)));
    match built {
        Ok(Ok(tray)) => Some(tray),
        Ok(Err(e)) => {
            log::warn!("no tray icon: {e}");
            None
        }
        Err(_) => {
            log::warn!("no tray icon: the tray library is unavailable");
            None
        }
    }
}

fn try_build<R: Runtime>(
    app: &AppHandle<R>,
    on_action: impl Fn(&AppHandle<R>, TrayAction) + Send + Sync + 'static,
) -> tauri::Result<Tray<R>> {
    // The labels are English until the first status arrives with the user's language.
    let item =
        |action: TrayAction| MenuItem::with_id(app, action.id(), tr0(Lang::En, action.label_key()), true, None::<&str>);
    let start_or_pause = item(TrayAction::StartOrPause)?;
    let skip = item(TrayAction::Skip)?;
    skip.set_enabled(false)?;
    let mini_timer = item(TrayAction::MiniTimer)?;
    let show = item(TrayAction::Show)?;
    let quit = item(TrayAction::Quit)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&start_or_pause, &skip, &separator, &mini_timer, &show, &quit])?;
    let mut builder =
        TrayIconBuilder::with_id("stint").menu(&menu).tooltip("Stint").on_menu_event(move |app, event| {
            if let Some(action) = TrayAction::from_id(event.id().as_ref()) {
                on_action(app, action);
            }
        });
    let plain = app.default_window_icon().map(|icon| icon.clone().to_owned());
    if let Some(icon) = &plain {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    let items = vec![(TrayAction::MiniTimer, mini_timer), (TrayAction::Show, show), (TrayAction::Quit, quit)];
    Ok(Tray {
        icon,
        start_or_pause,
        skip,
        items,
        shown: Mutex::new(None),
        #[cfg(windows)]
        plain,
    })
}

impl<R: Runtime> Tray<R> {
    /// Shows `status` in `lang`; does nothing when it is what the tray already shows.
    pub fn show(&self, status: &TrayStatus, lang: Lang) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let was = shown.as_ref();
        if was.is_some_and(|(s, l)| s == status && *l == lang) {
            return;
        }
        let relabel = was.is_none_or(|(_, l)| *l != lang);
        let text = status.text(lang);
        let result = self
            .show_minutes(status, &text)
            .and_then(|()| self.icon.set_tooltip(Some(&text)))
            .and_then(|()| self.start_or_pause.set_text(status.start_or_pause_label(lang)))
            .and_then(|()| self.skip.set_enabled(*status != TrayStatus::Idle))
            .and_then(|()| if relabel { self.relabel(lang) } else { Ok(()) });
        match result {
            Ok(()) => *shown = Some((status.clone(), lang)),
            Err(e) => log::warn!("cannot update the tray: {e}"),
        }
    }
}

impl<R: Runtime> Tray<R> {
    /// The labels that follow only the language.
    fn relabel(&self, lang: Lang) -> tauri::Result<()> {
        self.skip.set_text(tr0(lang, TrayAction::Skip.label_key()))?;
        for (action, item) in &self.items {
            item.set_text(tr0(lang, action.label_key()))?;
        }
        Ok(())
    }

    /// The title beside the icon.
    #[cfg(not(windows))]
    fn show_minutes(&self, _: &TrayStatus, text: &str) -> tauri::Result<()> {
        self.icon.set_title(Some(text))
    }

    /// The minutes drawn into the icon; the plain icon when no phase runs.
    #[cfg(windows)]
    fn show_minutes(&self, status: &TrayStatus, _: &str) -> tauri::Result<()> {
        use tauri::image::Image;
        let Some(plain) = &self.plain else { return Ok(()) };
        let icon = match status {
            TrayStatus::Running { minutes_left } => {
                let (width, height) = (plain.width(), plain.height());
                let label = super::tray_digits::label(*minutes_left);
                let pixels = super::tray_digits::badge(plain.rgba(), width as usize, height as usize, &label);
                Image::new_owned(pixels, width, height)
            }
            TrayStatus::Idle | TrayStatus::Paused => plain.clone(),
        };
        self.icon.set_icon(Some(icon))
    }
}

/// Shows the main window and gives it focus.
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_ids_round_trip() {
        for action in TrayAction::ALL {
            assert_eq!(TrayAction::from_id(action.id()), Some(action));
        }
        assert_eq!(TrayAction::from_id("other"), None);
    }

    #[test]
    fn the_first_item_follows_the_session() {
        assert_eq!(TrayStatus::Idle.start_or_pause_label(Lang::En), "Start");
        assert_eq!(TrayStatus::Running { minutes_left: 3 }.start_or_pause_label(Lang::En), "Pause");
        assert_eq!(TrayStatus::Paused.start_or_pause_label(Lang::En), "Resume");
        assert_eq!(TrayStatus::Running { minutes_left: 12 }.text(Lang::En), "12 min left");
    }

    #[test]
    fn every_item_has_a_label_in_every_language() {
        for lang in Lang::ALL {
            for action in TrayAction::ALL {
                assert_ne!(tr0(lang, action.label_key()), action.label_key(), "{lang:?} {action:?}");
            }
        }
    }
}
