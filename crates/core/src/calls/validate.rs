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
    name.parse::<chrono_tz::Tz>()
        .map_err(|_| Error::invalid(field, format!("\"{name}\" is not an IANA time zone (e.g. Europe/London)")))
}

/// Checks every field of a call; the error names the first field that is wrong. Links are also
/// checked by `validate_join_link` / `validate_web_link`.
pub fn validate_call(call: &Call) -> Result<()> {
    validate_id(&call.id, "id")?;
    let title_chars = call.title.trim().chars().count();
    if title_chars == 0 || title_chars > MAX_TITLE_CHARS {
        return Err(Error::invalid("title", format!("a title has 1 to {MAX_TITLE_CHARS} characters")));
    }
    if call.title.chars().any(char::is_control) {
        return Err(Error::invalid("title", "a title cannot contain control characters"));
    }
    if let Some(community) = &call.community_id {
        validate_id(community, "community_id")?;
    }
    validate_id(&call.format_id, "format_id")?;
    if call.time_zone.from_local_datetime(&call.first_start).earliest().is_none() {
        return Err(Error::invalid(
            "first_start",
            format!("{} does not exist in {} (the clocks skip it)", call.first_start, call.time_zone.name()),
        ));
    }
    if !(1..=MAX_DURATION_MINUTES).contains(&call.duration_minutes) {
        return Err(Error::invalid("duration_minutes", format!("a call lasts 1 to {MAX_DURATION_MINUTES} minutes")));
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
        return Err(Error::invalid("reminder_minutes", "a reminder comes at most one week (10080 minutes) before"));
    }
    if call.skip_on_days_of.len() > MAX_SKIP_CALLS {
        return Err(Error::invalid(
            "skip_on_days_of",
            format!("a call can skip on the days of at most {MAX_SKIP_CALLS} other calls"),
        ));
    }
    for (i, other) in call.skip_on_days_of.iter().enumerate() {
        if *other == call.id {
            return Err(Error::invalid(format!("skip_on_days_of[{i}]"), "a call cannot skip its own days"));
        }
        validate_id(other, &format!("skip_on_days_of[{i}]"))?;
    }
    Ok(())
}

/// Ids are short printable strings (slugs in packs, generated ids in the store).
pub(crate) fn validate_id(id: &str, field: &str) -> Result<()> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid(field, format!("an id has 1 to {MAX_ID_CHARS} characters, without spaces")));
    }
    Ok(())
}

fn validate_recurrence(r: &Recurrence, first_date: NaiveDate) -> Result<()> {
    let field = |name: &str| format!("recurrence.{name}");
    if !(1..=MAX_INTERVAL).contains(&r.interval) {
        return Err(Error::invalid(field("interval"), format!("the interval is 1 to {MAX_INTERVAL}")));
    }
    if r.frequency == Frequency::Once && (r.interval != 1 || r.count.is_some() || r.until.is_some()) {
        return Err(Error::invalid(field("frequency"), "a one-off call has no interval, count or end date"));
    }
    if !r.weekdays.is_empty() && r.frequency != Frequency::Weekly {
        return Err(Error::invalid(field("weekdays"), "weekdays are for weekly calls"));
    }
    if !r.monthly_weekdays.is_empty() && r.frequency != Frequency::Monthly {
        return Err(Error::invalid(field("monthly_weekdays"), "nth weekdays are for monthly calls"));
    }
    if has_duplicates(&r.weekdays) {
        return Err(Error::invalid(field("weekdays"), "a weekday is listed twice"));
    }
    for (i, n) in r.monthly_weekdays.iter().enumerate() {
        if n.nth == 0 || !(-5..=5).contains(&n.nth) {
            return Err(Error::invalid(
                format!("recurrence.monthly_weekdays[{i}].nth"),
                "nth is 1 to 5 (from the start of the month) or -1 to -5 (from its end)",
            ));
        }
    }
    if has_duplicates(&r.monthly_weekdays) {
        return Err(Error::invalid(field("monthly_weekdays"), "an nth weekday is listed twice"));
    }
    if r.count.is_some() && r.until.is_some() {
        return Err(Error::invalid(field("count"), "give either a count or an end date, not both"));
    }
    if r.count.is_some_and(|c| c == 0 || c > MAX_COUNT) {
        return Err(Error::invalid(field("count"), format!("the count is 1 to {MAX_COUNT}")));
    }
    if r.until.is_some_and(|u| u < first_date) {
        return Err(Error::invalid(field("until"), "the end date is before the first call"));
    }
    if r.exceptions.len() > MAX_EXCEPTIONS {
        return Err(Error::invalid(field("exceptions"), format!("at most {MAX_EXCEPTIONS} exception dates")));
    }
    if first_date.year() < 1970 || first_date.year() > 9000 {
        return Err(Error::invalid("first_start", "the first call is between the years 1970 and 9000"));
    }
    if r.week_start.is_some() && r.frequency != Frequency::Weekly {
        return Err(Error::invalid(field("week_start"), "a week start is for weekly calls"));
    }
    if r.additions.len() > MAX_EXCEPTIONS {
        return Err(Error::invalid(field("additions"), format!("at most {MAX_EXCEPTIONS} added occurrences")));
    }
    if let Some(i) = r.additions.iter().position(|a| !(1970..=9999).contains(&a.year())) {
        return Err(Error::invalid(
            format!("recurrence.additions[{i}]"),
            "an added occurrence is between the years 1970 and 9999",
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
                    format!("the rule has no date from {first} to the end date {until}; its first is {next}"),
                ));
            }
        }
        return Err(Error::invalid(
            pattern_field(r),
            format!("no month or week from {first} on has this day, so the call would never happen"),
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
                "the first call of this rule would be on {first_call}, more than {MAX_YEARS_TO_FIRST_CALL} years \
                 after {first}; choose a shorter interval or another day"
            ),
        ));
    }
    let all_excepted = dates.len() < wanted && dates.iter().all(|d| r.exceptions.contains(d));
    if all_excepted && r.additions.is_empty() {
        return Err(Error::invalid(
            "recurrence.exceptions",
            "every occurrence is an exception date, so the call would never happen",
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
