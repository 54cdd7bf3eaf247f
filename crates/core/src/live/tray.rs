//! What the tray says about the live session: "12 min left", "Paused", or nothing running.

use chrono::{DateTime, Utc};

use crate::i18n::{tr, tr0, Lang};
use crate::timeline::{state_at, Timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayStatus {
    Idle,
    /// Whole minutes left in the current phase, rounded up (a phase with 10 s left shows "1 min").
    Running {
        minutes_left: u32,
    },
    Paused,
}

impl TrayStatus {
    /// The status of `timeline` at `now`; `None` (no session) is idle.
    pub fn of(timeline: Option<&Timeline>, now: DateTime<Utc>) -> Self {
        let Some(timeline) = timeline else { return TrayStatus::Idle };
        let state = state_at(timeline, now);
        if state.done {
            TrayStatus::Idle
        } else if state.paused {
            TrayStatus::Paused
        } else {
            TrayStatus::Running { minutes_left: (state.remaining_ms.max(0) as u64).div_ceil(60_000) as u32 }
        }
    }

    /// The tray's title and tooltip, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            TrayStatus::Idle => APP_NAME.into(),
            TrayStatus::Running { minutes_left } => {
                tr(lang, "tray_minutes_left", &[("minutes", (*minutes_left).into())])
            }
            TrayStatus::Paused => tr0(lang, "tray_paused"),
        }
    }

    /// The main window's title: the time left first, so that a glance at the taskbar tells it.
    pub fn window_title(&self, lang: Lang) -> String {
        match self {
            TrayStatus::Idle => APP_NAME.into(),
            _ => tr(lang, "tray_window_title", &[("status", (&self.text(lang)).into())]),
        }
    }

    /// The label of the tray's Start/Pause item for this status.
    pub fn start_or_pause_label(&self, lang: Lang) -> String {
        tr0(
            lang,
            match self {
                TrayStatus::Idle => "tray_start",
                TrayStatus::Running { .. } => "tray_pause",
                TrayStatus::Paused => "tray_resume",
            },
        )
    }
}

const APP_NAME: &str = "Stint";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_title_leads_with_the_time_left() {
        assert_eq!(TrayStatus::Running { minutes_left: 12 }.window_title(Lang::En), "12 min left \u{2014} Stint");
        assert_eq!(TrayStatus::Paused.window_title(Lang::En), "Paused \u{2014} Stint");
        assert_eq!(TrayStatus::Idle.window_title(Lang::En), "Stint");
    }

    #[test]
    fn the_tray_speaks_the_users_language() {
        assert_eq!(TrayStatus::Running { minutes_left: 12 }.window_title(Lang::De), "noch 12 Min. \u{2014} Stint");
        assert_eq!(TrayStatus::Paused.text(Lang::Es), "En pausa");
        assert_eq!(TrayStatus::Paused.start_or_pause_label(Lang::De), "Fortsetzen");
        assert_eq!(TrayStatus::Idle.start_or_pause_label(Lang::En), "Start");
    }
}
