//! Settings that act on the desktop outside Stint: start at login and the global shortcut. Behind a
//! trait so the command tests never touch the user's login items or keyboard.

use stint_core::error::short_detail;
use stint_core::i18n::Msg;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

use super::shortcut::GlobalKeys;

/// What the desktop is asked to do on the user's behalf (from the settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesktopPrefs {
    pub start_at_login: bool,
    /// The accelerator of the global start/pause key, or none.
    pub global_shortcut: Option<String>,
}

pub trait Desktop: Send + Sync {
    fn set_start_at_login(&self, enabled: bool) -> Result<(), String>;
    /// Replaces the global start/pause shortcut (`None`: none).
    fn set_global_shortcut(&self, accelerator: Option<&str>) -> Result<(), String>;
}

/// Applies what changed from `before` to `after` (at start-up, `before` is `None`: the shortcut is
/// grabbed and the login item left as the OS has it). Returns what the user must be told, as
/// catalogue messages the caller says in the user's language (the desktop's own reason, English
/// text from the OS or the key grabber, goes last as a detail); a failure here never stops anything else.
pub fn apply(desktop: &dyn Desktop, before: Option<&DesktopPrefs>, after: &DesktopPrefs) -> Vec<Msg> {
    let mut problems = Vec::new();
    if before.is_some_and(|b| b.start_at_login != after.start_at_login) {
        if let Err(e) = desktop.set_start_at_login(after.start_at_login) {
            let key = if after.start_at_login { "error_notice_login_on" } else { "error_notice_login_off" };
            problems.push(Msg::new(key).text("detail", short_detail(&e)));
        }
    }
    let shortcut_changed = before.map(|b| &b.global_shortcut) != Some(&after.global_shortcut);
    if shortcut_changed && (before.is_some() || after.global_shortcut.is_some()) {
        if let Err(e) = desktop.set_global_shortcut(after.global_shortcut.as_deref()) {
            let name = after.global_shortcut.as_deref().unwrap_or_default();
            problems.push(
                Msg::new("error_notice_shortcut_unavailable").text("shortcut", name).text("detail", short_detail(&e)),
            );
        }
    }
    problems
}

/// The real desktop: tauri-plugin-autostart and the X11 key grab.
pub struct AppDesktop<R: Runtime> {
    pub app: AppHandle<R>,
    pub keys: GlobalKeys,
}

impl<R: Runtime> Desktop for AppDesktop<R> {
    fn set_start_at_login(&self, enabled: bool) -> Result<(), String> {
        let manager = self.app.try_state::<AutoLaunchManager>().ok_or("the autostart plugin is not loaded")?;
        let result = if enabled { manager.enable() } else { manager.disable() };
        result.map_err(|e| e.to_string())
    }

    fn set_global_shortcut(&self, accelerator: Option<&str>) -> Result<(), String> {
        self.keys.set(accelerator)
    }
}

#[cfg(test)]
pub mod fake {
    use std::sync::{Arc, Mutex};

    use super::Desktop;

    /// Records what was applied (clones share the record); refuses shortcuts when told to.
    #[derive(Clone, Default)]
    pub struct FakeDesktop {
        applied: Arc<Mutex<Vec<String>>>,
        refuse_shortcut: bool,
    }

    impl FakeDesktop {
        /// A desktop where another app holds every shortcut.
        pub fn refusing_shortcuts() -> Self {
            FakeDesktop { refuse_shortcut: true, ..FakeDesktop::default() }
        }

        /// What was applied since the last call.
        pub fn applied(&self) -> Vec<String> {
            std::mem::take(&mut *self.applied.lock().unwrap())
        }
    }

    impl Desktop for FakeDesktop {
        fn set_start_at_login(&self, enabled: bool) -> Result<(), String> {
            self.applied.lock().unwrap().push(format!("start_at_login={enabled}"));
            Ok(())
        }

        fn set_global_shortcut(&self, accelerator: Option<&str>) -> Result<(), String> {
            self.applied.lock().unwrap().push(format!("global_shortcut={accelerator:?}"));
            if self.refuse_shortcut {
                Err("another application already uses this shortcut".into())
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use stint_core::i18n::Lang;

    use super::fake::FakeDesktop;
    use super::*;
    use crate::desktop::shortcut::DEFAULT_GLOBAL_SHORTCUT;

    /// The prefs of a new install: no start at login, the default shortcut.
    fn defaults() -> DesktopPrefs {
        DesktopPrefs { start_at_login: false, global_shortcut: Some(DEFAULT_GLOBAL_SHORTCUT.into()) }
    }

    #[test]
    fn at_start_up_only_the_shortcut_is_applied() {
        let desktop = FakeDesktop::default();
        let on = DesktopPrefs { start_at_login: true, ..defaults() };
        assert!(apply(&desktop, None, &on).is_empty());
        assert_eq!(desktop.applied(), ["global_shortcut=Some(\"CmdOrCtrl+Alt+Space\")"]);
        let none = DesktopPrefs { global_shortcut: None, ..defaults() };
        assert!(apply(&desktop, None, &none).is_empty());
        assert!(desktop.applied().is_empty(), "nothing to release at start-up");
    }

    #[test]
    fn a_save_applies_only_what_changed() {
        let desktop = FakeDesktop::default();
        let before = defaults();
        assert!(apply(&desktop, Some(&before), &before).is_empty());
        assert!(desktop.applied().is_empty());
        let after = DesktopPrefs { start_at_login: true, global_shortcut: None };
        assert!(apply(&desktop, Some(&before), &after).is_empty());
        assert_eq!(desktop.applied(), ["start_at_login=true", "global_shortcut=None"]);
    }

    #[test]
    fn a_refused_shortcut_is_reported_not_fatal() {
        let desktop = FakeDesktop::refusing_shortcuts();
        let problems = apply(&desktop, None, &defaults());
        assert_eq!(problems.len(), 1);
        let english = problems[0].render(Lang::En);
        assert!(english.contains("CmdOrCtrl+Alt+Space") && english.contains("already uses"), "{english}");
        assert_eq!(
            problems[0].render(Lang::De),
            "Stint kann das globale Tastenkürzel CmdOrCtrl+Alt+Space nicht verwenden, deshalb bewirkt es nichts; \
             deine Einstellungen sind gespeichert. Wähle in den Einstellungen ein anderes Kürzel oder entferne es. \
             Detail: another application already uses this shortcut."
        );
    }

    #[test]
    fn a_refused_login_item_is_said_in_the_users_language() {
        struct NoLogin;
        impl Desktop for NoLogin {
            fn set_start_at_login(&self, _: bool) -> Result<(), String> {
                Err("the autostart plugin is not loaded".into())
            }
            fn set_global_shortcut(&self, _: Option<&str>) -> Result<(), String> {
                Ok(())
            }
        }
        let before = DesktopPrefs { start_at_login: false, global_shortcut: None };
        let on = DesktopPrefs { start_at_login: true, global_shortcut: None };
        let problems = apply(&NoLogin, Some(&before), &on);
        assert_eq!(
            problems.iter().map(|p| p.render(Lang::Es)).collect::<Vec<_>>(),
            ["Stint no pudo configurarse para iniciarse al entrar en tu sesión. Desactiva y vuelve a activar el \
              ajuste, o añade Stint a las aplicaciones de inicio de tu escritorio. Detalle: the autostart plugin is \
              not loaded."]
        );
        assert_eq!(apply(&NoLogin, Some(&on), &before)[0].key(), "error_notice_login_off");
    }
}
