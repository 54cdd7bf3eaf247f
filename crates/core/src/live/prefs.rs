//! The user's preferences that decide what a session does. The shell keeps them in its settings
//! file; core decides with them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::builtins::{pomodoro_with, POMODORO};
use crate::format::{Format, FormatDraft, FormatOrigin};
use crate::i18n::{ClockStyle, Lang, Speech};

/// What a suspend of the computer means for a running solo session. A session joined from a
/// scheduled call always keeps wall-clock time: the call goes on without you.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SleepPolicy {
    /// The session pauses while the machine sleeps and continues where it was.
    #[default]
    Pause,
    /// The session keeps wall-clock time; phases that ended during the sleep are recorded as slept.
    WallClock,
}

/// The lengths of the built-in pomodoro, as the user set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PomodoroLengths {
    pub focus_minutes: u32,
    pub short_break_minutes: u32,
    pub long_break_minutes: u32,
    /// A long break replaces every Nth break (0 = never).
    pub long_break_every: u32,
}

impl PomodoroLengths {
    /// The formats as the user sees them: the built-in pomodoro shows the lengths it runs with, so
    /// that its phases (and every text made from them) follow Settings. Others are left as they are.
    pub fn shown_in(&self, mut formats: Vec<Format>) -> Vec<Format> {
        for format in formats.iter_mut().filter(|f| f.id == POMODORO && f.origin == FormatOrigin::Builtin) {
            format.draft = self.draft();
        }
        formats
    }

    /// The built-in pomodoro with these lengths.
    pub fn draft(&self) -> FormatDraft {
        pomodoro_with(
            self.focus_minutes * 60,
            self.short_break_minutes * 60,
            self.long_break_minutes * 60,
            self.long_break_every,
        )
    }
}

impl Default for PomodoroLengths {
    fn default() -> Self {
        PomodoroLengths { focus_minutes: 25, short_break_minutes: 5, long_break_minutes: 15, long_break_every: 4 }
    }
}

/// Everything the live session's decisions take from the user's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPrefs {
    /// Start the next phase by itself; when off, each phase waits (paused) for the user.
    pub auto_start_next: bool,
    pub sleep_policy: SleepPolicy,
    pub pomodoro: PomodoroLengths,
    /// The language of the notifications.
    pub lang: Lang,
    /// How clock times read in them (12 or 24 hours, from the locale).
    pub clock: ClockStyle,
}

impl SessionPrefs {
    /// How the notifications speak: the language and the clock style.
    pub fn speech(&self) -> Speech {
        Speech { lang: self.lang, clock: self.clock }
    }
}

impl Default for SessionPrefs {
    fn default() -> Self {
        SessionPrefs {
            auto_start_next: true,
            sleep_policy: SleepPolicy::Pause,
            pomodoro: PomodoroLengths::default(),
            lang: Lang::En,
            clock: ClockStyle::H24,
        }
    }
}
