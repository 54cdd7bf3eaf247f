//! The language the UI speaks, decided here so that the UI and the backend's words always agree.

use serde::Serialize;
use stint_core::i18n::{locale_tag, Lang};
use tauri::State;
use ts_rs::TS;

use crate::desktop::locale::system_locale;
use crate::state::AppState;

/// The UI's language and the locale its dates, times and numbers are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UiLocale {
    pub lang: Lang,
    /// A BCP 47 tag for `Intl`: the system's own ("en-GB", with its 12 or 24 hours) when it is of
    /// the same language, else the language alone.
    pub tag: String,
}

impl UiLocale {
    pub fn of(lang: Lang, system: Option<&str>) -> Self {
        UiLocale { lang, tag: locale_tag(lang, system) }
    }
}

#[tauri::command]
pub fn ui_locale(state: State<'_, AppState>) -> UiLocale {
    UiLocale::of(state.settings().lang(), system_locale().as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_tag_is_kept_only_for_its_own_language() {
        assert_eq!(UiLocale::of(Lang::En, Some("en_US.UTF-8")).tag, "en-US");
        assert_eq!(UiLocale::of(Lang::De, Some("en_US.UTF-8")).tag, "de");
        assert_eq!(UiLocale::of(Lang::Es, None).tag, "es");
    }
}
