//! Community calls: recurring scheduled calls, their occurrences in the call's own time zone, the
//! "skip on another call's day" rule, reminders, join links and the timer synced by schedule.
//!
//! Everything here is pure: no storage, no clock. The shell passes `now`.

mod call;
mod expand;
mod join;
mod link;
mod local_time;
mod occurrences;
mod recurrence;
mod reminder;
pub mod series;
mod validate;

pub use call::{Call, Occurrence};
pub use join::join;
pub use link::{validate_join_link, validate_web_link, JOIN_LINK_SCHEMES};
pub(crate) use local_time::local_to_utc;
pub use occurrences::{occurrences, occurrences_between, pattern_start, upcoming, MAX_WINDOW_DAYS};
pub use recurrence::{end_of_local_day, Frequency, NthWeekday, Recurrence, Weekday};
pub use reminder::{next_reminder, reminders_due};
pub use validate::{parse_time_zone, validate_call, MAX_COUNT, MAX_EXCEPTIONS, MAX_REMINDER_MINUTES, MAX_SKIP_CALLS};
