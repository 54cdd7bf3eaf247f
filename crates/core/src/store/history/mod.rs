//! History: what happened, counted honestly in the user's days.
//!
//! Days are the local days of the zone the caller passes in (`chrono_tz::Tz`); core never reads the
//! system's zone or the clock (`today` comes in too). Time counts only from phases whose outcome
//! counts (`PhaseOutcome::counts`: never time slept through); a phase across midnight is split between
//! the days in proportion to the wall-clock time it spent in each. The counting reads a rollup kept
//! beside the phases (`rollup`), so that every History query stays fast on ten years of use.

mod days;
mod detail;
mod edit;
mod list;
mod period;
pub(super) mod rollup;
mod spread;

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::Transaction;

use super::Store;
use crate::i18n::Msg;
use crate::timeline::PhaseRecord;
use crate::{Error, Result};

pub use days::{parse_day, parse_zone, MAX_RANGE_DAYS};
pub use detail::{OutcomeCount, PhaseDetail, SessionDetail};
pub use edit::{PhaseEdit, SessionEdit, MAX_NOTES_CHARS, MAX_TITLE_CHARS};
pub use list::{SessionSummary, MAX_PAGE};
pub use period::{
    CommitmentsKept, DayFocus, FormatTotal, HistoryOverview, HistoryPeriod, HourFocus, KindTotal, Streaks,
};

/// Adds a newly recorded phase to the rollup (in the transaction that records it).
pub(super) fn count_phase(tx: &Transaction, phase: &PhaseRecord, started_at: i64, ended_at: i64) -> Result<()> {
    let kind = super::codec::enum_name(&phase.kind);
    let counted = rollup::Counted {
        kind: &kind,
        outcome: phase.outcome,
        started_at,
        ended_at,
        actual_seconds: phase.actual_seconds,
    };
    rollup::apply(tx, &counted, 1)
}

/// The span of all instants: sessions of every day.
const ALL_TIME: (i64, i64) = (i64::MIN, i64::MAX);

impl Store {
    /// One page of sessions, newest first: those that started before the session `before_id` (all
    /// when `None`). `limit` is 1–500.
    pub fn sessions_page(&mut self, before_id: Option<i64>, limit: u32) -> Result<Vec<SessionSummary>> {
        self.read(|tx| list::page(tx, ALL_TIME, before_id, limit))
    }

    /// Like `sessions_page`, for the sessions that started on the local days `from` to `to`.
    pub fn sessions_in_days(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<SessionSummary>> {
        list::check_limit(limit)?;
        let bounds = days::day_bounds(from, to, &tz)?;
        self.read(|tx| list::page(tx, (bounds[0], bounds[bounds.len() - 1]), before_id, limit))
    }

    /// Focus seconds on each local day from `from` to `to` (inclusive), days without focus included.
    pub fn focus_per_day(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<DayFocus>> {
        self.read(|tx| period::focus_per_day(tx, from, to, &tz))
    }

    /// The current and the longest run of local days with focus time, as of `today`.
    pub fn streaks(&mut self, today: NaiveDate, tz: Tz) -> Result<Streaks> {
        self.read(|tx| period::streaks(tx, today, &tz))
    }

    /// How the commitments made on the local days `from` to `to` (inclusive) turned out.
    pub fn commitments_kept(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<CommitmentsKept> {
        let bounds = days::day_bounds(from, to, &tz)?;
        self.read(|tx| period::commitments_kept(tx, bounds[0], bounds[bounds.len() - 1]))
    }

    /// Sessions and focus time per format over all history, most focus first.
    pub fn format_totals(&mut self) -> Result<Vec<FormatTotal>> {
        self.read(|tx| period::format_totals(tx, ALL_TIME.0, ALL_TIME.1))
    }

    /// One period of History: the local days `from` to `to` (inclusive, at most `MAX_RANGE_DAYS`) in
    /// `tz`, with the streaks as of `today`.
    pub fn history_period(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
        today: NaiveDate,
    ) -> Result<HistoryPeriod> {
        self.read(|tx| period::history_period(tx, from, to, &tz, today))
    }

    /// The last `days` local days up to `today` (1–7320), streaks and totals over all history.
    pub fn history_overview(&mut self, today: NaiveDate, tz: Tz, days: u32) -> Result<HistoryOverview> {
        if days == 0 || i64::from(days) > MAX_RANGE_DAYS {
            return Err(Error::told(
                "days",
                Msg::new("error_history_days").count("max", MAX_RANGE_DAYS as u64).count("count", u64::from(days)),
            ));
        }
        let from = today
            .checked_sub_signed(Duration::days(i64::from(days) - 1))
            .ok_or_else(|| Error::told("days", Msg::new("error_history_too_far_back")))?;

        self.read(|tx| {
            Ok(HistoryOverview {
                from,
                to: today,
                focus_per_day: period::focus_per_day(tx, from, today, &tz)?,
                streaks: period::streaks(tx, today, &tz)?,
                commitments_kept: {
                    let bounds = days::day_bounds(from, today, &tz)?;
                    period::commitments_kept(tx, bounds[0], bounds[bounds.len() - 1])?
                },
                format_totals: period::format_totals(tx, ALL_TIME.0, ALL_TIME.1)?,
            })
        })
    }

    /// A session in full: its phases planned against actual, its commitments, what is left over.
    pub fn session_detail(&mut self, id: i64) -> Result<SessionDetail> {
        self.read(|tx| detail::load(tx, id))
    }

    /// Corrects a finished session's record (title, notes, phases) in one transaction and returns
    /// it. Bad input is `InvalidInput` naming its field (`title`, `notes`, `phases[i].index`,
    /// `phases[i].actual_seconds`); a running session is a `Conflict`. Nothing changes on an error.
    pub fn edit_session(&mut self, id: i64, edit: &SessionEdit) -> Result<SessionDetail> {
        let (title, notes) = edit::checked_texts(edit)?;
        self.write(|tx| {
            edit::apply(tx, id, edit, title, notes)?;
            detail::load(tx, id)
        })
    }

    /// Deletes a session with its events, phases and commitments, in one transaction. Commitments
    /// carried over from it elsewhere stay, no longer linked.
    pub fn delete_session(&mut self, id: i64) -> Result<()> {
        self.write(|tx| edit::delete(tx, id))
    }
}
