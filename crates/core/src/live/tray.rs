//! What the tray says about the live session: "12 min left", "Paused", or nothing running.

use chrono::{DateTime, Utc};

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

    /// The tray's title and tooltip.
    pub fn text(&self) -> String {
        match self {
            TrayStatus::Idle => APP_NAME.into(),
            TrayStatus::Running { minutes_left } => format!("{minutes_left} min left"),
            TrayStatus::Paused => "Paused".into(),
        }
    }

    /// The main window's title: the time left first, so that a glance at the taskbar tells it.
    pub fn window_title(&self) -> String {
        match self {
            TrayStatus::Idle => APP_NAME.into(),
            _ => format!("{} \u{2014} {APP_NAME}", self.text()),
        }
    }
}

const APP_NAME: &str = "Stint";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_title_leads_with_the_time_left() {
        assert_eq!(TrayStatus::Running { minutes_left: 12 }.window_title(), "12 min left \u{2014} Stint");
        assert_eq!(TrayStatus::Paused.window_title(), "Paused \u{2014} Stint");
        assert_eq!(TrayStatus::Idle.window_title(), "Stint");
    }
}
