//! Expanding calls into occurrences, in each call's own time zone.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::call::{Call, Occurrence};
use super::recurrence::rule_set;

/// Safety net for rules whose expansion would not end in a sensible time (the window is what normally
/// stops the expansion).
const MAX_EXPANDED: usize = 200_000;

/// The occurrences of `call` that overlap `[from, to)` (one in progress at `from` is included), in time
/// order, without exception dates; the skip rule needs the other calls, see `occurrences_between`.
/// A call whose recurrence is invalid has no occurrences (calls are validated before they are stored).
pub fn occurrences(call: &Call, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    let Ok(set) = rule_set(&call.recurrence, call.first_start, call.time_zone) else {
        return Vec::new();
    };
    let length = Duration::minutes(i64::from(call.duration_minutes));
    let mut out = Vec::new();
    for start in set.limit().into_iter().take(MAX_EXPANDED) {
        let starts_at = start.with_timezone(&Utc);
        if starts_at >= to {
            break;
        }
        let Some(ends_at) = starts_at.checked_add_signed(length) else { break };
        let local_start = start.with_timezone(&call.time_zone).naive_local();
        if ends_at <= from || call.recurrence.exceptions.contains(&local_start.date()) {
            continue;
        }
        out.push(Occurrence { call_id: call.id.clone(), starts_at, local_start, ends_at });
    }
    out
}

/// The occurrences of all `calls` overlapping `[from, to)`, with each call's `skip_on_days_of` rule
/// applied (decided by local date in the skipping call's zone), sorted by start then call id.
pub fn occurrences_between(calls: &[Call], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    let mut all = Vec::new();
    for call in calls {
        let own = occurrences(call, from, to);
        if own.is_empty() {
            continue;
        }
        let skipped = skipped_dates(call, calls, &own);
        all.extend(own.into_iter().filter(|o| !skipped.contains(&o.local_start.date())));
    }
    all.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then_with(|| a.call_id.cmp(&b.call_id)));
    all
}

/// The upcoming occurrences of all calls from `from` for `days` days (skips applied).
pub fn upcoming(calls: &[Call], from: DateTime<Utc>, days: u32) -> Vec<Occurrence> {
    let to = from.checked_add_signed(Duration::days(i64::from(days))).unwrap_or(DateTime::<Utc>::MAX_UTC);
    occurrences_between(calls, from, to)
}

/// Local dates (in `call`'s zone) on which one of the calls it skips for has an occurrence, over the
/// span of `own` occurrences. The other calls' own skip rules are not applied (no cycles).
fn skipped_dates(call: &Call, calls: &[Call], own: &[Occurrence]) -> HashSet<NaiveDate> {
    let mut dates = HashSet::new();
    if call.skip_on_days_of.is_empty() {
        return dates;
    }
    // A day is at most 26 hours long anywhere; two days of margin covers every zone pairing.
    let margin = Duration::days(2);
    let span_from = own[0].starts_at.checked_sub_signed(margin).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let span_to = own[own.len() - 1].starts_at.checked_add_signed(margin).unwrap_or(DateTime::<Utc>::MAX_UTC);
    for other in calls.iter().filter(|c| c.id != call.id && call.skip_on_days_of.contains(&c.id)) {
        for o in occurrences(other, span_from, span_to) {
            dates.insert(o.starts_at.with_timezone(&call.time_zone).date_naive());
        }
    }
    dates
}
