//! The user's settings: one typed struct with defaults, kept by tauri-plugin-store in `settings.json`.
//!
//! The file is a flat JSON object whose keys are the fields below. Missing keys take their default, so
//! older files keep working. A file that is not valid JSON or holds an impossible value is never
//! silently overwritten: it is renamed to `settings.json.bad-<timestamp>`, defaults are used, and the
//! start-up report tells the user.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use stint_core::i18n::{locale_tag, ClockStyle, Lang, Msg};
pub use stint_core::live::SleepPolicy;
use stint_core::live::{PomodoroLengths, SessionPrefs};
use stint_core::{Error, Result};
use ts_rs::TS;

use crate::desktop::locale::system_locale;
use crate::desktop::shortcut::{Accelerator, DEFAULT_GLOBAL_SHORTCUT};
use crate::desktop::system::DesktopPrefs;

pub const FILE_NAME: &str = "settings.json";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
// Missing keys take their defaults; unknown keys are ignored, so a newer Stint's file is still read.
#[serde(default)]
#[ts(export)]
/// The user's settings. Every field has a default.
pub struct Settings {
    /// Minutes of a pomodoro focus phase (1–240).
    pub focus_minutes: u32,
    /// Minutes of a short break (1–120).
    pub short_break_minutes: u32,
    /// Minutes of a long break (1–120).
    pub long_break_minutes: u32,
    /// A long break replaces every Nth break (0 = never, at most 12).
    pub long_break_every: u32,
    /// Start the next phase by itself; when off, each phase waits (paused) for the user.
    pub auto_start_next: bool,
    /// Ask the notification service to play a sound at a phase change.
    pub sound: bool,
    pub sleep_policy: SleepPolicy,
    pub theme: Theme,
    /// Launch Stint when the user logs in (applied to the OS when saved).
    pub start_at_login: bool,
    /// The system-wide key for start/pause, e.g. "CmdOrCtrl+Alt+Space"; `null` for none. Blank text is
    /// stored as `null`.
    pub global_shortcut: Option<String>,
    /// The language of the UI and of what the backend says; `null` follows the system's locale.
    pub language: Option<Lang>,
    /// Ask Stint's release server for a new version, at most once a day.
    pub check_for_updates: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            focus_minutes: 25,
            short_break_minutes: 5,
            long_break_minutes: 15,
            long_break_every: 4,
            auto_start_next: true,
            sound: true,
            sleep_policy: SleepPolicy::Pause,
            theme: Theme::System,
            start_at_login: false,
            global_shortcut: Some(DEFAULT_GLOBAL_SHORTCUT.into()),
            language: None,
            check_for_updates: true,
        }
    }
}

impl Settings {
    /// Checks every value; the error names the first field out of range.
    pub fn validate(&self) -> Result<()> {
        check_range("focus_minutes", "error_settings_focus_minutes", self.focus_minutes, 1, 240)?;
        check_range("short_break_minutes", "error_settings_short_break_minutes", self.short_break_minutes, 1, 120)?;
        check_range("long_break_minutes", "error_settings_long_break_minutes", self.long_break_minutes, 1, 120)?;
        check_range("long_break_every", "error_settings_long_break_every", self.long_break_every, 0, 12)?;
        if let Some(shortcut) = &self.global_shortcut {
            Accelerator::parse(shortcut).map_err(|problem| {
                Error::told("global_shortcut", Msg::new("error_settings_shortcut").said("problem", problem))
            })?;
        }
        Ok(())
    }

    /// The same settings with blank text fields made `None` (a cleared shortcut means no shortcut).
    pub fn normalized(mut self) -> Self {
        self.global_shortcut = self.global_shortcut.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self
    }

    /// The language in effect: the user's choice, else the system's, else English.
    pub fn lang(&self) -> Lang {
        self.language.unwrap_or_else(|| Lang::resolve(None, system_locale().as_deref()))
    }

    /// What the live session's decisions take from the settings (core decides with them).
    pub fn session_prefs(&self) -> SessionPrefs {
        SessionPrefs {
            auto_start_next: self.auto_start_next,
            sleep_policy: self.sleep_policy,
            pomodoro: PomodoroLengths {
                focus_minutes: self.focus_minutes,
                short_break_minutes: self.short_break_minutes,
                long_break_minutes: self.long_break_minutes,
                long_break_every: self.long_break_every,
            },
            lang: self.lang(),
            clock: ClockStyle::of_tag(&locale_tag(self.lang(), system_locale().as_deref())),
        }
    }

    /// What the desktop is asked to do: start at login, the global shortcut.
    pub fn desktop_prefs(&self) -> DesktopPrefs {
        DesktopPrefs { start_at_login: self.start_at_login, global_shortcut: self.global_shortcut.clone() }
    }
}

/// `value` within `min..=max`; else the message `key`: the rule (`{min}`, `{max}`), the value
/// (`{count}`) and the way out.
fn check_range(field: &str, key: &'static str, value: u32, min: u32, max: u32) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        let words = Msg::new(key).count("min", min.into()).count("max", max.into()).count("count", value.into());
        Err(Error::told(field, words))
    }
}

/// Parses the contents of a settings file: valid JSON, known keys, values in range.
pub fn parse(bytes: &[u8]) -> Result<Settings> {
    let settings: Settings = serde_json::from_slice(bytes).map_err(|e| {
        log::warn!("{FILE_NAME}: {e}");
        Error::told(FILE_NAME, Msg::new("error_settings_unreadable"))
    })?;
    let settings = settings.normalized();
    settings.validate()?;
    Ok(settings)
}

/// Where a bad settings file is moved: beside it, named after the moment it was set aside.
pub fn set_aside_path(path: &Path, now: DateTime<Utc>) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| FILE_NAME.into());
    name.push(format!(".bad-{}", now.format("%Y%m%dT%H%M%SZ")));
    path.with_file_name(name)
}

/// The settings in effect at start-up, and a message for the user if the file had to be set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    pub notice: Option<String>,
}

/// Reads `path`. No file → defaults. A bad file → renamed aside, defaults, and a notice saying so,
/// in the language of the defaults (the system's).
pub fn load(path: &Path, now: DateTime<Utc>) -> Loaded {
    let lang = Settings::default().lang();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded { settings: Settings::default(), notice: None }
        }
        Err(e) => {
            log::warn!("cannot read {}: {e}; using default settings", path.display());
            let notice = Msg::new("error_settings_file_unreadable").render(lang);
            return Loaded { settings: Settings::default(), notice: Some(notice) };
        }
    };
    match parse(&bytes) {
        Ok(settings) => Loaded { settings, notice: None },
        Err(problem) => {
            let aside = set_aside_path(path, now);
            let problem = problem.say(lang);
            let notice = match std::fs::rename(path, &aside) {
                Ok(()) => Msg::new("error_settings_set_aside")
                    .text("problem", problem)
                    .text("file", aside.display().to_string())
                    .render(lang),
                Err(e) => {
                    log::warn!("cannot move {} aside: {e}", path.display());
                    Msg::new("error_settings_kept_in_place").text("problem", problem).render(lang)
                }
            };

            log::warn!("{notice}");
            Loaded { settings: Settings::default(), notice: Some(notice) }
        }
    }
}

/// The settings as the flat key → value pairs the plugin store keeps.
pub fn to_entries(settings: &Settings) -> Vec<(String, serde_json::Value)> {
    match serde_json::to_value(settings) {
        Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
        _ => unreachable!("Settings serializes to a JSON object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 4, 5, 6, 7).unwrap()
    }

    #[test]
    fn missing_keys_take_their_defaults() {
        let s = parse(br#"{"focus_minutes": 50, "sleep_policy": "wall_clock"}"#).unwrap();
        assert_eq!(s.focus_minutes, 50);
        assert_eq!(s.sleep_policy, SleepPolicy::WallClock);
        assert_eq!(s.short_break_minutes, Settings::default().short_break_minutes);
        assert_eq!(parse(b"{}").unwrap(), Settings::default());
    }

    #[test]
    fn round_trips_through_the_store_entries() {
        let s = Settings { theme: Theme::Dark, auto_start_next: false, ..Settings::default() };
        let object: serde_json::Map<_, _> = to_entries(&s).into_iter().collect();
        let bytes = serde_json::to_vec(&object).unwrap();
        assert_eq!(parse(&bytes).unwrap(), s);
    }

    #[test]
    fn out_of_range_values_name_their_field() {
        let e = parse(br#"{"focus_minutes": 0}"#).unwrap_err();
        assert_eq!(e.field(), Some("focus_minutes"));
        let e = Settings { long_break_every: 13, ..Settings::default() }.validate().unwrap_err();
        assert_eq!(e.field(), Some("long_break_every"));
    }

    #[test]
    fn the_shortcut_defaults_on_and_null_or_blank_turns_it_off() {
        assert_eq!(Settings::default().global_shortcut.as_deref(), Some("CmdOrCtrl+Alt+Space"));
        assert!(!Settings::default().start_at_login);
        assert_eq!(parse(br#"{"global_shortcut": null}"#).unwrap().global_shortcut, None);
        assert_eq!(parse(br#"{"global_shortcut": "  "}"#).unwrap().global_shortcut, None);
        assert_eq!(
            parse(br#"{"global_shortcut": " Ctrl+Shift+P "}"#).unwrap().global_shortcut.as_deref(),
            Some("Ctrl+Shift+P")
        );
    }

    #[test]
    fn an_impossible_shortcut_names_its_field() {
        for bad in ["Space", "Ctrl+", "Ctrl+Alt+Banana", "Ctrl+A+B", "Hyper+A"] {
            let s = Settings { global_shortcut: Some(bad.into()), ..Settings::default() };
            let e = s.validate().unwrap_err();
            assert_eq!(e.field(), Some("global_shortcut"), "{bad}: {e:?}");
        }
    }

    #[test]
    fn the_pomodoro_has_the_users_lengths() {
        let s = Settings {
            focus_minutes: 50,
            short_break_minutes: 10,
            long_break_minutes: 20,
            long_break_every: 2,
            ..Settings::default()
        };
        assert_eq!(s.session_prefs().pomodoro.draft(), stint_core::builtins::pomodoro_with(3000, 600, 1200, 2));
        let builtin = stint_core::builtins::all().into_iter().find(|f| f.id == "pomodoro").unwrap();
        assert_eq!(
            Settings::default().session_prefs().pomodoro.draft(),
            builtin.draft,
            "the defaults are the built-in's lengths"
        );
    }

    #[test]
    fn malformed_files_are_invalid_input() {
        for bad in
            [&b"{not json"[..], br#"{"sleep_policy": "hibernate"}"#, br#"{"focus_minutes": -5}"#, b"null", br#""text""#]
        {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn set_aside_name_carries_the_timestamp() {
        let p = set_aside_path(Path::new("/data/settings.json"), at());
        assert_eq!(p, Path::new("/data/settings.json.bad-20250304T050607Z"));
    }

    #[test]
    fn a_bad_file_is_moved_aside_and_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, b"{\"focus_minutes\": ").unwrap();
        let loaded = load(&path, at());
        assert_eq!(loaded.settings, Settings::default());
        let notice = loaded.notice.expect("the user is told");
        assert!(notice.contains("settings.json.bad-20250304T050607Z"), "{notice}");
        assert!(!path.exists());
        assert_eq!(std::fs::read(set_aside_path(&path, at())).unwrap(), b"{\"focus_minutes\": ");
    }

    #[test]
    fn no_file_means_defaults_and_no_notice() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join(FILE_NAME), at());
        assert_eq!(loaded, Loaded { settings: Settings::default(), notice: None });
    }

    #[test]
    fn a_good_file_is_read_and_left_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, br#"{"sound": false}"#).unwrap();
        let loaded = load(&path, at());
        assert!(!loaded.settings.sound);
        assert_eq!(loaded.notice, None);
        assert!(path.exists());
    }
}
