//! Expanding calls into occurrences, in each call's own time zone: the pattern's dates near the
//! window (`expand`), at the call's wall time read as RFC 5545 reads it (`local_time`), with
//! additions, exceptions and the "skip on another call's day" rule. Each call is expanded once per
//! query; the skip rule looks the other calls' days up in that same expansion.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::call::{Call, Occurrence};
use super::expand::{last_date, Pattern};
use super::local_time::local_to_utc;

/// The longest window expanded in one query (a hundred years): a caller asking for more gets the
/// first hundred years, so no query can do unbounded work.
pub const MAX_WINDOW_DAYS: i64 = 36_600;
/// A day is at most 26 hours long and a skipped local time moves by at most a day: two days of
/// local dates either side of a window hold every occurrence that can overlap it.
const MARGIN_DAYS: i64 = 2;

/// The occurrences of `call` that overlap `[from, to)` (one in progress at `from` is included), in time
/// order, with exception dates and additions applied; the skip rule needs the other calls, see
/// `occurrences_between`. Two pattern dates that fall on one instant (a day the zone skipped) are one
/// occurrence.
pub fn occurrences(call: &Call, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    if to <= from {
        return Vec::new();
    }
    let tz = call.time_zone;
    let length = Duration::minutes(i64::from(call.duration_minutes));
    // Nothing starts before the first start or the earliest addition (a wall time is within a day
    // and a bit of the same digits in UTC), nor after the year 9999.
    let r = &call.recurrence;
    let earliest = r.additions.iter().copied().chain([call.first_start]).min().unwrap_or(call.first_start);
    let floor = earliest.and_utc() - Duration::days(MARGIN_DAYS);
    let from_eff = from.checked_sub_signed(length).unwrap_or(from).max(floor);
    let end_of_time = local_to_utc(last_date().and_time(chrono::NaiveTime::MIN), chrono_tz::UTC) + Duration::days(2);
    let to_eff = to.min(from_eff.checked_add_signed(Duration::days(MAX_WINDOW_DAYS)).unwrap_or(to)).min(end_of_time);
    if to_eff <= from_eff {
        return Vec::new();
    }
    let lo = from_eff.with_timezone(&tz).date_naive() - Duration::days(MARGIN_DAYS);
    let hi = to_eff.with_timezone(&tz).date_naive() + Duration::days(MARGIN_DAYS);
    let pattern = Pattern::new(r, call.first_start.date());
    let time = call.first_start.time();
    let end = pattern.end();
    let mut nominal: Vec<NaiveDateTime> =
        pattern.dates(lo, hi.min(end)).into_iter().map(|d| d.and_time(time)).collect();
    nominal.extend(r.additions.iter().filter(|a| (lo..=hi).contains(&a.date())));
    let exceptions: HashSet<NaiveDate> = r.exceptions.iter().copied().collect();
    let mut out: Vec<Occurrence> = nominal
        .into_iter()
        .filter(|local| !(local.time() == time && exceptions.contains(&local.date())))
        .filter_map(|local| {
            let starts_at = local_to_utc(local, tz);
            let ends_at = starts_at.checked_add_signed(length)?;
            (starts_at < to_eff && ends_at > from).then(|| Occurrence {
                call_id: call.id.clone(),
                starts_at,
                local_start: starts_at.with_timezone(&tz).naive_local(),
                ends_at,
            })
        })
        .collect();
    out.sort_by_key(|o| o.starts_at);
    out.dedup_by_key(|o| o.starts_at);
    out
}

/// The wall time of the first date of the call's pattern: `first_start` itself when it is on the
/// pattern, else the first date after it that is. Stint's calls start on their pattern (a weekly
/// Monday call first dated on a Thursday starts the Monday after); RFC 5545 leaves a DTSTART off
/// its rule undefined and calendar apps read it differently, so an exported DTSTART is this.
pub fn pattern_start(call: &Call) -> NaiveDateTime {
    let pattern = Pattern::new(&call.recurrence, call.first_start.date());
    // The first date does not depend on `count` (at least one).
    let end = call.recurrence.until.unwrap_or_else(last_date);
    let first = pattern.first_dates(end, 1).first().copied().unwrap_or(call.first_start.date());
    first.and_time(call.first_start.time())
}

/// The occurrences of all `calls` overlapping `[from, to)`, with each call's `skip_on_days_of` rule
/// applied (decided by local date in the skipping call's zone), sorted by start then call id.
pub fn occurrences_between(calls: &[Call], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    let margin = Duration::days(MARGIN_DAYS);
    let wide_from = from.checked_sub_signed(margin).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let wide_to = to.checked_add_signed(margin).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let skipped_for: HashSet<&str> = calls.iter().flat_map(|c| c.skip_on_days_of.iter().map(String::as_str)).collect();
    // Once per call: over the wider window if another call skips on its days.
    let expanded: Vec<Vec<Occurrence>> = calls
        .iter()
        .map(|c| {
            if skipped_for.contains(c.id.as_str()) {
                occurrences(c, wide_from, wide_to)
            } else {
                occurrences(c, from, to)
            }
        })
        .collect();
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in calls.iter().enumerate() {
        by_id.entry(c.id.as_str()).or_default().push(i);
    }
    let mut days = DayIndex::new(from, to);
    let mut all = Vec::new();
    for (i, call) in calls.iter().enumerate() {
        let own = expanded[i].iter().filter(|o| o.starts_at < to && o.ends_at > from);
        if call.skip_on_days_of.is_empty() {
            all.extend(own.cloned());
            continue;
        }
        let mut skipped = DaySet::default();
        for other in call.skip_on_days_of.iter().filter(|o| **o != call.id) {
            for &j in by_id.get(other.as_str()).into_iter().flatten() {
                skipped.union(days.of(j, call.time_zone, &expanded[j]));
            }
        }
        all.extend(own.filter(|o| !skipped.contains(days.index(o.local_start.date()))).cloned());
    }
    all.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then_with(|| a.call_id.cmp(&b.call_id)));
    all
}

/// The upcoming occurrences of all calls from `from` for `days` days (skips applied).
pub fn upcoming(calls: &[Call], from: DateTime<Utc>, days: u32) -> Vec<Occurrence> {
    let to = from.checked_add_signed(Duration::days(i64::from(days))).unwrap_or(DateTime::<Utc>::MAX_UTC);
    occurrences_between(calls, from, to)
}

/// The local dates on which each call has an occurrence, per zone, as bit sets over the days of the
/// query: made once per (call, zone) and combined with a few word operations per skip.
struct DayIndex {
    base: NaiveDate,
    sets: HashMap<(usize, chrono_tz::Tz), DaySet>,
}

impl DayIndex {
    fn new(from: DateTime<Utc>, _to: DateTime<Utc>) -> Self {
        let base = from.date_naive().checked_sub_signed(Duration::days(2 * MARGIN_DAYS + 2)).unwrap_or(NaiveDate::MIN);
        DayIndex { base, sets: HashMap::new() }
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        usize::try_from((date - self.base).num_days()).ok()
    }

    fn of(&mut self, call: usize, zone: chrono_tz::Tz, occurrences: &[Occurrence]) -> &DaySet {
        let base = self.base;
        self.sets.entry((call, zone)).or_insert_with(|| {
            let mut set = DaySet::default();
            for o in occurrences {
                let date = o.starts_at.with_timezone(&zone).date_naive();
                if let Ok(i) = usize::try_from((date - base).num_days()) {
                    set.insert(i);
                }
            }
            set
        })
    }
}

#[derive(Default)]
struct DaySet(Vec<u64>);

impl DaySet {
    fn insert(&mut self, i: usize) {
        let (word, bit) = (i / 64, i % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    fn union(&mut self, other: &DaySet) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn contains(&self, i: Option<usize>) -> bool {
        i.is_some_and(|i| self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0))
    }
}
