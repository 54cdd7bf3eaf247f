//! History: the sessions list, focus time per local day, streaks, commitments kept, totals per format.
//!
//! Days are the caller's local days (`chrono_tz::Tz`). Focus time counts phases of kind Focus that
//! completed, were skipped or stopped — never those whose end passed while the computer slept. A
//! phase across midnight is split between the days in proportion to the wall-clock time it spent in
//! each.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codec::{instant, nanos, opt_instant, parse_enum};
use super::{SessionStatus, Store};
use crate::{Error, Result};

/// The longest range of days one query accepts (about twenty years).
pub const MAX_RANGE_DAYS: i64 = 7320;
/// The most sessions one page returns.
pub const MAX_PAGE: u32 = 500;

/// One row of the sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub format_id: String,
    pub format_name: String,
    pub started_at: DateTime<Utc>,
    /// `None` while the session is still running.
    pub ended_at: Option<DateTime<Utc>>,
    pub status: SessionStatus,
    pub focus_seconds: u32,
    pub commitments_done: u32,
    pub commitments_total: u32,
}

/// Focus time on one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayFocus {
    pub date: NaiveDate,
    pub focus_seconds: u32,
}

/// Runs of consecutive local days with focus time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Streaks {
    /// The run that ends today — or yesterday, while today has no focus yet (the streak is not lost
    /// until the day is over).
    pub current_days: u32,
    pub longest_days: u32,
}

/// How the commitments made in a range of days turned out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitmentsKept {
    pub total: u32,
    pub open: u32,
    pub done: u32,
    pub partial: u32,
    pub not_done: u32,
    pub dropped: u32,
    /// done ÷ (done + partial + not done); `None` when none of those exist yet.
    pub kept_ratio: Option<f64>,
}

/// Everything done with one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FormatTotal {
    pub format_id: String,
    /// The name of its most recent session.
    pub format_name: String,
    pub sessions: u32,
    #[ts(type = "number")]
    pub focus_seconds: u64,
}

/// The History view in one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryOverview {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every day from `from` to `to`, days without focus included.
    pub focus_per_day: Vec<DayFocus>,
    pub streaks: Streaks,
    pub commitments_kept: CommitmentsKept,
    pub format_totals: Vec<FormatTotal>,
}

/// The instant a local day begins. Where midnight does not exist (a clock change at 00:00), the day
/// begins at the first local time that does.
fn day_start(date: NaiveDate, tz: &Tz, field: &str) -> Result<i64> {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..96 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return nanos(t.with_timezone(&Utc), field);
        }
        local += Duration::minutes(15);
    }
    nanos(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)), field)
}

fn local_day(at_nanos: i64, tz: &Tz) -> i32 {
    instant(at_nanos).with_timezone(tz).date_naive().num_days_from_ce()
}

/// Checks an inclusive range of days and returns the instants its days begin, plus the end.
fn day_bounds(from: NaiveDate, to: NaiveDate, tz: &Tz) -> Result<Vec<i64>> {
    if to < from {
        return Err(Error::invalid("to", "the range must end on or after its first day"));
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_RANGE_DAYS {
        return Err(Error::invalid("from", format!("a range can span at most {MAX_RANGE_DAYS} days")));
    }
    let end = to.succ_opt().ok_or_else(|| Error::invalid("to", "is too far in the future"))?;
    let mut bounds: Vec<i64> =
        from.iter_days().take(days as usize).map(|d| day_start(d, tz, "from")).collect::<Result<_>>()?;
    bounds.push(day_start(end, tz, "to")?);
    Ok(bounds)
}

/// Adds `seconds`, spread over the wall-clock span `[start, end)`, to the days delimited by `bounds`.
/// Cumulative rounding makes the parts of one phase add up exactly.
fn spread(totals: &mut [u64], bounds: &[i64], start: i64, end: i64, seconds: u64) {
    let span = i128::from(end - start);
    let before = |b: i64| -> i128 {
        if span <= 0 {
            return if b > start { i128::from(seconds) } else { 0 };
        }
        i128::from(seconds) * i128::from(b.clamp(start, end) - start) / span
    };
    let first = bounds.partition_point(|&b| b <= start).saturating_sub(1);
    for day in first..totals.len() {
        if bounds[day] >= end.max(start + 1) {
            break;
        }
        totals[day] += (before(bounds[day + 1]) - before(bounds[day])) as u64;
    }
}

fn focus_per_day(tx: &Transaction, from: NaiveDate, to: NaiveDate, tz: &Tz) -> Result<Vec<DayFocus>> {
    let bounds = day_bounds(from, to, tz)?;
    let mut totals = vec![0u64; bounds.len() - 1];
    let mut stmt = tx.prepare_cached(
        "SELECT started_at, ended_at, actual_seconds FROM phases
         WHERE kind = 'focus' AND outcome <> 'slept' AND ended_at >= ?1 AND started_at < ?2",
    )?;
    let mut rows = stmt.query(params![bounds[0], bounds[bounds.len() - 1]])?;
    while let Some(r) = rows.next()? {
        spread(&mut totals, &bounds, r.get(0)?, r.get(1)?, r.get(2)?);
    }
    Ok(from
        .iter_days()
        .zip(totals)
        .map(|(date, seconds)| DayFocus { date, focus_seconds: u32::try_from(seconds).unwrap_or(u32::MAX) })
        .collect())
}

/// The sorted local days (days from the common era) that have focus time.
fn focus_days(tx: &Transaction, tz: &Tz) -> Result<Vec<i32>> {
    let mut days = Vec::new();
    let mut spanning = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT id, focus_first_start, focus_last_end FROM sessions
         WHERE focus_seconds > 0 ORDER BY focus_first_start",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (first, last) = (local_day(r.get(1)?, tz), local_day(r.get::<_, i64>(2)? - 1, tz));
        if first == last {
            days.push(first);
        } else {
            spanning.push(r.get::<_, i64>(0)?);
        }
    }
    // A session across midnight: look at its phases, so a day with only a break does not count.
    let mut phases = tx.prepare_cached(
        "SELECT started_at, ended_at FROM phases
         WHERE session_id = ?1 AND kind = 'focus' AND outcome <> 'slept' AND actual_seconds > 0",
    )?;
    for id in spanning {
        let mut rows = phases.query([id])?;
        while let Some(r) = rows.next()? {
            let (start, end): (i64, i64) = (r.get(0)?, r.get(1)?);
            days.extend(local_day(start, tz)..=local_day((end - 1).max(start), tz));
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

fn streaks(tx: &Transaction, today: NaiveDate, tz: &Tz) -> Result<Streaks> {
    let days = focus_days(tx, tz)?;
    let mut longest = 0u32;
    let mut run = 0u32;
    for (i, day) in days.iter().enumerate() {
        run = if i > 0 && days[i - 1] + 1 == *day { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let today = today.num_days_from_ce();
    let has = |d: i32| days.binary_search(&d).is_ok();
    let mut day = if has(today) { today } else { today - 1 };
    let mut current = 0u32;
    while has(day) {
        current += 1;
        day -= 1;
    }
    Ok(Streaks { current_days: current, longest_days: longest })
}

fn commitments_kept(tx: &Transaction, from: NaiveDate, to: NaiveDate, tz: &Tz) -> Result<CommitmentsKept> {
    let bounds = day_bounds(from, to, tz)?;
    // One pass over the covering index; a GROUP BY would sort through a temporary b-tree.
    let mut stmt = tx.prepare_cached(
        "SELECT COUNT(*), TOTAL(status = 'open'), TOTAL(status = 'done'), TOTAL(status = 'partial'),
             TOTAL(status = 'not_done'), TOTAL(status = 'dropped')
         FROM commitments WHERE created_at >= ?1 AND created_at < ?2",
    )?;
    let mut kept = stmt.query_row(params![bounds[0], bounds[bounds.len() - 1]], |r| {
        let n = |i: usize| r.get::<_, f64>(i).map(|x| x as u32);
        Ok(CommitmentsKept {
            total: r.get(0)?,
            open: n(1)?,
            done: n(2)?,
            partial: n(3)?,
            not_done: n(4)?,
            dropped: n(5)?,
            kept_ratio: None,
        })
    })?;
    let resolved = kept.done + kept.partial + kept.not_done;
    kept.kept_ratio = (resolved > 0).then(|| f64::from(kept.done) / f64::from(resolved));
    Ok(kept)
}

fn format_totals(tx: &Transaction) -> Result<Vec<FormatTotal>> {
    let mut stmt = tx.prepare_cached(
        "SELECT format_id, COUNT(*), SUM(focus_seconds), MAX(id) FROM sessions
         GROUP BY format_id ORDER BY SUM(focus_seconds) DESC, COUNT(*) DESC",
    )?;
    let groups = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut name = tx.prepare_cached("SELECT format_name FROM sessions WHERE id = ?1")?;
    groups
        .into_iter()
        .map(|(format_id, sessions, focus, latest)| {
            Ok(FormatTotal {
                format_id,
                format_name: name.query_row([latest], |r| r.get(0))?,
                sessions,
                focus_seconds: focus.max(0) as u64,
            })
        })
        .collect()
}

impl Store {
    /// One page of sessions, newest first: those with an id below `before_id` (all when `None`).
    /// `limit` is 1–500.
    pub fn sessions_page(&mut self, before_id: Option<i64>, limit: u32) -> Result<Vec<SessionSummary>> {
        if limit == 0 || limit > MAX_PAGE {
            return Err(Error::invalid("limit", format!("must be between 1 and {MAX_PAGE}")));
        }
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT s.id, s.format_id, s.format_name, s.started_at, s.ended_at, s.status, s.focus_seconds,
                     (SELECT COUNT(*) FROM commitments c WHERE c.session_id = s.id AND c.status = 'done'),
                     (SELECT COUNT(*) FROM commitments c WHERE c.session_id = s.id)
                 FROM sessions s WHERE s.id < ?1 ORDER BY s.id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![before_id.unwrap_or(i64::MAX), limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, u32>(6)?,
                    r.get::<_, u32>(7)?,
                    r.get::<_, u32>(8)?,
                ))
            })?;
            rows.map(|row| {
                let (id, format_id, format_name, started, ended, status, focus_seconds, done, total) = row?;
                Ok(SessionSummary {
                    id,
                    format_id,
                    format_name,
                    started_at: instant(started),
                    ended_at: opt_instant(ended),
                    status: parse_enum(&status, "session status")?,
                    focus_seconds,
                    commitments_done: done,
                    commitments_total: total,
                })
            })
            .collect()
        })
    }

    /// Focus seconds on each local day from `from` to `to` (inclusive), days without focus included.
    pub fn focus_per_day(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<DayFocus>> {
        self.read(|tx| focus_per_day(tx, from, to, &tz))
    }

    /// The current and the longest run of local days with focus time, as of `today`.
    pub fn streaks(&mut self, today: NaiveDate, tz: Tz) -> Result<Streaks> {
        self.read(|tx| streaks(tx, today, &tz))
    }

    /// How the commitments made on the local days `from` to `to` (inclusive) turned out.
    pub fn commitments_kept(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<CommitmentsKept> {
        self.read(|tx| commitments_kept(tx, from, to, &tz))
    }

    /// Sessions and focus time per format, most focus first.
    pub fn format_totals(&mut self) -> Result<Vec<FormatTotal>> {
        self.read(format_totals)
    }

    /// The History view: the last `days` local days up to `today` (1–7320), streaks and totals.
    pub fn history_overview(&mut self, today: NaiveDate, tz: Tz, days: u32) -> Result<HistoryOverview> {
        if days == 0 || i64::from(days) > MAX_RANGE_DAYS {
            return Err(Error::invalid("days", format!("must be between 1 and {MAX_RANGE_DAYS}")));
        }
        let from = today
            .checked_sub_signed(Duration::days(i64::from(days) - 1))
            .ok_or_else(|| Error::invalid("days", "reaches too far back"))?;
        self.read(|tx| {
            Ok(HistoryOverview {
                from,
                to: today,
                focus_per_day: focus_per_day(tx, from, today, &tz)?,
                streaks: streaks(tx, today, &tz)?,
                commitments_kept: commitments_kept(tx, from, today, &tz)?,
                format_totals: format_totals(tx)?,
            })
        })
    }
}
