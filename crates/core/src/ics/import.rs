//! Reading an .ics file into calls.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content_line::{at_line, content_lines, ContentLine};
use super::event::{event_to_call, EventLines, Outcome};
use super::options::IcsImportOptions;
use crate::calls::Call;
use crate::{Error, Result};

/// Largest calendar file accepted: 1 MiB.
pub const MAX_ICS_BYTES: usize = 1024 * 1024;
const MAX_EVENTS: usize = 1_000;
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
    /// Properties and components that were ignored (e.g. `ATTENDEE`, `VTODO`), each listed once.
    pub ignored: Vec<String>,
    /// Events that could not become calls, each with its line and the reason.
    pub skipped: Vec<String>,
}

/// Reads the VEVENTs of an iCalendar file into calls. Malformed input (structure, a property line, a
/// date or rule that cannot be read) is an error naming its line; nothing is half-imported.
pub fn import_ics(text: &str, options: &IcsImportOptions) -> Result<IcsImport> {
    if text.len() > MAX_ICS_BYTES {
        return Err(Error::invalid("ics", format!("the file is larger than {} KiB", MAX_ICS_BYTES / 1024)));
    }
    let lines = content_lines(text)?;
    let mut ignored = BTreeSet::new();
    let events = read_structure(lines, &mut ignored)?;
    if events.len() > MAX_EVENTS {
        return Err(Error::invalid("ics", format!("the file has more than {MAX_EVENTS} events")));
    }
    let mut calls: Vec<Call> = Vec::new();
    let mut skipped = Vec::new();
    for (index, event) in events.iter().enumerate() {
        match event_to_call(event, index, options, &mut ignored)? {
            Outcome::Call(call) => {
                let mut call = *call;
                call.id = unique_id(&call.id, &calls);
                calls.push(call);
            }
            Outcome::Skipped(reason) => skipped.push(reason),
        }
    }
    Ok(IcsImport { calls, ignored: ignored.into_iter().collect(), skipped })
}

/// Checks BEGIN/END nesting and gathers each VEVENT's lines (and its VALARMs').
fn read_structure(lines: Vec<ContentLine>, ignored: &mut BTreeSet<String>) -> Result<Vec<EventLines>> {
    if lines.first().is_none_or(|l| l.name != "BEGIN" || !l.value.trim().eq_ignore_ascii_case("VCALENDAR")) {
        let line = lines.first().map_or(1, |l| l.line);
        return Err(at_line(line, "not a calendar file: it must start with BEGIN:VCALENDAR"));
    }
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut events: Vec<EventLines> = Vec::new();
    for l in lines {
        let component = l.value.trim().to_ascii_uppercase();
        match l.name.as_str() {
            "BEGIN" => {
                if component.is_empty() || !component.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(at_line(l.line, "BEGIN needs a component name"));
                }
                if open.is_empty() && component != "VCALENDAR" {
                    return Err(at_line(l.line, format!("BEGIN:{component} outside BEGIN:VCALENDAR")));
                }
                if open.len() >= MAX_NESTING {
                    return Err(at_line(l.line, "components are nested too deeply"));
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
                        ignored.insert(name.to_string());
                    }
                    _ => {}
                }
                open.push((component, l.line));
            }
            "END" => match open.pop() {
                None => return Err(at_line(l.line, format!("END:{component} without a BEGIN"))),
                Some((begun, line)) if begun != component => {
                    return Err(at_line(
                        l.line,
                        format!("END:{component}, but BEGIN:{begun} (line {line}) is still open"),
                    ));
                }
                Some(_) => {}
            },
            _ => {
                let path: Vec<&str> = open.iter().map(|(name, _)| name.as_str()).collect();
                match path.as_slice() {
                    [] => return Err(at_line(l.line, format!("{} outside BEGIN:VCALENDAR", l.name))),
                    ["VCALENDAR"] if !QUIET_CALENDAR_PROPERTIES.contains(&l.name.as_str()) => {
                        ignored.insert(l.name.clone());
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
        return Err(at_line(*line, format!("BEGIN:{begun} is never closed")));
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
