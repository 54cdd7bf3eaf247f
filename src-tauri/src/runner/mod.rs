//! The runner: one tokio task keeps the live session's time. It only loops — sleep until core says
//! (`Watch::nap`), wake early for a message, measure whether the wall clock kept pace with the
//! monotonic time slept (a suspend, a clock change), call core (`Watch::wake`), and hand on what core
//! returned: notices to the notifier, the view to every window, the status to the tray and the main
//! window's title. What a wake means — phases that ended, the auto-start hold, the sleep policy,
//! which reminders are due — is decided in `stint_core::live`. Effects go through `Effects` and time through `Clock`, so the loop
//! runs in tests without Tauri.

pub mod clock;
pub mod shifted_clock;

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};
use stint_core::live::{Gap, Notice, SessionPrefs, TrayStatus, Wake, Watch, Woke};
use stint_core::session_view::SessionView;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::shared_store::SharedStore;
use clock::Clock;

/// The runner's effects on the world outside the store.
pub trait Effects: Send + 'static {
    /// Tells every window (`session-changed`); `None` when no session is live.
    fn session_changed(&self, view: Option<SessionView>);
    /// What the tray and the main window's title say.
    fn status(&self, status: TrayStatus);
    /// Hands a notice to the notifier; must not block.
    fn announce(&self, notice: Notice);
}

/// Messages to the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The session was changed through core (a user action): re-read it.
    Reload,
    /// logind says the machine is going to sleep or has resumed: check the clocks now.
    SleepSignal,
    /// The settings the session depends on changed.
    Prefs(SessionPrefs),
    /// Calls or their reminder choices changed: re-read the next reminder.
    CallsChanged,
}

impl From<Message> for Wake {
    fn from(message: Message) -> Self {
        match message {
            Message::Reload => Wake::Reload,
            Message::SleepSignal => Wake::SleepSignal,
            Message::Prefs(prefs) => Wake::Prefs(prefs),
            Message::CallsChanged => Wake::CallsChanged,
        }
    }
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

pub struct Runner<C, E> {
    clock: C,
    store: SharedStore,
    effects: E,
    prefs: SessionPrefs,
    inbox: mpsc::UnboundedReceiver<Message>,
}

impl<C: Clock, E: Effects> Runner<C, E> {
    pub fn new(clock: C, store: SharedStore, effects: E, prefs: SessionPrefs, inbox: Inbox) -> Self {
        Runner { clock, store, effects, prefs, inbox: inbox.0 }
    }

    /// Runs until every `RunnerHandle` is dropped. Resumes the unfinished session first, if any.
    pub async fn run(mut self) {
        let now = self.clock.now();
        let (mut watch, woke) = Watch::start(&mut self.store.lock(), self.prefs, now, local_offset(now));
        self.hand_on(&mut watch, woke, now);
        loop {
            let slept_from = self.clock.now();
            let mono_start = Instant::now();
            let nap = watch.nap(slept_from);
            log::debug!("runner at {slept_from}: nap {nap:?}");
            let why = tokio::select! {
                // Even with nothing due, core's nap is at most a minute: the store is re-read at every
                // wake, so a view that went stale (a missed `Reload`) cannot leave a session waiting.
                _ = self.clock.sleep(nap) => Wake::Timer,
                message = self.inbox.recv() => match message {
                    Some(message) => message.into(),
                    None => return,
                },
            };
            let now = self.clock.now();
            let gap = Gap::measure(slept_from, mono_start.elapsed(), now);
            if gap != Gap::None {
                log::info!("the wall clock did not keep pace with the time slept: {gap:?}");
            }
            let woke = watch.wake(&mut self.store.lock(), now, local_offset(now), gap, why);
            self.hand_on(&mut watch, woke, now);
        }
    }

    /// Hands on what a wake returned: problems to the log, notices to the notifier, the view to the
    /// windows (when it changed), the status to the tray and the window title.
    fn hand_on(&self, watch: &mut Watch, woke: Woke, now: DateTime<Utc>) {
        for problem in &woke.problems {
            log::warn!("{problem}");
        }
        for notice in woke.notices {
            self.effects.announce(notice);
        }
        if woke.changed {
            match watch.view(&mut self.store.lock(), now) {
                Ok(view) => self.effects.session_changed(view),
                Err(e) => log::error!("cannot build the session view: {e}"),
            }
        }
        self.effects.status(watch.tray(now));
    }
}

/// The user's offset from UTC at `at`, for the clock times in notices.
fn local_offset(at: DateTime<Utc>) -> FixedOffset {
    at.with_timezone(&Local).offset().fix()
}

#[cfg(test)]
mod tests;
