//! The system's locale, the default of Stint's language: Windows' and macOS's user language, and on
//! Linux the first of LC_ALL, LC_MESSAGES and LANG that is set (`sys-locale`).

/// The system's locale tag ("de-DE"), if it has one.
pub fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}
