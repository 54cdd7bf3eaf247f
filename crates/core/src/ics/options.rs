//! What an import needs to know that a calendar file does not say.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The user's side of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IcsImportOptions {
    /// The zone of floating times (no TZID, no Z): the user's own zone.
    #[ts(type = "string")]
    pub default_zone: chrono_tz::Tz,
    /// The format of events that do not name one (`X-STINT-FORMAT`).
    pub default_format_id: String,
}
