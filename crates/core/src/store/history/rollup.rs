//! The history rollup: the seconds that count, per phase kind and quarter hour of UTC.
//!
//! Summing 500,000 phases for ten years of focus per day took 32–50 ms; the rollup has one row per
//! kind and hour with time in it (about 36,000 focus rows for the same ten years) and answers any time
//! zone, because every zone's days begin on a quarter hour (see `spread`). It is kept in the same
//! transaction as the phases it sums: recording a phase adds its share, editing or deleting one takes
//! it back. Only phases whose outcome counts (`PhaseOutcome::counts`) are in it. Beside it,
//! `time_by_day` holds each kind's whole UTC days (the sums of their hours), so that time per kind over
//! years reads one row a day instead of one an hour.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::{params, Transaction};

use super::days::DayCursor;
use super::spread::{quarters, DaySeconds, DayTally, HOUR};
use crate::format::PhaseKind;
use crate::store::codec::{enum_name, parse_enum};
use crate::timeline::PhaseOutcome;
use crate::Result;

/// One recorded phase as far as the rollup cares.
pub struct Counted<'a> {
    pub kind: &'a str,
    pub outcome: PhaseOutcome,
    pub started_at: i64,
    pub ended_at: i64,
    pub actual_seconds: u32,
}

/// The quarters of a phase that counts, grouped by hour: `(hour, [seconds in each quarter])`.
fn hours_of(phase: &Counted) -> Vec<(i64, [i64; 4])> {
    if !phase.outcome.counts() {
        return Vec::new();
    }
    let mut hours: Vec<(i64, [i64; 4])> = Vec::new();
    for (quarter, seconds) in quarters(phase.started_at, phase.ended_at, u64::from(phase.actual_seconds)) {
        let (hour, slot) = (quarter.div_euclid(4), quarter.rem_euclid(4) as usize);
        match hours.last_mut() {
            Some((h, parts)) if *h == hour => parts[slot] += seconds as i64,
            _ => {
                let mut parts = [0; 4];
                parts[slot] = seconds as i64;
                hours.push((hour, parts));
            }
        }
    }
    hours
}

/// Adds (`sign` 1) or takes back (`sign` −1) a phase's share. Rows left empty are removed.
pub fn apply(tx: &Transaction, phase: &Counted, sign: i64) -> Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO time_by_hour (kind, hour, q0, q1, q2, q3) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (kind, hour) DO UPDATE SET
             q0 = q0 + excluded.q0, q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3",
    )?;
    let mut prune = tx.prepare_cached(
        "DELETE FROM time_by_hour WHERE kind = ?1 AND hour = ?2 AND q0 = 0 AND q1 = 0 AND q2 = 0 AND q3 = 0",
    )?;
    let mut days: Vec<(i64, i64)> = Vec::new();
    for (hour, [a, b, c, d]) in hours_of(phase) {
        upsert.execute(params![phase.kind, hour, sign * a, sign * b, sign * c, sign * d])?;
        if sign < 0 {
            prune.execute(params![phase.kind, hour])?;
        }
        let day = hour.div_euclid(HOURS_PER_DAY);
        match days.last_mut() {
            Some((last, seconds)) if *last == day => *seconds += a + b + c + d,
            _ => days.push((day, a + b + c + d)),
        }
    }
    let mut upsert_day = tx.prepare_cached(
        "INSERT INTO time_by_day (kind, day, seconds) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, day) DO UPDATE SET seconds = seconds + excluded.seconds",
    )?;
    let mut prune_day = tx.prepare_cached("DELETE FROM time_by_day WHERE kind = ?1 AND day = ?2 AND seconds = 0")?;
    for (day, seconds) in days {
        upsert_day.execute(params![phase.kind, day, sign * seconds])?;
        if sign < 0 {
            prune_day.execute(params![phase.kind, day])?;
        }
    }
    Ok(())
}

/// Hours in a UTC day.
const HOURS_PER_DAY: i64 = 24;

/// Fills the whole UTC days from the hours (the migration that created `time_by_day`).
pub fn fill_days(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM time_by_day", [])?;
    tx.execute(
        "INSERT INTO time_by_day (kind, day, seconds)
         SELECT kind, (hour - ((hour % 24) + 24) % 24) / 24, SUM(q0 + q1 + q2 + q3) FROM time_by_hour
         GROUP BY 1, 2 HAVING SUM(q0 + q1 + q2 + q3) <> 0",
        [],
    )?;
    Ok(())
}

/// Fills the hours from every recorded phase (the migration that created `time_by_hour`; the days
/// are filled from them by a later one, `fill_days`).
pub fn rebuild(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM time_by_hour", [])?;
    let mut totals: HashMap<(String, i64), [i64; 4]> = HashMap::new();
    let mut stmt = tx.prepare("SELECT kind, outcome, started_at, ended_at, actual_seconds FROM phases")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let outcome: String = r.get(1)?;
        let phase = Counted {
            kind: &kind,
            outcome: parse_enum(&outcome, "phase outcome")?,
            started_at: r.get(2)?,
            ended_at: r.get(3)?,
            actual_seconds: r.get(4)?,
        };
        for (hour, parts) in hours_of(&phase) {
            let entry = totals.entry((kind.clone(), hour)).or_default();
            entry.iter_mut().zip(parts).for_each(|(total, part)| *total += part);
        }
    }
    let mut insert =
        tx.prepare("INSERT INTO time_by_hour (kind, hour, q0, q1, q2, q3) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for ((kind, hour), [a, b, c, d]) in totals {
        insert.execute(params![kind, hour, a, b, c, d])?;
    }
    Ok(())
}

/// Visits the hours with time of one kind in the hours touching `[from, to)` (all when `None`), in
/// order: `whole(hour, seconds)` takes an hour at once and says whether it did; when it did not (a day
/// begins inside the hour), `quarter(quarter, seconds)` gets its quarters one by one.
fn each_hour(
    tx: &Transaction,
    kind: PhaseKind,
    span: Option<(i64, i64)>,
    mut whole: impl FnMut(i64, u64) -> bool,
    mut quarter: impl FnMut(i64, u64),
) -> Result<()> {
    let (first, last) =
        span.map_or((i64::MIN, i64::MAX), |(from, to)| (from.div_euclid(HOUR), (to - 1).div_euclid(HOUR)));
    let mut stmt = tx.prepare_cached(
        "SELECT hour, q0 + q1 + q2 + q3, q0, q1, q2, q3 FROM time_by_hour
         WHERE kind = ?1 AND hour BETWEEN ?2 AND ?3 ORDER BY hour",
    )?;
    let mut rows = stmt.query(params![enum_name(&kind), first, last])?;
    while let Some(r) = rows.next()? {
        let (hour, total): (i64, i64) = (r.get(0)?, r.get(1)?);
        if whole(hour, total.max(0) as u64) {
            continue;
        }
        for slot in 0..4 {
            let seconds: i64 = r.get(slot + 2)?;
            if seconds > 0 {
                quarter(hour * 4 + slot as i64, seconds as u64);
            }
        }
    }
    Ok(())
}

/// The seconds of `kind` on each day delimited by `bounds` (see `DayTally`).
pub fn per_day(tx: &Transaction, kind: PhaseKind, bounds: &[i64]) -> Result<Vec<u64>> {
    let tally = std::cell::RefCell::new(DayTally::new(bounds));
    each_hour(
        tx,
        kind,
        Some((bounds[0], bounds[bounds.len() - 1])),
        |h, s| tally.borrow_mut().add_hour(h, s),
        |q, s| tally.borrow_mut().add(q, s),
    )?;
    Ok(tally.into_inner().totals())
}

/// Every local day with time of `kind`, in order, with its seconds.
pub fn all_days(tx: &Transaction, kind: PhaseKind, tz: &Tz) -> Result<Vec<(NaiveDate, u64)>> {
    let days = std::cell::RefCell::new(DaySeconds::new(DayCursor::new(tz)));
    each_hour(tx, kind, None, |h, s| days.borrow_mut().add_hour(h, s), |q, s| days.borrow_mut().add(q, s))?;
    Ok(days.into_inner().days())
}

/// The seconds of each kind (but those `except`) within `[from, to)`, most first: whole UTC days and the
/// whole hours around them summed by SQLite, the hours at the two edges split by quarter. Kinds
/// without time are left out.
pub fn per_kind(tx: &Transaction, from: i64, to: i64, except: &[PhaseKind]) -> Result<Vec<(PhaseKind, u64)>> {
    let (first_whole, last_whole) = ((from + HOUR - 1).div_euclid(HOUR), to.div_euclid(HOUR) - 1);
    let mut edges = Vec::new();
    if from.rem_euclid(HOUR) != 0 {
        edges.push(from.div_euclid(HOUR));
    }
    if to.rem_euclid(HOUR) != 0 && edges.last() != Some(&(to - 1).div_euclid(HOUR)) {
        edges.push((to - 1).div_euclid(HOUR));
    }
    // The whole UTC days inside the whole hours, and the whole hours before and after them.
    let (first_day, last_day) = (
        first_whole.div_euclid(HOURS_PER_DAY) + i64::from(first_whole.rem_euclid(HOURS_PER_DAY) != 0),
        (last_whole + 1).div_euclid(HOURS_PER_DAY) - 1,
    );
    let hour_spans = if first_day <= last_day {
        [(first_whole, first_day * HOURS_PER_DAY - 1), ((last_day + 1) * HOURS_PER_DAY, last_whole)]
    } else {
        [(first_whole, last_whole), (1, 0)]
    };
    let mut whole_hours = tx.prepare_cached(
        "SELECT TOTAL(q0 + q1 + q2 + q3) FROM time_by_hour WHERE kind = ?1 AND hour BETWEEN ?2 AND ?3",
    )?;
    let mut whole_days =
        tx.prepare_cached("SELECT TOTAL(seconds) FROM time_by_day WHERE kind = ?1 AND day BETWEEN ?2 AND ?3")?;
    let bounds = [from, to];
    let mut out = Vec::new();
    for kind in PhaseKind::ALL.into_iter().filter(|k| !except.contains(k)) {
        let name = enum_name(&kind);
        let mut seconds = whole_days.query_row(params![name, first_day, last_day], |r| r.get::<_, f64>(0))?;
        for (first, last) in hour_spans.into_iter().filter(|(first, last)| first <= last) {
            seconds += whole_hours.query_row(params![name, first, last], |r| r.get::<_, f64>(0))?;
        }
        let mut tally = DayTally::new(&bounds);
        for &hour in &edges {
            let span = Some((hour * HOUR, (hour * HOUR).saturating_add(HOUR)));
            each_hour(tx, kind, span, |_, _| false, |q, s| tally.add(q, s))?;
        }
        let seconds = seconds as u64 + tally.totals()[0];
        if seconds > 0 {
            out.push((kind, seconds));
        }
    }
    out.sort_by_key(|&(_, seconds)| std::cmp::Reverse(seconds));
    Ok(out)
}
