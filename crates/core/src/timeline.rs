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
use crate::i18n::Msg;
use crate::{Error, Result};

mod expand;
mod walk;

use expand::Expansion;
use walk::{from_ms, to_ms, walk};

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
    Extend {
        seconds: u32,
    },
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
    #[ts(type = "number")]
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
    /// Its deadline passed while Stint was not running (quit or killed): recorded, never counted.
    NotRunning,
}

impl PhaseOutcome {
    /// Every outcome, in the order a person would choose from (History's phase editor lists these).
    pub const ALL: [PhaseOutcome; 5] = [
        PhaseOutcome::Completed,
        PhaseOutcome::Skipped,
        PhaseOutcome::Stopped,
        PhaseOutcome::Slept,
        PhaseOutcome::NotRunning,
    ];

    /// Whether the person spent the phase's time in it, so that it counts in history (as focus time
    /// when the phase is a focus phase). Time slept through, or while Stint was not running, never
    /// counts. History asks only this,
    /// so a new outcome needs no change there.
    pub fn counts(self) -> bool {
        match self {
            PhaseOutcome::Completed | PhaseOutcome::Skipped | PhaseOutcome::Stopped => true,
            PhaseOutcome::Slept | PhaseOutcome::NotRunning => false,
        }
    }
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

/// The longest a single Extend may add: the longest a phase may be.
pub const MAX_EXTEND_SECONDS: u32 = crate::format::MAX_PHASE_SECONDS;

impl Timeline {
    /// A session of `format` that started at `started_at` (kept to the millisecond).
    pub fn new(format: FormatDraft, started_at: DateTime<Utc>) -> Self {
        Timeline { format, started_at: from_ms(to_ms(started_at)), events: Vec::new() }
    }

    /// Rebuilds a timeline from stored events, validating each as `push` does.
    pub fn replay(
        format: FormatDraft,
        started_at: DateTime<Utc>,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<Self> {
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
    /// Stop or after the session is done, Extend by 0 seconds (or by more than
    /// `MAX_EXTEND_SECONDS`). The event's instant is kept to the millisecond.
    ///
    /// An event exactly at a phase's deadline applies to the phase that starts there.
    pub fn push(&mut self, event: Event) -> Result<()> {
        let at = to_ms(event.at);
        if at < to_ms(self.started_at) {
            return Err(Error::told("at", Msg::new("error_timeline_before_start")));
        }
        if self.events.last().is_some_and(|last| at < to_ms(last.at)) {
            return Err(Error::told("at", Msg::new("error_timeline_before_last")));
        }
        if let EventKind::Extend { seconds } = event.kind {
            if seconds == 0 || seconds > MAX_EXTEND_SECONDS {
                return Err(Error::told(
                    "seconds",
                    Msg::new("error_timeline_extend")
                        .length("max", u64::from(MAX_EXTEND_SECONDS))
                        .length("length", u64::from(seconds)),
                ));
            }
        }
        let state = walk(self, at, false);
        if state.ended_at.is_some() {
            return Err(Error::conflict("error_session_already_ended"));
        }
        let paused = state.current.running_since.is_none();
        match event.kind {
            EventKind::Pause if paused => return Err(Error::conflict("error_session_already_paused")),
            EventKind::Resume if !paused => return Err(Error::conflict("error_session_not_paused")),
            _ => {}
        }
        self.events.push(Event { at: from_ms(at), kind: event.kind });
        Ok(())
    }
}

/// The `index`th phase of the expanded sequence, or `None` past the end of a finite format.
pub fn phase_at(format: &FormatDraft, index: u32) -> Option<Phase> {
    Expansion::new(format).phase(u64::from(index))
}

/// The state of the session at `now`. Events later than `now` are not taken into account.
///
/// The current phase's `seconds` include any extensions, so `remaining_ms / (seconds * 1000)` is
/// the fraction left. Once the session is over, `phase` is the last phase that ran.
pub fn state_at(timeline: &Timeline, now: DateTime<Utc>) -> SessionState {
    let now = to_ms(now);
    let w = walk(timeline, now, false);
    let c = &w.current;
    let done = w.ended_at.is_some();
    let ends_at = c.ends_at().filter(|_| !done);
    SessionState {
        phase_index: u32::try_from(c.index).unwrap_or(u32::MAX),
        phase: c.phase.clone(),
        round: w.expansion().round(c.index),
        phase_started_at: from_ms(c.started),
        ends_at: ends_at.map(from_ms),
        remaining_ms: if done { 0 } else { c.remaining_at(now) },
        paused: !done && c.running_since.is_none(),
        done,
        ended_at: w.ended_at.map(from_ms),
    }
}

/// The next instant after `now` at which the state changes by itself (a phase ends), if any:
/// `None` while paused or once the session is over.
pub fn next_deadline(timeline: &Timeline, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    state_at(timeline, now).ends_at
}

/// Every phase that has ended by `now`, in order, with outcome Completed, Skipped or Stopped.
/// They tile the time from `started_at` to the current phase's start (or the session's end);
/// `planned_seconds` includes extensions and `actual_seconds` excludes paused time.
pub fn finished_phases(timeline: &Timeline, now: DateTime<Utc>) -> Vec<PhaseRecord> {
    walk(timeline, to_ms(now), true).records.unwrap_or_default()
}

/// The agenda around `now`: the phases already finished, the current one and up to `ahead` planned
/// ones, with clock times. A repeating format without a round limit is cut off after `ahead`.
///
/// Finished steps carry their actual times; the current step ends at its deadline (or, while paused,
/// `now` plus what is left); planned steps follow back to back, assuming no further events.
pub fn agenda(timeline: &Timeline, now: DateTime<Utc>, ahead: u32) -> Vec<AgendaStep> {
    let now_ms = to_ms(now);
    let mut w = walk(timeline, now_ms, true);
    let records = w.records.take().unwrap_or_default();
    let mut steps: Vec<AgendaStep> = records
        .into_iter()
        .map(|r| {
            // A record has no prompt; the expansion has.
            let prompt = w.expansion().phase(u64::from(r.index)).and_then(|p| p.prompt);
            AgendaStep {
                index: r.index,
                phase: Phase { label: r.label, kind: r.kind, seconds: r.planned_seconds, prompt },
                starts_at: r.started_at,
                ends_at: r.ended_at,
            }
        })
        .collect();
    if w.ended_at.is_some() {
        return steps;
    }
    let c = &w.current;
    let mut end = c.ends_at().unwrap_or(now_ms + c.remaining_at(now_ms));
    steps.push(AgendaStep {
        index: u32::try_from(c.index).unwrap_or(u32::MAX),
        phase: c.phase.clone(),
        starts_at: from_ms(c.started),
        ends_at: from_ms(end),
    });
    for index in (c.index + 1..).take(ahead as usize) {
        let Some(phase) = w.expansion().phase(index) else { break };
        let start = end;
        end = start + i64::from(phase.seconds) * 1000;
        steps.push(AgendaStep {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            phase,
            starts_at: from_ms(start),
            ends_at: from_ms(end),
        });
    }
    steps
}

#[cfg(test)]
mod tests;
