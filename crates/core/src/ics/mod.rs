//! Calendar files: calls (and series, which are calls) to and from iCalendar (.ics, RFC 5545).
//!
//! Export writes one VEVENT per call with the icalendar crate. Import reads VEVENTs with DTSTART
//! (TZID, UTC or floating), DTEND or DURATION, RRULE, EXDATE, a VALARM's TRIGGER and the link;
//! properties it does not use are ignored and listed, events it cannot represent are skipped and
//! listed; malformed input is an error naming the line.

mod content_line;
mod event;
mod export;
mod import;
mod options;
mod values;

pub use export::export_ics;
pub use import::{import_ics, IcsImport, MAX_ICS_BYTES};
pub use options::IcsImportOptions;
