//! The rules a call must follow before it is stored or imported.

use chrono::{Datelike, Months, NaiveDate, TimeZone};

use super::call::Call;
use super::expand::Pattern;
use super::link::{validate_join_link, validate_web_link};
use super::recurrence::{Frequency, Recurrence};
use crate::{Error, Result};

pub const MAX_TITLE_CHARS: usize = 120;
/// One week.
pub const MAX_REMINDER_MINUTES: u32 = 7 * 24 * 60;
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
const MAX_INTERVAL: u16 = 99;
pub const MAX_COUNT: u32 = 10_000;
/// Exception dates and added occurrences a call may list (each).
pub const MAX_EXCEPTIONS: usize = 1_000;
/// Other calls a call may skip on the days of.
pub const MAX_SKIP_CALLS: usize = 100;
const MAX_ID_CHARS: usize = 128;
/// The longest a rule may wait before its first call: a rule whose first date is further from its
/// start than this (every 89 months on the 5th Monday) would be silence, not a schedule.
pub const MAX_YEARS_TO_FIRST_CALL: u32 = 10;

/// Parses an IANA time zone name such as `Europe/London`.
pub fn parse_time_zone(name: &str, field: &str) -> Result<chrono_tz::Tz> {
    name.parse::<chrono_tz::Tz>().map_err(|_| {
        Error::invalid(
            field,
            format!("Stint does not know the time zone “{}”. Choose a zone such as Europe/London.", name.trim()),
        )
    })
}

/// Checks every field of a call; the error names the first field that is wrong. Links are also
/// checked by `validate_join_link` / `validate_web_link`.
pub fn validate_call(call: &Call) -> Result<()> {
    validate_id(&call.id, "id")?;
    let title_chars = call.title.trim().chars().count();
    if title_chars == 0 || title_chars > MAX_TITLE_CHARS {
        return Err(Error::invalid(
            "title",
            format!("A call's title has 1 to {MAX_TITLE_CHARS} characters; this one has {title_chars}. Change it and save again."),
        ));
    }
    if call.title.chars().any(char::is_control) {
        return Err(Error::invalid(
            "title",
            "A call's title is one line of plain text. Remove the line breaks and tabs and save again.",
        ));
    }
    if let Some(community) = &call.community_id {
        validate_id(community, "community_id")?;
    }
    validate_id(&call.format_id, "format_id")?;
    if call.time_zone.from_local_datetime(&call.first_start).earliest().is_none() {
        return Err(Error::invalid(
            "first_start",
            format!(
                "The time {} does not exist in {}, because the clocks skip it that day. Choose another start time.",
                call.first_start.format("%Y-%m-%d %H:%M"),
                call.time_zone.name()
            ),
        ));
    }
    if !(1..=MAX_DURATION_MINUTES).contains(&call.duration_minutes) {
        return Err(Error::invalid(
            "duration_minutes",
            format!(
                "A call lasts 1 min to 24 h; this one lasts {}. Change its length and save again.",
                crate::words::length(u64::from(call.duration_minutes) * 60)
            ),
        ));
    }
    validate_recurrence(&call.recurrence, call.first_start.date())?;
    check_it_happens(call)?;
    if let Some(link) = &call.join_link {
        validate_join_link(link)?;
    }
    if let Some(link) = &call.notes_link {
        validate_web_link(link, "notes_link")?;
    }
    if call.reminder_minutes.is_some_and(|m| m > MAX_REMINDER_MINUTES) {
        return Err(Error::invalid(
            "reminder_minutes",
            "A reminder comes at most one week before the call. Choose an earlier reminder time.",
        ));
    }
    if call.skip_on_days_of.len() > MAX_SKIP_CALLS {
        return Err(Error::invalid(
            "skip_on_days_of",
            format!(
                "A call can skip the days of at most {MAX_SKIP_CALLS} other calls; this one lists {}. Remove some.",
                call.skip_on_days_of.len()
            ),
        ));
    }
    for (i, other) in call.skip_on_days_of.iter().enumerate() {
        if *other == call.id {
            return Err(Error::invalid(
                format!("skip_on_days_of[{i}]"),
                "A call cannot skip the days of itself. Choose other calls to skip for.",
            ));
        }
        validate_id(other, &format!("skip_on_days_of[{i}]"))?;
    }
    Ok(())
}

/// Ids are short printable strings (slugs in packs, generated ids in the store).
pub(crate) fn validate_id(id: &str, field: &str) -> Result<()> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid(field, malformed_id(field)));
    }
    Ok(())
}

/// The sentence for a malformed id: ids are Stint's (or a pack's), so the way out is to choose again.
fn malformed_id(field: &str) -> String {
    let thing = match field {
        "id" => return "This call has a malformed id, so Stint cannot keep it. Create the call again.".into(),
        "community_id" => "community pack",
        "format_id" => "format",
        _ => "other call",
    };
    format!(
        "This call names its {thing} by a malformed id, so Stint cannot find it. Choose the {thing} again and save."
    )
}

fn validate_recurrence(r: &Recurrence, first_date: NaiveDate) -> Result<()> {
    let field = |name: &str| format!("recurrence.{name}");
    if !(1..=MAX_INTERVAL).contains(&r.interval) {
        return Err(Error::invalid(
            field("interval"),
            format!(
                "A call repeats every 1 to {MAX_INTERVAL} days, weeks or months; this one says {}. Change it.",
                r.interval
            ),
        ));
    }
    if r.frequency == Frequency::Once && (r.interval != 1 || r.count.is_some() || r.until.is_some()) {
        return Err(Error::invalid(
            field("frequency"),
            "A call that happens once has no interval, count or end date. Clear them, or make it repeat.",
        ));
    }
    if !r.weekdays.is_empty() && r.frequency != Frequency::Weekly {
        return Err(Error::invalid(
            field("weekdays"),
            "Only a weekly call repeats on chosen weekdays. Clear the weekdays, or make it weekly.",
        ));
    }
    if !r.monthly_weekdays.is_empty() && r.frequency != Frequency::Monthly {
        return Err(Error::invalid(field("monthly_weekdays"), "Only a monthly call repeats on a weekday of the month, such as the second Tuesday. Clear it, or make it monthly."));
    }
    if has_duplicates(&r.weekdays) {
        return Err(Error::invalid(field("weekdays"), "A weekday is chosen twice. Choose each weekday once."));
    }
    for (i, n) in r.monthly_weekdays.iter().enumerate() {
        if n.nth == 0 || !(-5..=5).contains(&n.nth) {
            return Err(Error::invalid(
                format!("recurrence.monthly_weekdays[{i}].nth"),
                "A weekday of the month is the first to fifth, or the last to fifth-last. Choose one of those.",
            ));
        }
    }
    if has_duplicates(&r.monthly_weekdays) {
        return Err(Error::invalid(
            field("monthly_weekdays"),
            "A weekday of the month is chosen twice. Choose each one once.",
        ));
    }
    if r.count.is_some() && r.until.is_some() {
        return Err(Error::invalid(
            field("count"),
            "A call ends after a number of times or on an end date, not both. Clear one of them.",
        ));
    }
    if r.count.is_some_and(|c| c == 0 || c > MAX_COUNT) {
        return Err(Error::invalid(
            field("count"),
            format!("A call happens 1 to {MAX_COUNT} times. Choose a number in that range, or an end date."),
        ));
    }
    if r.until.is_some_and(|u| u < first_date) {
        return Err(Error::invalid(field("until"), "The end date is before the first call. Choose a later end date."));
    }
    if r.exceptions.len() > MAX_EXCEPTIONS {
        return Err(Error::invalid(
            field("exceptions"),
            format!(
                "A call can skip at most {MAX_EXCEPTIONS} dates; this one skips {}. Remove some.",
                r.exceptions.len()
            ),
        ));
    }
    if first_date.year() < 1970 || first_date.year() > 9000 {
        return Err(Error::invalid(
            "first_start",
            "The first call is between the years 1970 and 9000. Choose a date in that range.",
        ));
    }
    if r.week_start.is_some() && r.frequency != Frequency::Weekly {
        return Err(Error::invalid(
            field("week_start"),
            "Only a weekly call has a first day of the week. Clear it, or make the call weekly.",
        ));
    }
    if r.additions.len() > MAX_EXCEPTIONS {
        return Err(Error::invalid(
            field("additions"),
            format!(
                "A call can have at most {MAX_EXCEPTIONS} added dates; this one has {}. Remove some.",
                r.additions.len()
            ),
        ));
    }
    if let Some(i) = r.additions.iter().position(|a| !(1970..=9999).contains(&a.year())) {
        return Err(Error::invalid(
            format!("recurrence.additions[{i}]"),
            "An added date is between the years 1970 and 9999. Choose a date in that range.",
        ));
    }
    Ok(())
}

/// A call that would never happen is refused, naming the field that makes it so: the end date
/// before the first date of the pattern (a 5th Wednesday in months that have four), exception
/// dates covering every occurrence, or a first call more than `MAX_YEARS_TO_FIRST_CALL` years
/// away. What validation accepts, the expansion yields within those years.
fn check_it_happens(call: &Call) -> Result<()> {
    let r = &call.recurrence;
    let first = call.first_start.date();
    let pattern = Pattern::new(r, first);
    let end = pattern.end();
    let wanted = r.exceptions.len() + 1;
    let dates = pattern.first_dates(end, wanted);
    if dates.is_empty() {
        if let Some(until) = r.until {
            let open = crate::calls::Recurrence { until: None, ..r.clone() };
            if let Some(next) = Pattern::new(&open, first).first_dates(super::expand::last_date(), 1).first() {
                return Err(Error::invalid(
                    "recurrence.until",
                    format!(
                        "This call would first happen on {next}, after its end date {until}. Choose a later end date or another pattern."
                    ),
                ));
            }
        }
        return Err(Error::invalid(
            pattern_field(r),
            format!(
                "No month or week from {first} on has this day, so the call would never happen. Choose another day."
            ),
        ));
    }
    let first_call = dates
        .iter()
        .copied()
        .find(|d| !r.exceptions.contains(d))
        .into_iter()
        .chain(r.additions.iter().map(|a| a.date()))
        .min();
    let latest_first = first.checked_add_months(Months::new(12 * MAX_YEARS_TO_FIRST_CALL)).unwrap_or(NaiveDate::MAX);
    if let Some(first_call) = first_call.filter(|d| *d > latest_first) {
        return Err(Error::invalid(
            pattern_field(r),
            format!(
                "The first call of this rule would be on {first_call}, more than {MAX_YEARS_TO_FIRST_CALL} years \
                 after {first}. Choose a shorter interval or another day."
            ),
        ));
    }
    let all_excepted = dates.len() < wanted && dates.iter().all(|d| r.exceptions.contains(d));
    if all_excepted && r.additions.is_empty() {
        return Err(Error::invalid(
            "recurrence.exceptions",
            "Every date of this call is skipped, so it would never happen. Skip fewer dates.",
        ));
    }
    Ok(())
}

/// The field that decides on which days a rule falls.
fn pattern_field(r: &Recurrence) -> &'static str {
    match r.frequency {
        Frequency::Monthly if !r.monthly_weekdays.is_empty() => "recurrence.monthly_weekdays",
        Frequency::Weekly if !r.weekdays.is_empty() => "recurrence.weekdays",
        _ => "recurrence.interval",
    }
}

fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items.iter().enumerate().any(|(i, a)| items[..i].contains(a))
}
