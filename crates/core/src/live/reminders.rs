//! Reminders of scheduled calls, as the runner sees them.
//!
//! `Reminders` keeps the instant of the next reminder (so the runner's sleep covers it — no polling)
//! and the instant through which reminders have been handled, which never moves back. At each wake
//! it hands over every reminder whose instant is in `(handled, now]`:
//!
//! - each reminder is announced once: a clock going back, or a wake right after one, finds nothing
//!   new; the last announced instant is kept in the database so a restart does not repeat it either
//!   (one kept in the future — a clock that was wrong — is not trusted past `now`);
//! - a reminder the machine slept through (or that came due while Stint was closed) is announced
//!   late, saying so ("… started 3 min ago"), as long as its occurrence has not ended — the call can
//!   still be joined; one whose occurrence is over is dropped silently;
//! - the first start of Stint (nothing kept yet) announces nothing from the past.

use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::notice::{JoinTarget, Notice};
use crate::announce;
use crate::calls::MAX_REMINDER_MINUTES;
use crate::i18n::Speech;
use crate::store::Store;
use crate::Result;

/// A reminder older than this has an occurrence that is over (a reminder comes at most a week
/// before, and a call lasts at most a day), so a scan never needs to look further back.
fn late_window() -> Duration {
    Duration::minutes(i64::from(MAX_REMINDER_MINUTES)) + Duration::days(1)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminders {
    /// Every reminder at or before this instant has been handled.
    handled_through: DateTime<Utc>,
    /// The next reminder's instant, re-read when the calls change or a reminder is handled.
    next: Option<DateTime<Utc>>,
}

impl Reminders {
    /// Picks up where the last run of Stint left off (as kept in `store`).
    pub fn new(store: &mut Store, now: DateTime<Utc>) -> Result<Self> {
        let kept = store.last_announced_reminder()?;
        let mut reminders = Reminders { handled_through: kept.map_or(now, |kept| kept.min(now)), next: None };
        reminders.refresh(store, now)?;
        Ok(reminders)
    }

    /// Re-reads the next reminder (after the calls or their reminder choices changed).
    pub fn refresh(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        let after = self.handled_through.max(now - late_window());
        self.next = store.next_reminder(after)?.map(|r| r.at);
        Ok(())
    }

    /// When the runner must be awake for the next reminder, if there is one.
    pub fn next(&self) -> Option<DateTime<Utc>> {
        self.next
    }

    /// The notices of every reminder due by `now` that was not handled yet (see the module doc);
    /// clock times in the notices are shown at `offset`.
    pub fn take_due(
        &mut self,
        store: &mut Store,
        now: DateTime<Utc>,
        offset: FixedOffset,
        speech: impl Into<Speech>,
    ) -> Result<Vec<Notice>> {
        let speech = speech.into();
        if self.next.is_none_or(|next| next > now) {
            return Ok(Vec::new());
        }
        let after = self.handled_through.max(now - late_window());
        let due = store.reminders_due(after, now)?;
        let notices = due
            .iter()
            .filter(|r| r.occurrence.ends_at > now)
            .map(|r| {
                let announcement = announce::reminder(
                    &r.call.title,
                    r.occurrence.starts_at,
                    r.occurrence.ends_at,
                    now,
                    offset,
                    speech,
                );
                let join = JoinTarget { call_id: r.call.id.clone(), occurrence_start: r.occurrence.starts_at };
                Notice::reminder(announcement, join, speech.lang)
            })
            .collect();
        if let Some(last) = due.last() {
            store.set_last_announced_reminder(last.at)?;
        }
        self.handled_through = self.handled_through.max(now);
        self.refresh(store, now)?;
        Ok(notices)
    }
}
