//! The runner: one tokio task owns the live session.
//!
//! It sleeps until the next deadline of the timeline, never longer than 60 s and aligned to whole
//! minutes of the remaining time (so the tray's "12 min left" is exact), and wakes early for a
//! message; with nothing due it still wakes once a minute. At each wake it re-reads the session from
//! the store (so a stale view cannot leave a session without a timer) and compares the wall clock
//! with the monotonic time it slept; a wall clock that ran ahead means a suspend (or a clock
//! change), handled per the sleep policy. At a deadline it
//! records the finished phases, emits one `session-changed`, updates the tray and queues one
//! announcement. With `with_reminders`, it also wakes for calls' reminders (see `reminders`) and
//! hands each to the notifier once. Effects go through `Effects`, the store through `Sessions`, time
//! through `Clock`, so all of it runs in tests without Tauri.

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono::{Local, Offset};
use stint_core::announce;
use stint_core::timeline::{self, Event, EventKind, PhaseOutcome, PhaseRecord, Timeline};
use stint_core::Result;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::clock::Clock;
use crate::notifier::Notice;
use crate::reminders::{ReminderSource, ReminderTracker};
use crate::settings::SleepPolicy;

/// The runner never sleeps longer than this, so it notices a suspend or a clock change soon.
pub const MAX_NAP: Duration = Duration::from_secs(60);
/// A wall clock this far ahead of the monotonic time slept means the machine slept (or the clock moved).
const GAP_THRESHOLD: chrono::Duration = chrono::Duration::seconds(5);

pub type SessionId = i64;

/// What the runner needs of the store.
pub trait Sessions: Send + 'static {
    type View: Send;
    /// The unfinished session, if any.
    fn active(&self) -> Result<Option<(SessionId, Timeline)>>;
    /// Persists an event (validated against the timeline by the store).
    fn append(&self, id: SessionId, event: Event) -> Result<()>;
    /// Records the phases finished by `now` that are not recorded yet and returns them; those that
    /// ended inside `slept` get the outcome Slept.
    fn record_phases(
        &self,
        id: SessionId,
        now: DateTime<Utc>,
        slept: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Vec<PhaseRecord>>;
    /// What the UI shows.
    fn view(&self, id: SessionId, now: DateTime<Utc>) -> Result<Self::View>;
}

/// The runner's effects on the world outside the store.
pub trait Effects<View>: Send + 'static {
    /// Tells the UI (`session-changed`); `None` when no session is live or just ended.
    fn session_changed(&self, view: Option<View>);
    fn tray(&self, status: TrayStatus);
    /// Hands a notice to the notifier; must not block.
    fn announce(&self, notice: Notice);
}

/// What the tray shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayStatus {
    Idle,
    Running { minutes_left: u32 },
    Paused,
}

impl TrayStatus {
    pub fn text(&self) -> String {
        match self {
            TrayStatus::Idle => "Stint".into(),
            TrayStatus::Running { minutes_left } => format!("{minutes_left} min left"),
            TrayStatus::Paused => "Paused".into(),
        }
    }
}

/// The settings the runner acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunnerSettings {
    pub auto_start_next: bool,
    pub sleep_policy: SleepPolicy,
}

impl From<&crate::settings::Settings> for RunnerSettings {
    fn from(s: &crate::settings::Settings) -> Self {
        RunnerSettings { auto_start_next: s.auto_start_next, sleep_policy: s.sleep_policy }
    }
}

/// Messages to the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The session was changed through the store (started, paused, stopped … by a command): re-read it.
    Reload,
    /// Apply a user action now (from the tray or a notification).
    Act(EventKind),
    /// Pause if running, resume if paused (the tray's Start/Pause).
    TogglePause,
    /// logind says the machine is going to sleep or has resumed: check the clocks now.
    SleepSignal,
    Settings(RunnerSettings),
    /// Calls or their reminder choices changed: re-read the next reminder.
    CallsChanged,
}

/// Sends messages to the runner; cheap to clone, never blocks.
#[derive(Clone)]
pub struct RunnerHandle(mpsc::UnboundedSender<Message>);

/// The runner's end of the channel.
pub struct Inbox(mpsc::UnboundedReceiver<Message>);

#[cfg(test)]
impl Inbox {
    /// The messages sent so far, for tests that stand in for the runner.
    pub fn drain(&mut self) -> Vec<Message> {
        std::iter::from_fn(|| self.0.try_recv().ok()).collect()
    }
}

/// A channel to a runner that is built later (the notifier and the tray need the handle first).
pub fn channel() -> (RunnerHandle, Inbox) {
    let (tx, rx) = mpsc::unbounded_channel();
    (RunnerHandle(tx), Inbox(rx))
}

impl RunnerHandle {
    pub fn send(&self, message: Message) {
        if self.0.send(message).is_err() {
            log::warn!("the runner has stopped; message dropped");
        }
    }
}

struct Live {
    id: SessionId,
    timeline: Timeline,
}

pub struct Runner<C, S: Sessions, E> {
    clock: C,
    sessions: S,
    effects: E,
    settings: RunnerSettings,
    inbox: mpsc::UnboundedReceiver<Message>,
    live: Option<Live>,
    /// A session that ended since the last `publish`: its final view is shown once.
    just_ended: Option<SessionId>,
    /// The wall instant through which deadlines have been handled; never moves back.
    checked_until: DateTime<Utc>,
    /// Calls' reminders, when the runner announces them (`with_reminders`).
    reminders: Option<ReminderTracker>,
}

impl<C: Clock, S: Sessions, E: Effects<S::View>> Runner<C, S, E> {
    pub fn new(clock: C, sessions: S, effects: E, settings: RunnerSettings, inbox: Inbox) -> Self {
        let checked_until = clock.now();
        Runner {
            clock,
            sessions,
            effects,
            settings,
            inbox: inbox.0,
            live: None,
            just_ended: None,
            checked_until,
            reminders: None,
        }
    }

    /// Also announces the reminders of `source`'s calls; the runner's sleep then covers the next one.
    pub fn with_reminders(mut self, source: impl ReminderSource) -> Self {
        self.reminders = Some(ReminderTracker::new(source, self.clock.now()));
        self
    }

    /// Runs until every `RunnerHandle` is dropped. Resumes the unfinished session first, if any.
    pub async fn run(mut self) {
        let now = self.clock.now();
        self.reload(now);
        self.advance(now, None); // phases that ended while the app was not running
        self.publish(now);
        self.announce_reminders(now); // reminders that came due while the app was not running
        loop {
            let slept_from = self.clock.now();
            let mono_start = Instant::now();
            let nap = shorter(self.nap(slept_from), self.reminder_nap(slept_from));
            log::debug!("runner at {slept_from}: live {:?}, nap {nap:?}", self.live.as_ref().map(|live| live.id));
            let message = tokio::select! {
                // Even with nothing due, wake once a minute: the store is re-read at every wake, so a
                // view that went stale (a missed `Reload`) cannot leave a session waiting forever.
                _ = self.clock.sleep(nap.unwrap_or(MAX_NAP)) => None,
                message = self.inbox.recv() => match message {
                    Some(message) => Some(message),
                    None => return,
                },
            };
            let now = self.clock.now();
            log::debug!("runner woke at {now} for {message:?}");
            let awake_until = slept_from + chrono::Duration::from_std(mono_start.elapsed()).unwrap_or_default();
            let mut changed = false;
            if now - awake_until > GAP_THRESHOLD {
                log::info!(
                    "the wall clock ran {} s ahead (suspend or clock change)",
                    (now - awake_until).num_seconds()
                );
                changed |= self.after_gap(awake_until, now);
            } else if awake_until - now > GAP_THRESHOLD {
                log::info!("the wall clock went back {} s", (awake_until - now).num_seconds());
                changed = true;
            }
            if let Some(message) = message {
                changed |= self.handle(message, now);
            }
            changed |= self.advance(now, None);
            changed |= self.reload(now);
            self.announce_reminders(now);
            if changed {
                self.publish(now);
            } else {
                self.effects.tray(self.tray_status(now));
            }
        }
    }

    /// How long to sleep: to the next deadline or the next whole minute of remaining time, ≤ 60 s.
    /// `None` when nothing will change by itself (no session, or paused).
    ///
    /// The deadline is the first one after `checked_until`, not after `now`: a wake can come a hair
    /// before a deadline (timers are not exact to the wall clock) and the clock can pass it while
    /// the wake is handled. Looking from `now` would skip that deadline, and after the last phase
    /// there is no later one, so the session would never end. Overdue, it is handled at once.
    fn nap(&self, now: DateTime<Utc>) -> Option<Duration> {
        let live = self.live.as_ref()?;
        let deadline = timeline::next_deadline(&live.timeline, self.checked_until.min(now))?;
        // Whole milliseconds, rounded up, so that the timer does not fire before the deadline.
        let until_ms = (deadline - now).to_std().unwrap_or(Duration::ZERO).as_nanos().div_ceil(1_000_000);
        let to_minute = Duration::from_millis((until_ms % 60_000) as u64);
        Some(if to_minute.is_zero() { Duration::from_millis(until_ms as u64).min(MAX_NAP) } else { to_minute })
    }

    /// How long to sleep until the next reminder (≤ 60 s); `None` when none is ahead.
    fn reminder_nap(&self, now: DateTime<Utc>) -> Option<Duration> {
        let at = self.reminders.as_ref()?.next()?;
        Some((at - now).to_std().unwrap_or(Duration::ZERO).min(MAX_NAP))
    }

    /// Hands every reminder due by `now` to the notifier.
    fn announce_reminders(&mut self, now: DateTime<Utc>) {
        let Some(reminders) = &mut self.reminders else { return };
        for notice in reminders.take_due(now) {
            self.effects.announce(notice);
        }
    }

    fn handle(&mut self, message: Message, now: DateTime<Utc>) -> bool {
        match message {
            Message::Reload => {
                self.reload(now);
                true
            }
            Message::Act(kind) => self.act(kind, now),
            Message::TogglePause => {
                let Some(live) = &self.live else { return false };
                let state = timeline::state_at(&live.timeline, now);
                if state.done {
                    return false;
                }
                self.act(if state.paused { EventKind::Resume } else { EventKind::Pause }, now)
            }
            Message::SleepSignal => false,
            Message::Settings(settings) => {
                self.settings = settings;
                false
            }
            Message::CallsChanged => {
                if let Some(reminders) = &mut self.reminders {
                    reminders.refresh(now);
                }
                false
            }
        }
    }

    fn act(&mut self, kind: EventKind, now: DateTime<Utc>) -> bool {
        let Some(live) = &self.live else { return false };
        if let Err(e) = self.sessions.append(live.id, Event { at: now, kind }) {
            log::warn!("cannot apply {kind:?}: {e}");
            return false;
        }
        self.reload(now);
        true
    }

    /// Re-reads the live session from the store. True if it differs from the runner's view.
    fn reload(&mut self, now: DateTime<Utc>) -> bool {
        let mut changed = false;
        match self.sessions.active() {
            Ok(active) => {
                let before = self.live.as_ref().map(|live| live.id);
                changed = match (&self.live, &active) {
                    (Some(live), Some((id, timeline))) => live.id != *id || live.timeline != *timeline,
                    (live, active) => live.is_some() != active.is_some(),
                };
                self.live = active.map(|(id, timeline)| Live { id, timeline });
                if before.is_some() && before != self.live.as_ref().map(|live| live.id) {
                    self.just_ended = before;
                }
            }
            Err(e) => log::error!("cannot read the active session: {e}"),
        }
        if self.checked_until < now {
            self.checked_until = now;
        }
        changed
    }

    /// Handles deadlines that passed by `now`: records the finished phases, holds the next phase when
    /// auto-start is off, and announces phases that ended by themselves. True if anything changed.
    fn advance(&mut self, now: DateTime<Utc>, slept: Option<(DateTime<Utc>, DateTime<Utc>)>) -> bool {
        let Some(live) = &self.live else { return false };
        let id = live.id;
        let mut records = Vec::new();
        let mut changed = false;
        if !self.settings.auto_start_next {
            if let Some(deadline) = timeline::next_deadline(&live.timeline, self.checked_until).filter(|d| *d <= now) {
                // Record up to the deadline first: a Pause may not go back before a recorded phase.
                records.extend(self.record(id, deadline, slept));
                if !timeline::state_at(&live.timeline, deadline).done {
                    match self.sessions.append(id, Event { at: deadline, kind: EventKind::Pause }) {
                        Ok(()) => changed = true,
                        Err(e) => log::warn!("cannot hold the next phase: {e}"),
                    }
                }
            }
        }
        if changed {
            self.reload(now);
        }
        // Recording does not change the events, so this is the timeline the announcement speaks of.
        let Some(timeline) = self.live.as_ref().map(|live| live.timeline.clone()) else { return changed };
        records.extend(self.record(id, now, slept));
        if self.checked_until < now {
            self.checked_until = now;
        }
        if records.is_empty() {
            return changed;
        }
        // A session that just ended is no longer active: reloading clears it.
        self.reload(now);
        // Phases the user ended (skip, stop) need no notification; one for all that ended by time.
        if records.iter().any(|r| matches!(r.outcome, PhaseOutcome::Completed | PhaseOutcome::Slept)) {
            let offset = now.with_timezone(&Local).offset().fix();
            let announcement = announce::phase_change(&timeline, now, offset);
            self.effects.announce(Notice::phase(announcement, self.live.is_some()));
        }
        true
    }

    fn record(
        &self,
        id: SessionId,
        until: DateTime<Utc>,
        slept: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Vec<PhaseRecord> {
        self.sessions.record_phases(id, until, slept).unwrap_or_else(|e| {
            log::error!("cannot record finished phases: {e}");
            Vec::new()
        })
    }

    /// The machine slept (or the clock jumped ahead) from `awake_until` to `now`.
    fn after_gap(&mut self, awake_until: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let mut changed = self.advance(awake_until, None);
        let Some(live) = &self.live else { return changed };
        let id = live.id;
        match self.settings.sleep_policy {
            SleepPolicy::Pause => {
                let state = timeline::state_at(&live.timeline, awake_until);
                let later_events = live.timeline.events().iter().any(|e| e.at > awake_until);
                if !state.paused && !state.done && !later_events {
                    let paused = self.sessions.append(id, Event { at: awake_until, kind: EventKind::Pause });
                    let resumed =
                        paused.and_then(|()| self.sessions.append(id, Event { at: now, kind: EventKind::Resume }));
                    match resumed {
                        Ok(()) => changed = true,
                        Err(e) => log::warn!("cannot pause the session over the sleep: {e}"),
                    }
                    self.reload(now);
                }
            }
            SleepPolicy::WallClock => {
                changed |= self.advance(now, Some((awake_until, now)));
            }
        }
        changed
    }

    fn tray_status(&self, now: DateTime<Utc>) -> TrayStatus {
        let Some(live) = &self.live else { return TrayStatus::Idle };
        let state = timeline::state_at(&live.timeline, now);
        if state.done {
            TrayStatus::Idle
        } else if state.paused {
            TrayStatus::Paused
        } else {
            TrayStatus::Running { minutes_left: (state.remaining_ms.max(0) as u64).div_ceil(60_000) as u32 }
        }
    }

    /// Emits the current view (or, once, the final view of a session that just ended) and updates the tray.
    fn publish(&mut self, now: DateTime<Utc>) {
        let shown = self.live.as_ref().map(|live| live.id).or(self.just_ended.take());
        let view = match shown {
            Some(id) => match self.sessions.view(id, now) {
                Ok(view) => Some(view),
                Err(e) => {
                    log::error!("cannot build the session view: {e}");
                    return;
                }
            },
            None => None,
        };
        self.effects.session_changed(view);
        self.effects.tray(self.tray_status(now));
    }
}

/// The shorter of two optional naps (`None` = no need to wake).
fn shorter(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests;
