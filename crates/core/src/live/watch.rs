//! What the runner knows between its wakes, and what each wake does.
//!
//! The runner sleeps for `Watch::nap` — until the next deadline of the live session or the next
//! reminder, never longer than `MAX_NAP` and aligned to whole minutes of the remaining time (so the
//! tray's "12 min left" is exact) — and wakes early for a message. At each wake it measures whether
//! the wall clock kept pace with the time it slept (`Gap::measure`) and calls `Watch::wake`, which:
//!
//! - re-reads the live session from the store (a stale view cannot leave a session without a timer);
//! - records the phases that ended (one announcement for all that ended by time; none for a skip or
//!   a stop, which the user did);
//! - with auto-start off, holds the next phase (a Pause at the deadline);
//! - after a suspend, applies the sleep policy: a solo session pauses over the sleep, or keeps
//!   wall-clock time and records what ended meanwhile as slept; a session joined from a scheduled
//!   call always keeps wall-clock time — the call went on without you;
//! - at start-up, records the phases that ended while Stint was not running as such (never focus):
//!   while a phase runs, each wake keeps the instant in the store (`LAST_SEEN_EVERY` at most), so
//!   the next start knows from when Stint was gone;
//! - hands over the reminders that came due.
//!
//! `checked_until` — the instant through which deadlines have been handled — never moves back, so
//! a clock going back repeats no phase change, and a wake a hair before a deadline cannot skip it.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};

use super::notice::Notice;
use super::prefs::{SessionPrefs, SleepPolicy};
use super::reminders::Reminders;
use super::tray::TrayStatus;
use crate::announce;
use crate::session_view::SessionView;
use crate::store::{Away, Store};
use crate::timeline::{next_deadline, state_at, Event, EventKind, PhaseOutcome, PhaseRecord, Timeline};
use crate::Result;

/// The runner never sleeps longer than this, so it notices a suspend or a clock change soon.
pub const MAX_NAP: Duration = Duration::from_secs(60);
/// A wall clock this far off the monotonic time slept means the machine slept (or the clock moved).
const GAP_THRESHOLD: chrono::Duration = chrono::Duration::seconds(5);
/// How often, while a phase runs, the instant Stint was last seen running is written: the runner
/// wakes at least once a minute then, so this adds no wake, only a small write.
const LAST_SEEN_EVERY: chrono::Duration = chrono::Duration::seconds(55);

/// What the wall clock did while the runner slept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// It kept pace with the monotonic clock.
    None,
    /// It ran ahead: the machine slept (or the clock moved forward) from `from` until now.
    Ahead { from: DateTime<Utc> },
    /// It went back.
    Back,
}

impl Gap {
    /// Compares the wall clock at a wake (`now`) with the wall clock when the runner went to sleep
    /// (`slept_from`) plus the monotonic time that passed (`slept_for`), which stops during a suspend.
    pub fn measure(slept_from: DateTime<Utc>, slept_for: Duration, now: DateTime<Utc>) -> Gap {
        let awake_until = slept_from + chrono::Duration::from_std(slept_for).unwrap_or_default();
        if now - awake_until > GAP_THRESHOLD {
            Gap::Ahead { from: awake_until }
        } else if awake_until - now > GAP_THRESHOLD {
            Gap::Back
        } else {
            Gap::None
        }
    }
}

/// Why the runner woke, besides the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake {
    /// Its nap ended.
    Timer,
    /// The session was changed in the store (a user action): re-read it.
    Reload,
    /// The desktop says the machine is going to sleep or has resumed: look at the clocks now.
    SleepSignal,
    /// The user changed the settings the session depends on.
    Prefs(SessionPrefs),
    /// Calls or their reminder choices changed: re-read the next reminder.
    CallsChanged,
}

/// What a wake changed, and what to tell the user.
#[derive(Debug, Default)]
pub struct Woke {
    /// The live session changed: show its view (`Watch::view`) everywhere.
    pub changed: bool,
    /// Notifications to hand to the notifier, in order.
    pub notices: Vec<Notice>,
    /// What went wrong (the store refused something), for the log; the runner goes on.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone)]
struct Live {
    id: i64,
    timeline: Timeline,
    /// Joined from a scheduled call: keeps wall-clock time across a suspend.
    joined: bool,
    /// Mirrors a live room's host (`live::follow`): never held, keeps wall-clock time, and each of
    /// the host's actions is announced.
    followed: bool,
}

/// The runner's memory. See the module doc.
#[derive(Debug)]
pub struct Watch {
    prefs: SessionPrefs,
    live: Option<Live>,
    /// A session that ended since the last `view`: its final view is shown once.
    just_ended: Option<i64>,
    checked_until: DateTime<Utc>,
    reminders: Option<Reminders>,
    /// When the last-seen instant was last written.
    seen_written: Option<DateTime<Utc>>,
}

impl Watch {
    /// The watch at start-up: resumes the unfinished session, records what ended while Stint was
    /// not running, and announces the reminders that came due meanwhile. Its `changed` is always set,
    /// so the resumed session is shown.
    pub fn start(store: &mut Store, prefs: SessionPrefs, now: DateTime<Utc>, offset: FixedOffset) -> (Watch, Woke) {
        let mut woke = Woke { changed: true, ..Woke::default() };
        let reminders = Reminders::new(store, now).map_err(|e| woke.problem("cannot read the reminders", e)).ok();
        let mut watch =
            Watch { prefs, live: None, just_ended: None, checked_until: now, reminders, seen_written: None };
        watch.reload(store, now, &mut woke);
        let gone = match store.last_seen_running() {
            Ok(seen) => seen.filter(|seen| *seen < now).map(|seen| Away::not_running(seen, now)),
            Err(e) => {
                woke.problem("cannot read when Stint last ran", e);
                None
            }
        };
        watch.advance(store, now, gone, offset, &mut woke);
        watch.keep_seen(store, now, &mut woke);
        watch.take_reminders(store, now, offset, &mut woke);
        (watch, woke)
    }

    /// One wake at `now`, for `why`, after the wall clock did `gap`.
    pub fn wake(&mut self, store: &mut Store, now: DateTime<Utc>, offset: FixedOffset, gap: Gap, why: Wake) -> Woke {
        let mut woke = Woke::default();
        match gap {
            Gap::Ahead { from } => self.after_gap(store, from, now, offset, &mut woke),
            Gap::Back => woke.changed = true,
            Gap::None => {}
        }
        match why {
            Wake::Reload => {
                let before = self.live.clone();
                self.reload(store, now, &mut woke);
                woke.changed = true;
                self.announce_host(store, before, now, offset, &mut woke);
            }
            Wake::Prefs(prefs) => self.prefs = prefs,
            Wake::CallsChanged => {
                if let Some(reminders) = &mut self.reminders {
                    if let Err(e) = reminders.refresh(store, now) {
                        woke.problem("cannot read the next reminder", e);
                    }
                }
            }
            Wake::Timer | Wake::SleepSignal => {}
        }
        self.advance(store, now, None, offset, &mut woke);
        if self.reload(store, now, &mut woke) {
            woke.changed = true;
        }
        self.take_reminders(store, now, offset, &mut woke);
        self.keep_seen(store, now, &mut woke);
        woke
    }

    /// While a phase runs, keeps the instant in the store (at most every `LAST_SEEN_EVERY`), so that
    /// a later start can tell the phases that ended while Stint was not running.
    fn keep_seen(&mut self, store: &mut Store, now: DateTime<Utc>, woke: &mut Woke) {
        let running = self.live.as_ref().is_some_and(|live| next_deadline(&live.timeline, now).is_some());
        if !running || self.seen_written.is_some_and(|at| at <= now && now - at < LAST_SEEN_EVERY) {
            return;
        }
        match store.set_last_seen_running(now) {
            Ok(()) => self.seen_written = Some(now),
            Err(e) => woke.problem("cannot keep when Stint last ran", e),
        }
    }

    /// How long to sleep from `now`: to the next deadline or the next whole minute of remaining
    /// time, or to the next reminder, whichever comes first; `MAX_NAP` at most.
    ///
    /// The deadline is the first one after `checked_until`, not after `now`: a wake can come a hair
    /// before a deadline (timers are not exact to the wall clock) and the clock can pass it while
    /// the wake is handled. Looking from `now` would skip that deadline, and after the last phase
    /// there is no later one, so the session would never end. Overdue, it is handled at once.
    pub fn nap(&self, now: DateTime<Utc>) -> Duration {
        let session = self.live.as_ref().and_then(|live| {
            let deadline = next_deadline(&live.timeline, self.checked_until.min(now))?;
            // Whole milliseconds, rounded up, so that the timer does not fire before the deadline.
            let until_ms = (deadline - now).to_std().unwrap_or(Duration::ZERO).as_nanos().div_ceil(1_000_000);
            let to_minute = Duration::from_millis((until_ms % 60_000) as u64);
            Some(if to_minute.is_zero() { Duration::from_millis(until_ms as u64) } else { to_minute })
        });
        let reminder =
            self.reminders.as_ref().and_then(Reminders::next).map(|at| (at - now).to_std().unwrap_or(Duration::ZERO));
        [session, reminder].into_iter().flatten().min().unwrap_or(MAX_NAP).min(MAX_NAP)
    }

    /// What the tray shows at `now`.
    pub fn tray(&self, now: DateTime<Utc>) -> TrayStatus {
        TrayStatus::of(self.live.as_ref().map(|live| &live.timeline), now)
    }

    /// The view to show everywhere after a change: the live session's, or — once — the final view
    /// of the session that just ended; `None` when no session is live.
    pub fn view(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<Option<SessionView>> {
        match self.live.as_ref().map(|live| live.id).or(self.just_ended.take()) {
            Some(id) => store.session_view(id, now).map(Some),
            None => Ok(None),
        }
    }

    /// Re-reads the live session. True if it differs from what the watch knew.
    fn reload(&mut self, store: &mut Store, now: DateTime<Utc>, woke: &mut Woke) -> bool {
        let mut changed = false;
        match store.active_session() {
            Ok(active) => {
                let before = self.live.as_ref().map(|live| live.id);
                changed = match (&self.live, &active) {
                    (Some(live), Some(record)) => live.id != record.id || live.timeline != record.timeline,
                    (live, active) => live.is_some() != active.is_some(),
                };
                let followed = match &active {
                    Some(record) => super::room::is_followed(store, record.id).unwrap_or_else(|e| {
                        woke.problem("cannot read the live room's tie", e);
                        false
                    }),
                    None => false,
                };
                self.live = active.map(|record| Live {
                    id: record.id,
                    joined: record.call_id.is_some(),
                    followed,
                    timeline: record.timeline,
                });
                if before.is_some() && before != self.live.as_ref().map(|live| live.id) {
                    self.just_ended = before;
                }
            }
            Err(e) => woke.problem("cannot read the active session", e),
        }
        self.checked_until = self.checked_until.max(now);
        changed
    }

    /// Handles the deadlines that passed by `now`: records the finished phases (those that ended
    /// while the user was `away` with its outcome), holds the next phase when auto-start is off, and
    /// announces the phases that ended by themselves.
    fn advance(
        &mut self,
        store: &mut Store,
        now: DateTime<Utc>,
        away: Option<Away>,
        offset: FixedOffset,
        woke: &mut Woke,
    ) {
        let Some(live) = &self.live else { return };
        let id = live.id;
        let mut records = Vec::new();
        if !self.prefs.auto_start_next && !live.followed {
            if let Some(deadline) = next_deadline(&live.timeline, self.checked_until).filter(|d| *d <= now) {
                // Record up to the deadline first: a Pause may not go back before a recorded phase.
                records.extend(record(store, id, deadline, away, woke));
                if !state_at(&live.timeline, deadline).done {
                    match store.append_event(id, Event { at: deadline, kind: EventKind::Pause }) {
                        Ok(_) => {
                            woke.changed = true;
                            self.reload(store, now, woke);
                        }
                        Err(e) => woke.problem("cannot hold the next phase", e),
                    }
                }
            }
        }
        // Recording does not change the events, so this is the timeline the announcement speaks of.
        let Some(timeline) = self.live.as_ref().map(|live| live.timeline.clone()) else { return };
        records.extend(record(store, id, now, away, woke));
        self.checked_until = self.checked_until.max(now);
        if records.is_empty() {
            return;
        }
        // A session that just ended is no longer active: reloading clears it.
        self.reload(store, now, woke);
        woke.changed = true;
        // Phases the user ended (skip, stop) need no notification; one for all that ended by time.
        if records.iter().any(|r| !matches!(r.outcome, PhaseOutcome::Skipped | PhaseOutcome::Stopped)) {
            let announcement = announce::phase_change(&timeline, now, offset, self.prefs.speech());
            woke.notices.push(Notice::phase(announcement, self.live.is_some(), self.prefs.lang));
        }
    }

    /// The machine slept (or the clock jumped ahead) from `awake_until` to `now`.
    fn after_gap(
        &mut self,
        store: &mut Store,
        awake_until: DateTime<Utc>,
        now: DateTime<Utc>,
        offset: FixedOffset,
        woke: &mut Woke,
    ) {
        self.advance(store, awake_until, None, offset, woke);
        let Some(live) = &self.live else { return };
        let policy = if live.joined || live.followed { SleepPolicy::WallClock } else { self.prefs.sleep_policy };
        match policy {
            SleepPolicy::Pause => {
                let state = state_at(&live.timeline, awake_until);
                let later_events = live.timeline.events().iter().any(|e| e.at > awake_until);
                if state.paused || state.done || later_events {
                    return;
                }
                let id = live.id;
                let paused = store.append_event(id, Event { at: awake_until, kind: EventKind::Pause });
                match paused.and_then(|_| store.append_event(id, Event { at: now, kind: EventKind::Resume })) {
                    Ok(_) => woke.changed = true,
                    Err(e) => woke.problem("cannot pause the session over the sleep", e),
                }
                self.reload(store, now, woke);
            }
            SleepPolicy::WallClock => self.advance(store, now, Some(Away::slept(awake_until, now)), offset, woke),
        }
    }

    /// After a reload: a followed session that is new, or that the host changed, is announced with
    /// what the host did (`before` is the session the watch knew).
    fn announce_host(
        &mut self,
        store: &mut Store,
        before: Option<Live>,
        now: DateTime<Utc>,
        offset: FixedOffset,
        woke: &mut Woke,
    ) {
        let before_id = before.as_ref().map(|b| b.id);
        if let Some(live) = self.live.as_ref().filter(|l| l.followed && Some(l.id) != before_id) {
            let lang = self.prefs.lang;
            woke.notices.push(Notice::phase(
                super::room_words::joined(&live.timeline, now, offset, self.prefs.speech()),
                false,
                lang,
            ));
            return;
        }
        let Some(before) = before.filter(|b| b.followed) else { return };
        let timeline = match self.live.as_ref().filter(|l| l.id == before.id) {
            Some(live) => live.timeline.clone(),
            None => match store.session(before.id) {
                Ok(record) => record.timeline,
                Err(e) => return woke.problem("cannot read the followed session", e),
            },
        };
        let added = timeline.events().get(before.timeline.events().len()..).unwrap_or_default();
        if let Some(last) = added.last() {
            let lang = self.prefs.lang;
            let announcement = super::room_words::host_action(&timeline, last.kind, now, offset, self.prefs.speech());
            woke.notices.push(Notice::phase(announcement, false, lang));
        }
    }

    fn take_reminders(&mut self, store: &mut Store, now: DateTime<Utc>, offset: FixedOffset, woke: &mut Woke) {
        let Some(reminders) = &mut self.reminders else { return };
        match reminders.take_due(store, now, offset, self.prefs.speech()) {
            Ok(notices) => woke.notices.extend(notices),
            Err(e) => woke.problem("cannot read the reminders due", e),
        }
    }
}

impl Woke {
    fn problem(&mut self, what: &str, e: crate::Error) {
        self.problems.push(format!("{what}: {e}"));
    }
}

/// Records the phases of session `id` finished by `until`; a failure is noted and records nothing.
fn record(store: &mut Store, id: i64, until: DateTime<Utc>, away: Option<Away>, woke: &mut Woke) -> Vec<PhaseRecord> {
    store.record_phases(id, until, away).unwrap_or_else(|e| {
        woke.problem("cannot record finished phases", e);
        Vec::new()
    })
}
