//! Replays a timeline up to an instant: the one place where events and deadlines meet.
//!
//! All arithmetic is in whole milliseconds since the Unix epoch.

use chrono::{DateTime, Utc};

use super::expand::Expansion;
use super::{EventKind, PhaseOutcome, PhaseRecord, Timeline};
use crate::format::{Phase, PhaseKind};

pub(super) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The instant `ms` after the epoch, saturating at chrono's representable range.
pub(super) fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(if ms < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// The phase in progress (or, once the session is over, the last one).
#[derive(Debug, Clone)]
pub(super) struct Current {
    pub index: u64,
    /// Expanded; its `seconds` include any extensions.
    pub phase: Phase,
    pub started: i64,
    /// Planned running time including extensions.
    pub planned: i64,
    /// Running time accumulated before `running_since`.
    pub ran: i64,
    /// `None` while paused.
    pub running_since: Option<i64>,
    pub extended: bool,
}

impl Current {
    fn start(index: u64, phase: Phase, at: i64, running: bool) -> Self {
        let planned = i64::from(phase.seconds) * 1000;
        Current { index, phase, started: at, planned, ran: 0, running_since: running.then_some(at), extended: false }
    }

    pub fn ends_at(&self) -> Option<i64> {
        self.running_since.map(|since| since + self.planned - self.ran)
    }

    /// Running time of this phase up to `at`, pauses excluded.
    pub fn ran_by(&self, at: i64) -> i64 {
        self.ran + self.running_since.map_or(0, |since| at - since)
    }

    /// Planned running time left at `at`, never negative.
    pub fn remaining_at(&self, at: i64) -> i64 {
        (self.planned - self.ran_by(at)).max(0)
    }
}

pub(super) struct Walk<'a> {
    expansion: Expansion<'a>,
    pub current: Current,
    /// When the session ended, if it has.
    pub ended_at: Option<i64>,
    /// The phases that ended, when the walk was asked to record them.
    pub records: Option<Vec<PhaseRecord>>,
}

impl<'a> Walk<'a> {
    pub fn expansion(&self) -> &Expansion<'a> {
        &self.expansion
    }
}

/// Walks `timeline` up to `now`, recording every phase that ended when `record` is set.
/// Without recording it may jump over whole cycles of a repeating format, so the cost is
/// O(events + phases of one cycle) however far `now` is; with them it is O(events + phases ended).
pub(super) fn walk(timeline: &Timeline, now: i64, record: bool) -> Walk<'_> {
    let expansion = Expansion::new(&timeline.format);
    let start = to_ms(timeline.started_at);
    let (current, ended_at) = match expansion.phase(0) {
        Some(first) => (Current::start(0, first, start, true), None),
        None => (Current::start(0, empty_phase(), start, false), Some(start)),
    };
    let mut walk = Walk { expansion, current, ended_at, records: record.then(Vec::new) };
    for event in timeline.events() {
        let at = to_ms(event.at);
        if at > now {
            break;
        }
        walk.advance(at);
        if walk.ended_at.is_some() {
            break;
        }
        walk.apply(event.kind, at);
    }
    walk.advance(now);
    walk
}

/// What a format without phases shows: it is over as soon as it starts.
fn empty_phase() -> Phase {
    Phase { label: String::new(), kind: PhaseKind::Focus, seconds: 0, prompt: None }
}

impl Walk<'_> {
    /// Lets time run to `to`: every phase whose deadline is at or before `to` completes.
    fn advance(&mut self, to: i64) {
        while self.ended_at.is_none() {
            if self.records.is_none() {
                self.jump_cycles(to);
            }
            match self.current.ends_at() {
                Some(ends) if ends <= to => {
                    self.finish(ends, PhaseOutcome::Completed);
                    self.next(ends, true);
                }
                _ => return,
            }
        }
    }

    /// At the untouched start of a cycle, skips every whole cycle that ends by `to`, never past
    /// the last phase of a finite format.
    fn jump_cycles(&mut self, to: i64) {
        let Some(cycle) = self.expansion.cycle() else { return };
        let c = &self.current;
        let untouched = c.ran == 0 && c.running_since == Some(c.started) && !c.extended;
        if !untouched || !c.index.is_multiple_of(cycle.phases) || to <= c.started {
            return;
        }
        let mut cycles = (to - c.started) / cycle.ms;
        if let Some(len) = self.expansion.len() {
            cycles = cycles.min(i64::try_from(len.saturating_sub(c.index + 1) / cycle.phases).unwrap_or(i64::MAX));
        }
        let Ok(whole) = u64::try_from(cycles) else { return };
        if whole == 0 {
            return;
        }
        let index = c.index + whole * cycle.phases;
        let started = c.started + cycles * cycle.ms;
        if let Some(phase) = self.expansion.phase(index) {
            self.current = Current::start(index, phase, started, true);
        }
    }

    fn apply(&mut self, kind: EventKind, at: i64) {
        let c = &mut self.current;
        match kind {
            EventKind::Pause => {
                c.ran = c.ran_by(at);
                c.running_since = None;
            }
            EventKind::Resume => c.running_since = Some(at),
            EventKind::Extend { seconds } => {
                c.planned += i64::from(seconds) * 1000;
                c.phase.seconds = c.phase.seconds.saturating_add(seconds);
                c.extended = true;
            }
            EventKind::Skip => {
                let running = c.running_since.is_some();
                self.finish(at, PhaseOutcome::Skipped);
                self.next(at, running);
            }
            EventKind::Stop => {
                // A phase that had not begun at all when the session stopped is not history.
                if at > self.current.started {
                    self.finish(at, PhaseOutcome::Stopped);
                }
                self.ended_at = Some(at);
            }
        }
    }

    fn finish(&mut self, at: i64, outcome: PhaseOutcome) {
        let Some(records) = self.records.as_mut() else { return };
        let c = &self.current;
        records.push(PhaseRecord {
            index: u32::try_from(c.index).unwrap_or(u32::MAX),
            label: c.phase.label.clone(),
            kind: c.phase.kind,
            planned_seconds: c.phase.seconds,
            started_at: from_ms(c.started),
            ended_at: from_ms(at),
            actual_seconds: u32::try_from((c.ran_by(at) + 500) / 1000).unwrap_or(u32::MAX),
            outcome,
        });
    }

    /// Starts the phase after the current one at `at`, or ends the session if there is none.
    fn next(&mut self, at: i64, running: bool) {
        let index = self.current.index + 1;
        match self.expansion.phase(index) {
            Some(phase) => self.current = Current::start(index, phase, at, running),
            None => {
                self.current.running_since = None;
                self.ended_at = Some(at);
            }
        }
    }
}
