//! When the next reminder is due, so the runner can sleep until then instead of polling.

use chrono::{DateTime, Duration, Utc};

use super::call::{Call, Occurrence};
use super::occurrences::occurrences_between;
use super::validate::MAX_REMINDER_MINUTES;

/// How far ahead to look, in growing steps: most calls recur within a month; a monthly call with a
/// long interval may be many months away.
const HORIZONS_DAYS: [i64; 3] = [35, 400, 3_700];

/// The earliest reminder strictly after `now` (instant = start − `reminder_minutes`), with its
/// occurrence. Skipped occurrences get no reminder. `None` when no call has a reminder ahead.
pub fn next_reminder(calls: &[Call], now: DateTime<Utc>) -> Option<(DateTime<Utc>, Occurrence)> {
    let with_reminders: Vec<&Call> = calls.iter().filter(|c| c.reminder_minutes.is_some()).collect();
    if with_reminders.is_empty() {
        return None;
    }
    let relevant = reminding_calls(calls);
    let minutes_of = reminder_minutes(calls);
    for days in HORIZONS_DAYS {
        let horizon = now.checked_add_signed(Duration::days(days)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let found = occurrences_between(&relevant, now, horizon)
            .into_iter()
            .filter_map(|o| {
                let minutes = *minutes_of.get(o.call_id.as_str())?;
                let at = o.starts_at.checked_sub_signed(Duration::minutes(i64::from(minutes)))?;
                (at > now).then_some((at, o))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.call_id.cmp(&b.1.call_id)));
        // An occurrence just past the horizon may still be reminded of earlier than what was found.
        let certain_until = horizon - Duration::minutes(i64::from(MAX_REMINDER_MINUTES));
        match found {
            Some((at, _)) if at <= certain_until || days == HORIZONS_DAYS[HORIZONS_DAYS.len() - 1] => return found,
            _ => {}
        }
    }
    None
}

/// Every reminder whose instant is in `(after, until]`, in time order (ties by call id), with its
/// occurrence: the runner announces all of them, so two calls reminding at the same instant both get
/// a notification. Skipped occurrences get no reminder.
pub fn reminders_due(calls: &[Call], after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<(DateTime<Utc>, Occurrence)> {
    if until <= after || calls.iter().all(|c| c.reminder_minutes.is_none()) {
        return Vec::new();
    }
    // A reminder at or before `until` belongs to an occurrence starting at most a week after it.
    let lead = Duration::minutes(i64::from(MAX_REMINDER_MINUTES)) + Duration::seconds(1);
    let to = until.checked_add_signed(lead).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let minutes_of = reminder_minutes(calls);
    let mut due: Vec<(DateTime<Utc>, Occurrence)> = occurrences_between(&reminding_calls(calls), after, to)
        .into_iter()
        .filter_map(|o| {
            let minutes = *minutes_of.get(o.call_id.as_str())?;
            let at = o.starts_at.checked_sub_signed(Duration::minutes(i64::from(minutes)))?;
            (at > after && at <= until).then_some((at, o))
        })
        .collect();
    due.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.call_id.cmp(&b.1.call_id)));
    due
}

/// Each reminding call's minutes, by id (the first call of an id decides, as a lookup by id did).
fn reminder_minutes(calls: &[Call]) -> std::collections::HashMap<&str, u32> {
    let mut out = std::collections::HashMap::new();
    for c in calls {
        if let Some(m) = c.reminder_minutes {
            out.entry(c.id.as_str()).or_insert(m);
        }
    }
    out
}

/// The calls with a reminder and the calls they skip on the days of: all a reminder query expands.
fn reminding_calls(calls: &[Call]) -> Vec<Call> {
    let needed: std::collections::HashSet<&str> = calls
        .iter()
        .filter(|c| c.reminder_minutes.is_some())
        .flat_map(|c| std::iter::once(c.id.as_str()).chain(c.skip_on_days_of.iter().map(String::as_str)))
        .collect();
    calls.iter().filter(|c| needed.contains(c.id.as_str())).cloned().collect()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;
    use crate::calls::Recurrence;

    fn call(id: &str, hour: u32, reminder_minutes: Option<u32>) -> Call {
        Call {
            id: id.into(),
            title: id.into(),
            community_id: None,
            format_id: "pomodoro".into(),
            first_start: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(hour, 0, 0).unwrap(),
            time_zone: chrono_tz::UTC,
            duration_minutes: 60,
            recurrence: Recurrence::every(crate::calls::Frequency::Daily),
            join_link: None,
            notes_link: None,
            reminder_minutes,
            skip_on_days_of: Vec::new(),
        }
    }

    fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, minute, 0).unwrap()
    }

    #[test]
    fn reminders_due_lists_every_reminder_in_the_half_open_window_ties_included() {
        let calls = [call("b", 11, Some(10)), call("a", 11, Some(10)), call("c", 12, Some(70)), call("d", 9, None)];
        let due = reminders_due(&calls, at(3, 10, 0), at(3, 10, 50));
        let listed: Vec<(DateTime<Utc>, &str)> = due.iter().map(|(t, o)| (*t, o.call_id.as_str())).collect();
        assert_eq!(listed, [(at(3, 10, 50), "a"), (at(3, 10, 50), "b"), (at(3, 10, 50), "c")]);
        assert!(reminders_due(&calls, at(3, 10, 50), at(3, 10, 55)).is_empty(), "the start of the window is excluded");
        assert!(reminders_due(&calls, at(3, 10, 50), at(3, 10, 50)).is_empty());
        assert_eq!(reminders_due(&calls, at(3, 0, 0), at(5, 0, 0)).len(), 6, "two days of three reminding calls");
    }

    #[test]
    fn the_next_reminder_is_the_first_one_due() {
        let calls = [call("a", 11, Some(10)), call("c", 12, Some(70))];
        let (next, _) = next_reminder(&calls, at(3, 10, 0)).unwrap();
        assert_eq!(reminders_due(&calls, at(3, 10, 0), next)[0].0, next);
    }
}
