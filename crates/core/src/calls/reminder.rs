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
    for days in HORIZONS_DAYS {
        let horizon = now.checked_add_signed(Duration::days(days)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let found = occurrences_between(calls, now, horizon)
            .into_iter()
            .filter_map(|o| {
                let call = with_reminders.iter().find(|c| c.id == o.call_id)?;
                let at = o.starts_at.checked_sub_signed(Duration::minutes(i64::from(call.reminder_minutes?)))?;
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
