//! A period of local days as History shows it: focus per day (per hour for one day), time per phase
//! kind, sessions per format, commitments kept, streaks.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::days::{day_bounds, day_number, local_date};
use super::rollup;
use crate::format::PhaseKind;
use crate::store::codec::instant;
use crate::Result;

/// Focus time on one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayFocus {
    pub date: NaiveDate,
    pub focus_seconds: u32,
}

/// Focus time in one hour of a local day. A day on which the clocks change has 23 or 25 of them;
/// `starts_at` tells which local hour it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HourFocus {
    pub starts_at: DateTime<Utc>,
    pub focus_seconds: u32,
}

/// Time spent in phases of one kind (phases whose outcome counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KindTotal {
    pub kind: PhaseKind,
    #[ts(type = "number")]
    pub seconds: u64,
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

/// One period of History (a day, a week, a year, all time) in one value, in the caller's zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryPeriod {
    /// The IANA zone the days are counted in.
    pub zone: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[ts(type = "number")]
    pub focus_seconds: u64,
    /// Every day from `from` to `to`, days without focus included.
    pub focus_per_day: Vec<DayFocus>,
    /// For a one-day period, each of its hours; empty otherwise.
    pub focus_per_hour: Vec<HourFocus>,
    /// Time per phase kind, most first; kinds without time left out.
    pub kind_totals: Vec<KindTotal>,
    /// The sessions started in the period, per format, most focus first.
    pub format_totals: Vec<FormatTotal>,
    /// How many sessions started in the period.
    pub sessions: u32,
    /// The commitments made in the period.
    pub commitments_kept: CommitmentsKept,
    /// As of the caller's today, over all history.
    pub streaks: Streaks,
    /// The local day of the first session ever; `None` with no sessions.
    pub first_day: Option<NaiveDate>,
}

/// The History view of old: the last days up to today. Kept for the callers that ask for it.
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

fn seconds_u32(seconds: u64) -> u32 {
    u32::try_from(seconds).unwrap_or(u32::MAX)
}

pub fn focus_per_day(tx: &Transaction, from: NaiveDate, to: NaiveDate, tz: &Tz) -> Result<Vec<DayFocus>> {
    let bounds = day_bounds(from, to, tz)?;
    let totals = rollup::per_day(tx, PhaseKind::Focus, &bounds)?;
    Ok(from.iter_days().zip(totals).map(|(date, s)| DayFocus { date, focus_seconds: seconds_u32(s) }).collect())
}

/// The hours of the local day that begins at `start` and ends at `end`, with their focus.
fn focus_per_hour(tx: &Transaction, start: i64, end: i64) -> Result<Vec<HourFocus>> {
    const HOUR: i64 = 3600 * 1_000_000_000;
    let mut bounds: Vec<i64> = (0..).map(|h| start + h * HOUR).take_while(|&b| b < end).collect();
    bounds.push(end);
    let totals = rollup::per_day(tx, PhaseKind::Focus, &bounds)?;
    Ok(bounds
        .iter()
        .zip(totals)
        .map(|(&b, s)| HourFocus { starts_at: instant(b), focus_seconds: seconds_u32(s) })
        .collect())
}

pub fn streaks(tx: &Transaction, today: NaiveDate, tz: &Tz) -> Result<Streaks> {
    let days = rollup::all_days(tx, PhaseKind::Focus, tz)?;
    Ok(streaks_of(days.into_iter().filter(|&(_, seconds)| seconds > 0).map(|(date, _)| date), today))
}

/// The streaks of the days with focus, given in order.
fn streaks_of(days: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> Streaks {
    let days: Vec<i32> = days.map(day_number).collect();
    let mut longest = 0u32;
    let mut run = 0u32;
    for (i, day) in days.iter().enumerate() {
        run = if i > 0 && days[i - 1] + 1 == *day { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let today = day_number(today);
    let has = |d: i32| days.binary_search(&d).is_ok();
    let mut day = if has(today) { today } else { today - 1 };
    let mut current = 0u32;
    while has(day) {
        current += 1;
        day -= 1;
    }
    Streaks { current_days: current, longest_days: longest }
}

pub fn commitments_kept(tx: &Transaction, from: i64, to: i64) -> Result<CommitmentsKept> {
    // One counted index range per status (commitments_by_status_created): no row's status is tested.
    let mut count = tx.prepare_cached(
        "SELECT COUNT(*) FROM commitments WHERE status = ?1 AND created_at >= ?2 AND created_at < ?3",
    )?;
    let mut n = |status: &str| -> Result<u32> { Ok(count.query_row(params![status, from, to], |r| r.get(0))?) };
    let mut kept = CommitmentsKept {
        open: n("open")?,
        done: n("done")?,
        partial: n("partial")?,
        not_done: n("not_done")?,
        dropped: n("dropped")?,
        ..CommitmentsKept::default()
    };
    kept.total = kept.open + kept.done + kept.partial + kept.not_done + kept.dropped;
    let resolved = kept.done + kept.partial + kept.not_done;
    kept.kept_ratio = (resolved > 0).then(|| f64::from(kept.done) / f64::from(resolved));
    Ok(kept)
}

/// Sessions and focus per format for the sessions started in `[from, to)`, most focus first.
pub fn format_totals(tx: &Transaction, from: i64, to: i64) -> Result<Vec<FormatTotal>> {
    let mut stmt = tx.prepare_cached(
        "SELECT format_id, COUNT(*), SUM(focus_seconds), MAX(id) FROM sessions
         WHERE started_at >= ?1 AND started_at < ?2
         GROUP BY format_id ORDER BY SUM(focus_seconds) DESC, COUNT(*) DESC",
    )?;
    let groups = stmt
        .query_map(params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?
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

fn first_day(tx: &Transaction, tz: &Tz) -> Result<Option<NaiveDate>> {
    let first: Option<i64> =
        tx.query_row("SELECT started_at FROM sessions ORDER BY started_at LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok(first.map(|at| local_date(at, tz)))
}

pub fn history_period(
    tx: &Transaction,
    from: NaiveDate,
    to: NaiveDate,
    tz: &Tz,
    today: NaiveDate,
) -> Result<HistoryPeriod> {
    let bounds = day_bounds(from, to, tz)?;
    let span = (bounds[0], bounds[bounds.len() - 1]);
    if from == to {
        // One day: its hours, and the day's total from them.
        let hours = focus_per_hour(tx, span.0, span.1)?;
        let total = hours.iter().map(|h| u64::from(h.focus_seconds)).sum();
        return finish(tx, (from, to), tz, today, span, vec![total], hours);
    }
    let per_day = rollup::per_day(tx, PhaseKind::Focus, &bounds)?;
    finish(tx, (from, to), tz, today, span, per_day, Vec::new())
}

#[allow(clippy::too_many_arguments)]
fn finish(
    tx: &Transaction,
    (from, to): (NaiveDate, NaiveDate),
    tz: &Tz,
    today: NaiveDate,
    (start, end): (i64, i64),
    per_day: Vec<u64>,
    focus_per_hour: Vec<HourFocus>,
) -> Result<HistoryPeriod> {
    let format_totals = format_totals(tx, start, end)?;
    let first_day = first_day(tx, tz)?;
    let dates = || from.iter_days().zip(per_day.iter()).filter(|(_, &s)| s > 0).map(|(d, _)| d);
    // A period that holds all history up to today already has every day with focus.
    let streaks = if first_day.is_none_or(|first| from <= first) && today <= to {
        streaks_of(dates().filter(|d| *d <= today), today)
    } else {
        streaks(tx, today, tz)?
    };
    // Focus is summed per day already; the other kinds come from the rollup.
    let focus_seconds: u64 = per_day.iter().sum();
    let mut kind_totals: Vec<KindTotal> = rollup::per_kind(tx, start, end, &[PhaseKind::Focus])?
        .into_iter()
        .map(|(kind, seconds)| KindTotal { kind, seconds })
        .collect();
    if focus_seconds > 0 {
        kind_totals.push(KindTotal { kind: PhaseKind::Focus, seconds: focus_seconds });
        kind_totals.sort_by_key(|k| std::cmp::Reverse(k.seconds));
    }
    Ok(HistoryPeriod {
        zone: tz.name().to_string(),
        from,
        to,
        focus_seconds,
        focus_per_day: from
            .iter_days()
            .zip(per_day)
            .map(|(date, s)| DayFocus { date, focus_seconds: seconds_u32(s) })
            .collect(),
        focus_per_hour,
        kind_totals,
        sessions: format_totals.iter().map(|f| f.sessions).sum(),
        format_totals,
        commitments_kept: commitments_kept(tx, start, end)?,
        streaks,
        first_day,
    })
}
