//! Reading an .ics file into calls.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content_line::{about, at_line, content_lines, line_of, nothing_imported, ContentLine};
use super::event::{event_to_call, not_imported_error, validated, EventLines, Outcome};
use super::ignored::Ignored;
use super::options::IcsImportOptions;
use super::overrides;
use crate::calls::Call;
use crate::i18n::{Lang, Msg, Speech};
use crate::{Error, Result};

/// Largest calendar file accepted: 1 MiB.
pub const MAX_ICS_BYTES: usize = 1024 * 1024;
/// Most events read from one calendar.
pub const MAX_EVENTS: usize = 1_000;
const MAX_NESTING: usize = 8;

/// Calendar-level properties that describe the file itself; read past without listing.
const QUIET_CALENDAR_PROPERTIES: &[&str] = &["VERSION", "PRODID", "CALSCALE", "METHOD"];
/// Components Stint reads, or reads past without listing (time zones are taken from TZID names).
const KNOWN_COMPONENTS: &[&str] = &["VCALENDAR", "VEVENT", "VALARM", "VTIMEZONE", "STANDARD", "DAYLIGHT"];

/// The result of an import: the calls, and what was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IcsImport {
    pub calls: Vec<Call>,
    /// Properties and components that were ignored (e.g. `ATTENDEE`, `VTODO`), each listed once:
    /// `ignored_words` said in a language, English until said in the user's (`IcsImport::said_in`).
    pub ignored: Vec<String>,
    /// The same as catalogue messages.
    #[serde(skip)]
    #[ts(skip)]
    pub ignored_words: Vec<Msg>,
    /// Events that could not become calls, each with its line and the reason: `skipped_words` said
    /// in a language, English until the shell says them in the user's (`IcsImport::said_in`).
    pub skipped: Vec<String>,
    /// The same as catalogue messages, said in the language in effect where that is known.
    #[serde(skip)]
    #[ts(skip)]
    pub skipped_words: Vec<Msg>,
}

impl IcsImport {
    /// The import with what it ignored and skipped said as `speech` says it (its dates and times
    /// in the user's clock style).
    pub fn said_in(mut self, speech: impl Into<Speech>) -> Self {
        let speech = speech.into();
        self.ignored = self.ignored_words.iter().map(|m| m.render_in(speech)).collect();
        self.skipped = self.skipped_words.iter().map(|m| m.render_in(speech)).collect();
        self
    }

    /// Adds `words` to what was ignored, once, at the end (in English until said in another language).
    pub fn ignore(&mut self, words: Msg) {
        if !self.ignored_words.contains(&words) {
            self.ignored.push(words.render(Lang::En));
            self.ignored_words.push(words);
        }
    }
}

/// Reads the VEVENTs of an iCalendar file into calls. A file that is not a calendar, or whose
/// components do not nest, is an error naming its line. Within a sound file, an event that cannot be
/// read (a broken line, a date or rule Stint cannot read) or represented is listed in `skipped` with
/// its line, in a sentence, and the other events still import. Changed occurrences (`RECURRENCE-ID`:
/// moved or cancelled) are applied to their series. A UTF-8 byte-order mark is read past.
pub fn import_ics(text: &str, options: &IcsImportOptions) -> Result<IcsImport> {
    if text.len() > MAX_ICS_BYTES {
        return Err(Error::told("ics", Msg::new("error_ics_too_large").count("max", (MAX_ICS_BYTES / 1024) as u64)));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = content_lines(text).map_err(nothing_imported)?;
    let mut ignored = Ignored::default();
    let events = read_structure(lines, &mut ignored).map_err(nothing_imported)?;
    if events.len() > MAX_EVENTS {
        return Err(Error::told("ics", Msg::new("error_ics_too_many_events").count("max", MAX_EVENTS as u64)));
    }
    let uid = |e: &EventLines| e.get("UID").map(|l| l.value.trim().to_string());
    let is_override = |e: &EventLines| e.get("RECURRENCE-ID").is_some() && e.broken.is_none();
    let series_uids: BTreeSet<String> = events
        .iter()
        .filter(|e| !is_override(e) && (e.get("RRULE").is_some() || e.get("RDATE").is_some()))
        .filter_map(uid)
        .collect();
    let mut calls: Vec<Call> = Vec::new();
    let mut skipped = Vec::new();
    for (index, event) in events.iter().enumerate() {
        let belongs_to_series = is_override(event) && uid(event).is_some_and(|u| series_uids.contains(&u));
        if belongs_to_series {
            continue;
        }
        let outcome = match event_to_call(event, index, options, &mut ignored) {
            Ok(Outcome::Call(call)) if is_override(event) => overrides::single(event, *call),
            Ok(Outcome::Call(mut call)) => {
                let changes = events.iter().filter(|e| is_override(e) && uid(e).is_some() && uid(e) == uid(event));
                for change in changes {
                    if let Err(why) = overrides::apply(&mut call, change, &mut ignored) {
                        skipped.push(why);
                    }
                }
                validated(event, *call)
            }
            Ok(skip) => skip,
            Err(e) => Outcome::Skipped(not_imported_error(&e, event.begin)),
        };
        match outcome {
            Outcome::Call(call) => {
                let mut call = *call;
                call.id = unique_id(&call.id, &calls);
                calls.push(call);
            }
            Outcome::Skipped(reason) => skipped.push(reason),
            Outcome::Nothing => {}
        }
    }
    let import = IcsImport {
        calls,
        ignored: Vec::new(),
        ignored_words: ignored.into_words(),
        skipped: Vec::new(),
        skipped_words: skipped,
    };
    Ok(import.said_in(Speech::of(Lang::En, Lang::En.code())))
}

/// Checks BEGIN/END nesting and gathers each VEVENT's lines (and its VALARMs').
fn read_structure(lines: Vec<Result<ContentLine>>, ignored: &mut Ignored) -> Result<Vec<EventLines>> {
    match lines.first() {
        Some(Ok(l)) if l.name == "BEGIN" && l.value.trim().eq_ignore_ascii_case("VCALENDAR") => {}
        Some(Ok(l)) => return Err(at_line(l.line, Msg::new("error_ics_why_not_calendar"))),
        Some(Err(e)) => return Err(e.clone()),
        None => return Err(at_line(1, Msg::new("error_ics_why_not_calendar"))),
    }
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut events: Vec<EventLines> = Vec::new();
    for l in lines {
        let l = match l {
            Ok(l) => l,
            Err(e) => {
                // An unreadable line breaks its event; outside an event it is left out.
                let in_event = open.iter().any(|(name, _)| name == "VEVENT");
                match events.last_mut() {
                    Some(event) if in_event => {
                        event.broken.get_or_insert(e);
                    }
                    _ => {
                        ignored.unreadable_line(line_of(&e).unwrap_or(0));
                    }
                }
                continue;
            }
        };
        let component = l.value.trim().to_ascii_uppercase();
        match l.name.as_str() {
            "BEGIN" => {
                if component.is_empty() || !component.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(at_line(l.line, Msg::new("error_ics_why_begin_unnamed")));
                }
                if open.is_empty() && component != "VCALENDAR" {
                    return Err(at_line(
                        l.line,
                        about("error_ics_why_outside_calendar", &format!("BEGIN:{component}")),
                    ));
                }
                if open.len() >= MAX_NESTING {
                    return Err(at_line(
                        l.line,
                        Msg::new("error_ics_why_nested_too_deep").count("max", MAX_NESTING as u64),
                    ));
                }
                let parent = open.last().map(|(name, _)| name.as_str());
                match (component.as_str(), parent) {
                    ("VEVENT", Some("VCALENDAR")) => events.push(EventLines::new(l.line)),
                    ("VALARM", Some("VEVENT")) => {
                        if let Some(event) = events.last_mut() {
                            event.alarms.push(Vec::new());
                        }
                    }
                    (name, _) if !KNOWN_COMPONENTS.contains(&name) => {
                        ignored.name(name);
                    }
                    _ => {}
                }
                open.push((component, l.line));
            }
            "END" => match open.pop() {
                None => {
                    return Err(at_line(
                        l.line,
                        Msg::new("error_ics_why_end_without_begin").text("component", component),
                    ))
                }
                Some((begun, line)) if begun != component => {
                    return Err(at_line(
                        l.line,
                        Msg::new("error_ics_why_end_mismatch")
                            .text("component", component)
                            .text("begun", begun)
                            .count("begun_line", line as u64),
                    ));
                }
                Some(_) => {}
            },
            _ => {
                let path: Vec<&str> = open.iter().map(|(name, _)| name.as_str()).collect();
                match path.as_slice() {
                    [] => return Err(at_line(l.line, about("error_ics_why_outside_calendar", &l.name))),
                    ["VCALENDAR"] if !QUIET_CALENDAR_PROPERTIES.contains(&l.name.as_str()) => {
                        ignored.name(&l.name);
                    }
                    ["VCALENDAR", "VEVENT"] => {
                        if let Some(event) = events.last_mut() {
                            event.props.push(l);
                        }
                    }
                    ["VCALENDAR", "VEVENT", "VALARM"] => {
                        if let Some(alarm) = events.last_mut().and_then(|e| e.alarms.last_mut()) {
                            alarm.push(l);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some((begun, line)) = open.last() {
        return Err(at_line(*line, Msg::new("error_ics_why_never_closed").text("component", begun.as_str())));
    }
    Ok(events)
}

/// `id`, or `id-2`, `id-3` … if an earlier call already has it.
fn unique_id(id: &str, calls: &[Call]) -> String {
    let taken = |candidate: &str| calls.iter().any(|c| c.id == candidate);
    if !taken(id) {
        return id.to_string();
    }
    (2..).map(|n| format!("{id}-{n}")).find(|c| !taken(c)).unwrap_or_default()
}
