//! The session timeline: a running session is data, not a counter.
//!
//! `Timeline` = a format snapshot + `started_at` + the user's events. Everything else — the current
//! phase, its deadline, what happened — is computed by pure functions of the timeline and `now`, so the
//! remaining time never drifts, a restarted app replays the events to the exact state, and two members
//! with the same format and start instant see the same phase at the same moment.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::format::{FormatDraft, Phase};
use crate::Result;

/// Something the user (or the runner on their behalf) did to a running session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type")]
#[ts(export)]
pub enum EventKind {
    Pause,
    Resume,
    /// Ends the current phase at the event's instant; the next phase starts then.
    Skip,
    /// Adds seconds to the current phase (must be > 0).
    Extend { seconds: u32 },
    /// Ends the session.
    Stop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Event {
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub kind: EventKind,
}

/// A session as data. Events are kept in time order and are valid by construction (see `push`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub format: FormatDraft,
    pub started_at: DateTime<Utc>,
    events: Vec<Event>,
}

/// Where a session is at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionState {
    /// Index of the current phase in the (lazily) expanded sequence of phases.
    pub phase_index: u32,
    /// The current phase, expanded: `{n}` replaced by the round, long break substituted.
    pub phase: Phase,
    /// 1-based round of a repeating format; 1 otherwise.
    pub round: u32,
    pub phase_started_at: DateTime<Utc>,
    /// When the current phase ends if nothing else happens; `None` while paused or when done.
    pub ends_at: Option<DateTime<Utc>>,
    /// Milliseconds left in the current phase; never negative; 0 when done.
    pub remaining_ms: i64,
    pub paused: bool,
    pub done: bool,
    /// When the session ended (last phase over, or stopped).
    pub ended_at: Option<DateTime<Utc>>,
}

/// How a phase ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PhaseOutcome {
    Completed,
    Skipped,
    Stopped,
    /// Its deadline passed while the computer slept: recorded, but not counted as focus time.
    Slept,
}

/// A phase as it actually happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhaseRecord {
    pub index: u32,
    pub label: String,
    pub kind: crate::format::PhaseKind,
    pub planned_seconds: u32,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// Seconds the phase actually ran, pauses excluded.
    pub actual_seconds: u32,
    pub outcome: PhaseOutcome,
}

/// One step of the agenda with its clock times, assuming no further events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaStep {
    pub index: u32,
    pub phase: Phase,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Timeline {
    pub fn new(format: FormatDraft, started_at: DateTime<Utc>) -> Self {
        Timeline { format, started_at, events: Vec::new() }
    }

    /// Rebuilds a timeline from stored events, validating each as `push` does.
    pub fn replay(format: FormatDraft, started_at: DateTime<Utc>, events: impl IntoIterator<Item = Event>) -> Result<Self> {
        let mut t = Timeline::new(format, started_at);
        for e in events {
            t.push(e)?;
        }
        Ok(t)
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Appends an event after checking it against the state at its instant. Rejected (with
    /// `Error::Conflict` or `Error::InvalidInput`, timeline unchanged): an event earlier than the
    /// previous one or than `started_at`, Resume while running, Pause while paused, anything after
    /// Stop or after the session is done, Extend by 0 seconds.
    pub fn push(&mut self, event: Event) -> Result<()> {
        let _ = event;
        todo!("timeline::push")
    }
}

/// The `index`th phase of the expanded sequence, or `None` past the end of a finite format.
pub fn phase_at(format: &FormatDraft, index: u32) -> Option<Phase> {
    let _ = (format, index);
    todo!("timeline::phase_at")
}

/// The state of the session at `now`.
pub fn state_at(timeline: &Timeline, now: DateTime<Utc>) -> SessionState {
    let _ = (timeline, now);
    todo!("timeline::state_at")
}

/// The next instant after `now` at which the state changes by itself (a phase ends), if any.
pub fn next_deadline(timeline: &Timeline, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let _ = (timeline, now);
    todo!("timeline::next_deadline")
}

/// Every phase that has ended by `now`, in order, with outcome Completed, Skipped or Stopped.
pub fn finished_phases(timeline: &Timeline, now: DateTime<Utc>) -> Vec<PhaseRecord> {
    let _ = (timeline, now);
    todo!("timeline::finished_phases")
}

/// The agenda around `now`: the phases already finished, the current one and up to `ahead` planned
/// ones, with clock times. A repeating format without a round limit is cut off after `ahead`.
pub fn agenda(timeline: &Timeline, now: DateTime<Utc>, ahead: u32) -> Vec<AgendaStep> {
    let _ = (timeline, now, ahead);
    todo!("timeline::agenda")
}
