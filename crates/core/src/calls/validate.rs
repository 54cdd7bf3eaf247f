//! The rules a call must follow before it is stored or imported.

use chrono::{Datelike, Months, NaiveDate, TimeZone};

use super::call::Call;
use super::expand::Pattern;
use super::link::{validate_join_link, validate_web_link};
use super::recurrence::{Frequency, Recurrence};
use crate::i18n::Msg;
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
        .map_err(|_| Error::told(field, Msg::new("error_call_unknown_zone").text("zone", name.trim())))
}

/// Checks every field of a call; the error names the first field that is wrong. Links are also
/// checked by `validate_join_link` / `validate_web_link`.
pub fn validate_call(call: &Call) -> Result<()> {
    validate_id(&call.id, "id")?;
    let title_chars = call.title.trim().chars().count();
    if title_chars == 0 || title_chars > MAX_TITLE_CHARS {
        return Err(Error::told(
            "title",
            Msg::new("error_call_title_length").count("max", MAX_TITLE_CHARS as u64).count("count", title_chars as u64),
        ));
    }
    if call.title.chars().any(char::is_control) {
        return Err(Error::told("title", Msg::new("error_call_title_one_line")));
    }
    if let Some(community) = &call.community_id {
        validate_id(community, "community_id")?;
    }
    validate_id(&call.format_id, "format_id")?;
    if call.time_zone.from_local_datetime(&call.first_start).earliest().is_none() {
        return Err(Error::told(
            "first_start",
            Msg::new("error_call_time_skipped").date_time("time", call.first_start).text("zone", call.time_zone.name()),
        ));
    }
    if !(1..=MAX_DURATION_MINUTES).contains(&call.duration_minutes) {
        return Err(Error::told(
            "duration_minutes",
            Msg::new("error_call_length").length("length", u64::from(call.duration_minutes) * 60),
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
        return Err(Error::told("reminder_minutes", Msg::new("error_call_reminder_too_early")));
    }
    if call.skip_on_days_of.len() > MAX_SKIP_CALLS {
        return Err(Error::told(
            "skip_on_days_of",
            Msg::new("error_call_too_many_skips")
                .count("max", MAX_SKIP_CALLS as u64)
                .count("count", call.skip_on_days_of.len() as u64),
        ));
    }
    for (i, other) in call.skip_on_days_of.iter().enumerate() {
        if *other == call.id {
            return Err(Error::told(format!("skip_on_days_of[{i}]"), Msg::new("error_call_skips_itself")));
        }
        validate_id(other, &format!("skip_on_days_of[{i}]"))?;
    }
    Ok(())
}

/// Ids are short printable strings (slugs in packs, generated ids in the store).
pub(crate) fn validate_id(id: &str, field: &str) -> Result<()> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::told(field, malformed_id(field)));
    }
    Ok(())
}

/// The sentence for a malformed id: ids are Stint's (or a pack's), so the way out is to choose again.
fn malformed_id(field: &str) -> Msg {
    Msg::new(match field {
        "id" => "error_call_malformed_id",
        "community_id" => "error_call_malformed_community",
        "format_id" => "error_call_malformed_format",
        _ => "error_call_malformed_other_call",
    })
}

fn validate_recurrence(r: &Recurrence, first_date: NaiveDate) -> Result<()> {
    let field = |name: &str| format!("recurrence.{name}");
    if !(1..=MAX_INTERVAL).contains(&r.interval) {
        return Err(Error::told(
            field("interval"),
            Msg::new("error_call_interval").count("max", u64::from(MAX_INTERVAL)).count("count", u64::from(r.interval)),
        ));
    }
    if r.frequency == Frequency::Once && (r.interval != 1 || r.count.is_some() || r.until.is_some()) {
        return Err(Error::told(field("frequency"), Msg::new("error_call_once_repeats")));
    }
    if !r.weekdays.is_empty() && r.frequency != Frequency::Weekly {
        return Err(Error::told(field("weekdays"), Msg::new("error_call_weekdays_not_weekly")));
    }
    if !r.monthly_weekdays.is_empty() && r.frequency != Frequency::Monthly {
        return Err(Error::told(field("monthly_weekdays"), Msg::new("error_call_month_weekday_not_monthly")));
    }
    if has_duplicates(&r.weekdays) {
        return Err(Error::told(field("weekdays"), Msg::new("error_call_weekday_twice")));
    }
    for (i, n) in r.monthly_weekdays.iter().enumerate() {
        if n.nth == 0 || !(-5..=5).contains(&n.nth) {
            return Err(Error::told(
                format!("recurrence.monthly_weekdays[{i}].nth"),
                Msg::new("error_call_month_weekday_nth"),
            ));
        }
    }
    if has_duplicates(&r.monthly_weekdays) {
        return Err(Error::told(field("monthly_weekdays"), Msg::new("error_call_month_weekday_twice")));
    }
    if r.count.is_some() && r.until.is_some() {
        return Err(Error::told(field("count"), Msg::new("error_call_count_and_until")));
    }
    if r.count.is_some_and(|c| c == 0 || c > MAX_COUNT) {
        return Err(Error::told(field("count"), Msg::new("error_call_count").count("max", u64::from(MAX_COUNT))));
    }
    if r.until.is_some_and(|u| u < first_date) {
        return Err(Error::told(field("until"), Msg::new("error_call_until_before_start")));
    }
    if r.exceptions.len() > MAX_EXCEPTIONS {
        return Err(Error::told(
            field("exceptions"),
            Msg::new("error_call_too_many_exceptions")
                .count("max", MAX_EXCEPTIONS as u64)
                .count("count", r.exceptions.len() as u64),
        ));
    }
    if first_date.year() < 1970 || first_date.year() > 9000 {
        return Err(Error::told(
            "first_start",
            Msg::new("error_call_first_year").count("from", 1970).count("to", 9000),
        ));
    }
    if r.week_start.is_some() && r.frequency != Frequency::Weekly {
        return Err(Error::told(field("week_start"), Msg::new("error_call_week_start_not_weekly")));
    }
    if r.additions.len() > MAX_EXCEPTIONS {
        return Err(Error::told(
            field("additions"),
            Msg::new("error_call_too_many_additions")
                .count("max", MAX_EXCEPTIONS as u64)
                .count("count", r.additions.len() as u64),
        ));
    }
    if let Some(i) = r.additions.iter().position(|a| !(1970..=9999).contains(&a.year())) {
        return Err(Error::told(
            format!("recurrence.additions[{i}]"),
            Msg::new("error_call_added_year").count("from", 1970).count("to", 9999),
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
                return Err(Error::told(
                    "recurrence.until",
                    Msg::new("error_call_first_after_until").date("next", *next).date("until", until),
                ));
            }
        }
        return Err(Error::told(pattern_field(r), Msg::new("error_call_never_happens").date("first", first)));
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
        return Err(Error::told(
            pattern_field(r),
            Msg::new("error_call_first_too_far")
                .date("first_call", first_call)
                .count("years", u64::from(MAX_YEARS_TO_FIRST_CALL))
                .date("first", first),
        ));
    }
    let all_excepted = dates.len() < wanted && dates.iter().all(|d| r.exceptions.contains(d));
    if all_excepted && r.additions.is_empty() {
        return Err(Error::told("recurrence.exceptions", Msg::new("error_call_all_skipped")));
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
