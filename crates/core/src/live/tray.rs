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
            TrayStatus::Idle => "Stint".into(),
            TrayStatus::Running { minutes_left } => format!("{minutes_left} min left"),
            TrayStatus::Paused => "Paused".into(),
        }
    }
}
