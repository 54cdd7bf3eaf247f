//! Calendar files: calls (and series, which are calls) to and from iCalendar (.ics, RFC 5545).
//!
//! Export writes one VEVENT per call with the icalendar crate. Import reads VEVENTs with DTSTART
//! (TZID, UTC or floating), DTEND or DURATION, RRULE (UNTIL as an instant, WKST), RDATE, EXDATE,
//! changed occurrences (RECURRENCE-ID), a VALARM's TRIGGER and the link; properties it does not use
//! are ignored and listed; events it cannot read or represent are skipped and listed, each in a
//! sentence naming its line, while the rest import; a file that is not a calendar is an error.
//! Every reason is a catalogue message (`error_ics_why_…`, `ics_ignored_why_…`), never English
//! text, so the report is said in the user's language wherever that is known (`IcsImport::said_in`).

mod content_line;
mod event;
mod export;
mod ignored;
mod import;
mod options;
mod overrides;
mod values;
mod windows_zones;

pub use export::export_ics;
pub(crate) use ignored::because as ignored_because;
pub use import::{import_ics, IcsImport, MAX_EVENTS, MAX_ICS_BYTES};
pub use options::IcsImportOptions;
