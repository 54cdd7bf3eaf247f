//! Reminders of scheduled calls, as the runner sees them.
//!
//! The runner keeps a `ReminderTracker`: the instant of the next reminder (so its sleep covers it —
//! no polling) and the instant through which reminders have been handled, which never moves back.
//! At each wake the tracker hands over every reminder whose instant is in `(handled, now]`:
//!
//! - each reminder is announced once: a clock going back, or a wake right after one, finds nothing
//!   new; the last announced instant is kept in the database so a restart does not repeat it either;
//! - a reminder the machine slept through (or that came due while Stint was closed) is announced
//!   late, saying so ("… started 3 min ago"), as long as its occurrence has not ended — the call can
//!   still be joined; one whose occurrence is over is dropped silently;
//! - the first start of Stint (no file yet) announces nothing from the past.

use std::path::Path;

use chrono::{DateTime, Duration, Local, Offset, Utc};
use serde::Deserialize;
use stint_core::announce;
use stint_core::calls::MAX_REMINDER_MINUTES;
use stint_core::store::Reminder;
use stint_core::Result;

use crate::notifier::Notice;
use crate::state::SharedStore;

/// The file an older Stint kept the last announced reminder in; carried over into the database once.
const OLD_FILE_NAME: &str = "reminders.json";

/// What the user picks on a reminder: join this occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinTarget {
    pub call_id: String,
    pub occurrence_start: DateTime<Utc>,
}

/// Where reminders come from, and where the last announced one is kept.
pub trait ReminderSource: Send + 'static {
    /// The instant of the first reminder strictly after `after`.
    fn next_after(&self, after: DateTime<Utc>) -> Result<Option<DateTime<Utc>>>;
    /// Every reminder with its instant in `(after, until]`, in time order.
    fn due(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Reminder>>;
    /// The instant of the last reminder announced, as kept across restarts.
    fn last_announced(&self) -> Option<DateTime<Utc>>;
    fn set_last_announced(&self, at: DateTime<Utc>);
}

/// A reminder older than this has an occurrence that is over (a reminder comes at most a week
/// before, and a call lasts at most a day), so a scan never needs to look further back.
fn late_window() -> Duration {
    Duration::minutes(i64::from(MAX_REMINDER_MINUTES)) + Duration::days(1)
}

pub struct ReminderTracker {
    source: Box<dyn ReminderSource>,
    /// Every reminder at or before this instant has been handled.
    handled_through: DateTime<Utc>,
    /// The next reminder's instant, re-read when the calls change or a reminder is handled.
    next: Option<DateTime<Utc>>,
}

impl ReminderTracker {
    pub fn new(source: impl ReminderSource, now: DateTime<Utc>) -> Self {
        let handled_through = source.last_announced().unwrap_or(now);
        let mut tracker = ReminderTracker { source: Box::new(source), handled_through, next: None };
        tracker.refresh(now);
        tracker
    }

    /// Re-reads the next reminder (after the calls or their reminder choices changed).
    pub fn refresh(&mut self, now: DateTime<Utc>) {
        let after = self.handled_through.max(now - late_window());
        self.next = self.source.next_after(after).unwrap_or_else(|e| {
            log::error!("cannot read the next reminder: {e}");
            None
        });
    }

    /// When the runner must be awake for the next reminder, if there is one.
    pub fn next(&self) -> Option<DateTime<Utc>> {
        self.next
    }

    /// The notices of every reminder due by `now` that was not handled yet (see the module doc).
    pub fn take_due(&mut self, now: DateTime<Utc>) -> Vec<Notice> {
        if self.next.is_none_or(|next| next > now) {
            return Vec::new();
        }
        let after = self.handled_through.max(now - late_window());
        let due = self.source.due(after, now).unwrap_or_else(|e| {
            log::error!("cannot read the reminders due: {e}");
            Vec::new()
        });
        let offset = now.with_timezone(&Local).offset().fix();
        let notices: Vec<Notice> = due
            .iter()
            .filter(|r| r.occurrence.ends_at > now)
            .map(|r| {
                let announcement =
                    announce::reminder(&r.call.title, r.occurrence.starts_at, r.occurrence.ends_at, now, offset);
                let join = JoinTarget { call_id: r.call.id.clone(), occurrence_start: r.occurrence.starts_at };
                Notice::reminder(announcement, join)
            })
            .collect();
        if let Some(last) = due.last() {
            self.source.set_last_announced(last.at);
        }
        self.handled_through = self.handled_through.max(now);
        self.refresh(now);
        notices
    }
}

/// Reminders from the store, which also keeps the last announced instant.
pub struct StoreReminders {
    pub store: SharedStore,
}

impl StoreReminders {
    /// Reminders of `store`; an older Stint's `reminders.json` in `data_dir` is carried over first.
    pub fn new(store: SharedStore, data_dir: &Path) -> Self {
        carry_over(&store, data_dir);
        StoreReminders { store }
    }
}

#[derive(Deserialize)]
struct Kept {
    last_announced: DateTime<Utc>,
}

/// Moves the instant kept in an older Stint's `reminders.json` into the database, then removes the file.
fn carry_over(store: &SharedStore, data_dir: &Path) {
    let file = data_dir.join(OLD_FILE_NAME);
    let Ok(bytes) = std::fs::read(&file) else { return };
    if let Ok(kept) = serde_json::from_slice::<Kept>(&bytes) {
        if let Err(e) = store.lock().set_last_announced_reminder(kept.last_announced) {
            log::warn!("cannot carry over {}: {e}", file.display());
            return;
        }
    }
    if let Err(e) = std::fs::remove_file(&file) {
        log::warn!("cannot remove {}: {e}", file.display());
    }
}

impl ReminderSource for StoreReminders {
    fn next_after(&self, after: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        Ok(self.store.lock().next_reminder(after)?.map(|r| r.at))
    }

    fn due(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Reminder>> {
        self.store.lock().reminders_due(after, until)
    }

    fn last_announced(&self) -> Option<DateTime<Utc>> {
        self.store.lock().last_announced_reminder().unwrap_or_else(|e| {
            log::warn!("cannot read the last announced reminder: {e}");
            None
        })
    }

    fn set_last_announced(&self, at: DateTime<Utc>) {
        if let Err(e) = self.store.lock().set_last_announced_reminder(at) {
            log::warn!("cannot keep the last announced reminder: {e}");
        }
    }
}
