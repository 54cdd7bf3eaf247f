//! One VEVENT → one call.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::content_line::{about, at_line, line_words, ContentLine};
use super::ignored::Ignored;
use super::options::IcsImportOptions;
use super::values::{parse_duration_seconds, parse_when, unescape_text, When};
use super::windows_zones::iana_zone;
use crate::calls::{
    local_to_utc, parse_time_zone, pattern_start, validate_call, validate_join_link, validate_web_link, Call,
    Frequency, NthWeekday, Recurrence, Weekday, MAX_EXCEPTIONS,
};
use crate::i18n::Msg;
use crate::{Error, Result};

/// Event properties Stint reads.
const READ: &[&str] = &[
    "UID",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "EXDATE",
    "RDATE",
    "RECURRENCE-ID",
    "URL",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "LOCATION",
    "X-STINT-FORMAT",
    "X-STINT-COMMUNITY",
    "X-STINT-NOTES",
    "X-STINT-SKIP-ON-DAYS-OF",
];
/// Event properties about the file's bookkeeping; read past without listing.
const QUIET: &[&str] = &["DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "STATUS", "TRANSP", "CLASS"];
const DEFAULT_MINUTES: u32 = 60;
const MAX_TITLE_CHARS: usize = 120;

/// The lines of one VEVENT.
#[derive(Debug, Default)]
pub(super) struct EventLines {
    /// Line of its BEGIN:VEVENT.
    pub begin: usize,
    pub props: Vec<ContentLine>,
    pub alarms: Vec<Vec<ContentLine>>,
    /// The first line of the event that could not be read, if any: the event is skipped.
    pub broken: Option<Error>,
}

impl EventLines {
    pub fn new(begin: usize) -> Self {
        EventLines { begin, ..Default::default() }
    }

    pub fn get(&self, name: &str) -> Option<&ContentLine> {
        self.props.iter().find(|p| p.name == name)
    }
}

pub(super) enum Outcome {
    Call(Box<Call>),
    /// Not imported; the message names the line and says why.
    Skipped(Msg),
    /// Nothing to import, nothing to tell (a cancelled occurrence of a series not in the file).
    Nothing,
}

/// What the user reads about an event that was not imported: "Line 12: why. Stint did not import
/// this event; …", `why` being one of the `error_ics_why_…` parts.
pub(super) fn not_imported(line: usize, why: Msg) -> Msg {
    Msg::new("error_ics_event_skipped").said("problem", line_words(line, why))
}

/// The same, from an error: one made by `at_line` already names its line; any other (a rule every
/// call keeps, a whole sentence) is said after the line of the property it is about.
pub(super) fn not_imported_error(e: &Error, line: usize) -> Msg {
    let problem = match e {
        Error::InvalidInput { field, words, .. } if field.starts_with("line ") => words.clone(),
        other => Msg::new("error_ics_at_line").count("line", line as u64).said("problem", other.words()),
    };
    Msg::new("error_ics_event_skipped").said("problem", problem)
}

/// Stops reading an event: `Err` for malformed input, `Ok(Skipped)` for what Stint cannot represent.
macro_rules! skip {
    ($line:expr, $why:expr) => {
        return Ok(Outcome::Skipped(not_imported($line, $why)))
    };
}

pub(super) fn event_to_call(
    ev: &EventLines,
    index: usize,
    options: &IcsImportOptions,
    ignored: &mut Ignored,
) -> Result<Outcome> {
    if let Some(e) = &ev.broken {
        return Err(e.clone());
    }
    if ev.props.iter().filter(|p| p.name == "RRULE").count() > 1 {
        skip!(ev.begin, Msg::new("error_ics_why_several_rules"));
    }
    let Some(dtstart) = ev.get("DTSTART") else {
        return Err(at_line(ev.begin, Msg::new("error_ics_why_no_start")));
    };
    let when = parse_when(&dtstart.value)
        .ok_or_else(|| at_line(dtstart.line, about("error_ics_why_not_date_time", "DTSTART")))?;
    let zone = match dtstart.param("TZID") {
        Some(name) => match zone_named(name) {
            Some(zone) => zone,
            None => skip!(dtstart.line, Msg::new("error_ics_why_unknown_zone").text("zone", name)),
        },
        None if matches!(when, When::Utc(_)) => chrono_tz::UTC,
        None => options.default_zone,
    };
    let first_start = match when {
        When::Date(_) => skip!(dtstart.line, Msg::new("error_ics_why_all_day")),
        When::Local(local) => local,
        When::Utc(utc) => utc.and_utc().with_timezone(&zone).naive_local(),
    };
    let duration_minutes = match event_minutes(ev, first_start, zone)? {
        Some(m) if (1..=24 * 60).contains(&m) => m,
        Some(_) => {
            let line = ev.get("DURATION").or_else(|| ev.get("DTEND")).map_or(ev.begin, |l| l.line);
            skip!(line, Msg::new("error_ics_why_length"))
        }
        None => DEFAULT_MINUTES,
    };
    let recurrence = match ev.get("RRULE") {
        None => Recurrence::once(),
        Some(line) => match read_rrule(line, zone, first_start)? {
            Ok(r) => r,
            Err(why) => skip!(line.line, why),
        },
    };
    let mut recurrence = recurrence;
    for line in ev.props.iter().filter(|p| p.name == "RDATE") {
        for value in line.value.split(',') {
            let start = value.split('/').next().unwrap_or(value);
            let when = parse_when(start).ok_or_else(|| at_line(line.line, not_a_date("RDATE", value)))?;
            let added = zone_local(when, written_zone(line, zone), zone, first_start.time());
            // One past the limit is enough for validation to refuse the event (and keeps this linear).
            if recurrence.additions.len() > MAX_EXCEPTIONS {
                break;
            }
            if !recurrence.additions.contains(&added) {
                recurrence.additions.push(added);
            }
        }
    }
    start_on_the_pattern(&mut recurrence, first_start);
    for line in ev.props.iter().filter(|p| p.name == "EXDATE") {
        for value in line.value.split(',') {
            let when = parse_when(value).ok_or_else(|| at_line(line.line, not_a_date("EXDATE", value)))?;
            let excluded = zone_local(when, written_zone(line, zone), zone, first_start.time());
            if recurrence.exceptions.len() > MAX_EXCEPTIONS {
                break;
            }
            exclude(&mut recurrence, excluded, first_start.time(), ignored);
        }
    }
    let mut call = Call {
        id: event_id(ev, index),
        title: title(ev),
        community_id: ev.get("X-STINT-COMMUNITY").map(|l| unescape_text(&l.value)),
        format_id: ev
            .get("X-STINT-FORMAT")
            .map_or_else(|| options.default_format_id.clone(), |l| unescape_text(&l.value)),
        first_start,
        time_zone: zone,
        duration_minutes,
        recurrence,
        join_link: None,
        notes_link: None,
        reminder_minutes: reminder(ev, ignored),
        skip_on_days_of: ev
            .get("X-STINT-SKIP-ON-DAYS-OF")
            .map(|l| l.value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default(),
    };
    read_links(ev, &mut call, ignored);
    for p in &ev.props {
        if !READ.contains(&p.name.as_str()) && !QUIET.contains(&p.name.as_str()) {
            ignored.name(&p.name);
        }
    }
    Ok(Outcome::Call(Box::new(call)))
}

/// The call of an event once its overrides are applied, if it passes `validate_call`; else why not.
pub(super) fn validated(ev: &EventLines, call: Call) -> Outcome {
    match validate_call(&call) {
        Ok(()) => Outcome::Call(Box::new(call)),
        Err(e) => Outcome::Skipped(not_imported_error(&e, line_of_field(ev, &e))),
    }
}

/// The zone a date-time property is written in: its TZID, or the event's.
pub(super) fn written_zone(line: &ContentLine, zone: chrono_tz::Tz) -> chrono_tz::Tz {
    line.param("TZID").and_then(zone_named).unwrap_or(zone)
}

/// A TZID: an IANA name (some apps put a `/` before it), or a Windows name as Outlook writes.
fn zone_named(name: &str) -> Option<chrono_tz::Tz> {
    parse_time_zone(name.trim_start_matches('/'), "TZID").ok().or_else(|| iana_zone(name))
}

/// A date or date-time as a wall time in the call's `zone`; a date takes the call's `time` of day.
/// A wall time written in the call's own zone is kept as written (also one the clocks skip).
pub(super) fn zone_local(when: When, written_in: chrono_tz::Tz, zone: chrono_tz::Tz, time: NaiveTime) -> NaiveDateTime {
    match when {
        When::Date(d) => d.and_time(time),
        When::Utc(t) => t.and_utc().with_timezone(&zone).naive_local(),
        When::Local(t) if written_in == zone => t,
        When::Local(t) => local_to_utc(t, written_in).with_timezone(&zone).naive_local(),
    }
}

/// Removes one occurrence (an EXDATE, a cancelled or moved instance): at the call's time of day it
/// is an exception date; else it must be one of the added occurrences; else it matches nothing.
pub(super) fn exclude(r: &mut Recurrence, at: NaiveDateTime, time: NaiveTime, ignored: &mut Ignored) {
    if at.time() == time {
        if !r.exceptions.contains(&at.date()) {
            r.exceptions.push(at.date());
        }
    } else if let Some(i) = r.additions.iter().position(|a| *a == at) {
        r.additions.remove(i);
    } else {
        ignored.because("EXDATE", Msg::new("ics_ignored_why_not_an_occurrence"));
    }
}

/// A DTSTART that is not on its own rule: RFC 5545 leaves the result undefined, but also says
/// DTSTART always counts as the first occurrence, which is what calendar apps show. So it becomes
/// an added occurrence (counted in COUNT), and the rule starts after it; a rule that then yields
/// nothing leaves a one-off call.
fn start_on_the_pattern(r: &mut Recurrence, first_start: NaiveDateTime) {
    let unreadable =
        !(1..=99).contains(&r.interval) || r.monthly_weekdays.iter().any(|n| n.nth == 0 || !(-5..=5).contains(&n.nth));
    if r.frequency == Frequency::Once || unreadable {
        return; // validation refuses what cannot be read
    }
    let probe = Call {
        id: String::new(),
        title: String::new(),
        community_id: None,
        format_id: String::new(),
        first_start,
        time_zone: chrono_tz::UTC,
        duration_minutes: 1,
        recurrence: Recurrence { additions: Vec::new(), exceptions: Vec::new(), ..r.clone() },
        join_link: None,
        notes_link: None,
        reminder_minutes: None,
        skip_on_days_of: Vec::new(),
    };
    let on_pattern = pattern_start(&probe);
    if on_pattern == first_start {
        return;
    }
    let never =
        on_pattern.date() < first_start.date() || r.until.is_some_and(|u| on_pattern.date() > u) || r.count == Some(1);
    if let Some(count) = r.count.as_mut() {
        *count = count.saturating_sub(1);
    }
    if never {
        let (exceptions, additions) = (std::mem::take(&mut r.exceptions), std::mem::take(&mut r.additions));
        *r = Recurrence { exceptions, additions, ..Recurrence::once() };
    } else if !r.additions.contains(&first_start) {
        r.additions.push(first_start);
    }
}

/// The UID without Stint's `@stint` suffix, or `ics-event-N` when it is missing or unusable as an id.
fn event_id(ev: &EventLines, index: usize) -> String {
    let uid = ev.get("UID").map(|l| l.value.trim().to_string()).unwrap_or_default();
    let uid = uid.strip_suffix("@stint").unwrap_or(&uid).to_string();
    if uid.is_empty() || uid.chars().count() > 128 || uid.chars().any(|c| c.is_whitespace() || c.is_control()) {
        format!("ics-event-{}", index + 1)
    } else {
        uid
    }
}

fn title(ev: &EventLines) -> String {
    let text = ev.get("SUMMARY").map(|l| unescape_text(&l.value)).unwrap_or_default();
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let title: String = one_line.chars().filter(|c| !c.is_control()).take(MAX_TITLE_CHARS).collect();
    if title.is_empty() {
        "Untitled call".to_string()
    } else {
        title
    }
}

/// Minutes from DURATION or DTEND; `None` when neither is given.
pub(super) fn event_minutes(ev: &EventLines, first_start: NaiveDateTime, zone: chrono_tz::Tz) -> Result<Option<u32>> {
    let seconds = if let Some(l) = ev.get("DURATION") {
        parse_duration_seconds(&l.value).ok_or_else(|| at_line(l.line, Msg::new("error_ics_why_not_duration")))?
    } else if let Some(l) = ev.get("DTEND") {
        let when =
            parse_when(&l.value).ok_or_else(|| at_line(l.line, about("error_ics_why_not_date_time", "DTEND")))?;
        let end_zone = written_zone(l, zone);
        let Some(end) = instant(when, end_zone) else { return Ok(Some(0)) };
        let Some(start) = instant(When::Local(first_start), zone) else { return Ok(Some(0)) };
        (end - start).num_seconds()
    } else {
        return Ok(None);
    };
    Ok(Some(whole_minutes_up(seconds.max(0))))
}

fn instant(when: When, zone: chrono_tz::Tz) -> Option<chrono::DateTime<Utc>> {
    match when {
        When::Utc(t) => Some(t.and_utc()),
        When::Local(t) => Some(local_to_utc(t, zone)),
        When::Date(_) => None,
    }
}

/// Reads an RRULE. `Err` = malformed (an error naming the line); `Ok(Err(why))` = valid but not
/// representable (the event is skipped).
fn read_rrule(
    line: &ContentLine,
    zone: chrono_tz::Tz,
    first_start: NaiveDateTime,
) -> Result<std::result::Result<Recurrence, Msg>> {
    let bad = |why: Msg| at_line(line.line, why);
    let rule_part = |key: &'static str, part: &str, value: &str| Msg::new(key).text("part", part).text("value", value);
    let mut recurrence = Recurrence::once();
    let mut frequency = None;
    let mut by_day: Vec<(Option<i8>, Weekday)> = Vec::new();
    let mut week_start = None;
    for part in line.value.split(';').filter(|p| !p.is_empty()) {
        let (key, value) =
            part.split_once('=').ok_or_else(|| bad(Msg::new("error_ics_why_rule_part").text("part", part)))?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => {
                frequency = Some(match value.to_ascii_uppercase().as_str() {
                    "DAILY" => Frequency::Daily,
                    "WEEKLY" => Frequency::Weekly,
                    "MONTHLY" => Frequency::Monthly,
                    "YEARLY" | "HOURLY" | "MINUTELY" | "SECONDLY" => {
                        return Ok(Err(Msg::new("error_ics_why_rule_frequency").text("value", value)));
                    }
                    _ => return Err(bad(rule_part("error_ics_why_rule_unknown", "FREQ", value))),
                })
            }
            "INTERVAL" => {
                recurrence.interval =
                    value.parse().map_err(|_| bad(rule_part("error_ics_why_rule_not_number", "INTERVAL", value)))?
            }
            "COUNT" => {
                recurrence.count =
                    Some(value.parse().map_err(|_| bad(rule_part("error_ics_why_rule_not_number", "COUNT", value)))?)
            }
            "UNTIL" => {
                let when = parse_when(value).ok_or_else(|| bad(not_a_date("RRULE UNTIL", value)))?;
                recurrence.until = Some(until_date(when, zone, first_start));
            }
            "BYDAY" => {
                for day in value.split(',') {
                    by_day.push(
                        parse_by_day(day).ok_or_else(|| bad(rule_part("error_ics_why_rule_weekday", "BYDAY", day)))?,
                    );
                }
            }
            "WKST" => {
                let day = parse_by_day(value).filter(|(n, _)| n.is_none());
                week_start = Some(day.ok_or_else(|| bad(rule_part("error_ics_why_rule_weekday", "WKST", value)))?.1);
            }
            other => return Ok(Err(Msg::new("error_ics_why_rule_unsupported").text("part", other))),
        }
    }
    let Some(frequency) = frequency else {
        return Err(bad(Msg::new("error_ics_why_rule_no_frequency")));
    };
    recurrence.frequency = frequency;
    let plain: Option<Vec<Weekday>> = by_day.iter().map(|(n, d)| n.is_none().then_some(*d)).collect();
    match (frequency, plain) {
        (_, _) if by_day.is_empty() => {}
        (Frequency::Weekly, Some(days)) => recurrence.weekdays = days,
        // Every weekday, written as a daily rule: the same as weekly on those days.
        (Frequency::Daily, Some(days)) if recurrence.interval == 1 => {
            recurrence.frequency = Frequency::Weekly;
            recurrence.weekdays = days;
        }
        (Frequency::Monthly, None) if by_day.iter().all(|(n, _)| n.is_some()) => {
            recurrence.monthly_weekdays =
                by_day.iter().map(|(n, d)| NthWeekday { nth: n.unwrap_or(1), weekday: *d }).collect();
        }
        _ => return Ok(Err(Msg::new("error_ics_why_rule_combination"))),
    }
    // Which weeks are "every other" depends on where weeks start; with one week at a time it does not.
    if recurrence.frequency == Frequency::Weekly && recurrence.interval > 1 && week_start != Some(Weekday::Mon) {
        recurrence.week_start = week_start;
    }
    Ok(Ok(recurrence))
}

/// "`property` “value” is not a date".
fn not_a_date(property: &str, value: &str) -> Msg {
    about("error_ics_why_not_date", property).text("value", value)
}

/// An UNTIL is an instant (or, written as a date, the last date): Stint keeps the last local date
/// whose occurrence, at the call's time of day, is not after it.
fn until_date(when: When, zone: chrono_tz::Tz, first_start: NaiveDateTime) -> NaiveDate {
    let instant = match when {
        When::Date(d) => return d,
        When::Utc(t) => t.and_utc(),
        When::Local(t) => local_to_utc(t, zone),
    };
    let date = instant.with_timezone(&zone).date_naive();
    if local_to_utc(date.and_time(first_start.time()), zone) > instant {
        date.pred_opt().unwrap_or(date)
    } else {
        date
    }
}

/// `MO` → (None, Mon); `1WE` / `+1WE` → (Some(1), Wed); `-1FR` → (Some(-1), Fri).
fn parse_by_day(text: &str) -> Option<(Option<i8>, Weekday)> {
    let text = text.trim();
    if text.len() < 2 || !text.is_char_boundary(text.len() - 2) {
        return None;
    }
    let (number, day) = text.split_at(text.len() - 2);
    let weekday = match day.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    if number.is_empty() {
        return Some((None, weekday));
    }
    let n: i8 = number.trim_start_matches('+').parse().ok()?;
    Some((Some(n), weekday))
}

/// Seconds (0 or more) as whole minutes, rounding up, without overflow near `i64::MAX`.
fn whole_minutes_up(seconds: i64) -> u32 {
    u32::try_from(seconds.unsigned_abs().div_ceil(60)).unwrap_or(u32::MAX)
}

/// The first alarm that fires before (or at) the start, in minutes; others are listed as ignored.
fn reminder(ev: &EventLines, ignored: &mut Ignored) -> Option<u32> {
    for alarm in &ev.alarms {
        let Some(trigger) = alarm.iter().find(|l| l.name == "TRIGGER") else { continue };
        let related_to_end = trigger.param("RELATED").is_some_and(|r| r.eq_ignore_ascii_case("END"));
        match parse_duration_seconds(&trigger.value) {
            Some(s) if s <= 0 && !related_to_end => return u32::try_from(s.unsigned_abs().div_ceil(60)).ok(),
            _ => {
                ignored.because("VALARM TRIGGER", Msg::new("ics_ignored_why_trigger"));
            }
        }
    }
    None
}

/// URL (or a LOCATION that is a link) becomes the join link; Stint's notes link is read back.
fn read_links(ev: &EventLines, call: &mut Call, ignored: &mut Ignored) {
    // Outlook puts a Teams meeting's link in its own property, and "Microsoft Teams Meeting" in LOCATION.
    let candidates = ["URL", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "LOCATION"]
        .into_iter()
        .filter_map(|name| ev.get(name).map(|l| (name, l)));
    for (name, l) in candidates {
        match validate_join_link(&unescape_text(&l.value)) {
            Ok(link) if call.join_link.is_none() => call.join_link = Some(link),
            Ok(_) => {}
            Err(_) => {
                ignored.because(name, Msg::new("ics_ignored_why_not_a_link"));
            }
        }
    }
    if let Some(l) = ev.get("X-STINT-NOTES") {
        match validate_web_link(&unescape_text(&l.value), "notes_link") {
            Ok(link) => call.notes_link = Some(link),
            Err(_) => {
                ignored.because("X-STINT-NOTES", Msg::new("ics_ignored_why_not_a_web_link"));
            }
        }
    }
}

/// The line of the property a validation error is about.
fn line_of_field(ev: &EventLines, e: &Error) -> usize {
    let field = e.field().unwrap_or("");
    let property = match field.split(['.', '[']).next().unwrap_or("") {
        "title" => "SUMMARY",
        "first_start" | "time_zone" => "DTSTART",
        "recurrence" if field.contains("exceptions") => "EXDATE",
        "recurrence" => "RRULE",
        "duration_minutes" => {
            if ev.get("DURATION").is_some() {
                "DURATION"
            } else {
                "DTEND"
            }
        }
        "join_link" => "URL",
        "notes_link" => "X-STINT-NOTES",
        "format_id" => "X-STINT-FORMAT",
        "community_id" => "X-STINT-COMMUNITY",
        "skip_on_days_of" => "X-STINT-SKIP-ON-DAYS-OF",
        _ => "",
    };
    ev.get(property).map_or(ev.begin, |l| l.line)
}
