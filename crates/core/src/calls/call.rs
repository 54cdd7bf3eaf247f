//! The call and its occurrences.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::recurrence::Recurrence;

/// A scheduled (usually recurring) community call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Call {
    pub id: String,
    /// 1–120 characters.
    pub title: String,
    /// The community (pack id) the call belongs to; `None` for the user's own calls.
    pub community_id: Option<String>,
    /// The format the call's timer runs.
    pub format_id: String,
    /// Local wall time of the first occurrence, in `time_zone`.
    #[ts(type = "string")]
    pub first_start: NaiveDateTime,
    /// IANA time zone name, e.g. `Europe/London`. Occurrences keep their wall time across DST.
    #[ts(type = "string")]
    pub time_zone: chrono_tz::Tz,
    /// Length of each occurrence (1 minute to 24 hours).
    pub duration_minutes: u32,
    pub recurrence: Recurrence,
    /// https/http or a known meeting scheme (see `JOIN_LINK_SCHEMES`).
    pub join_link: Option<String>,
    /// A shared notes document (https/http).
    pub notes_link: Option<String>,
    /// Remind this many minutes before each occurrence (at most one week); `None` = no reminder.
    pub reminder_minutes: Option<u32>,
    /// Ids of other calls: an occurrence of this call is skipped on any local date (in this call's
    /// zone) on which one of those calls has an occurrence — the daily hour skipped on Cafe days.
    #[serde(default)]
    pub skip_on_days_of: Vec<String>,
}

/// One scheduled occurrence of a call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Occurrence {
    pub call_id: String,
    pub starts_at: DateTime<Utc>,
    /// The start in the call's own time zone (wall time).
    #[ts(type = "string")]
    pub local_start: NaiveDateTime,
    pub ends_at: DateTime<Utc>,
}
