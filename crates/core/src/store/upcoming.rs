//! The Calls view's list of upcoming occurrences, read in one transaction.

use chrono::{DateTime, Utc};

use super::{calls, communities, formats, sessions, Store};
use crate::calls as pure;
use crate::i18n::Msg;
use crate::upcoming::{upcoming_view, UpcomingOccurrence};
use crate::{Error, Result};

/// The longest window the Calls view may ask for.
pub const MAX_UPCOMING_DAYS: u32 = 366;

impl Store {
    /// The occurrences of all stored calls from `now` for `days` days (1–366; error field `days`),
    /// one in progress included, each with what the Calls view shows (`upcoming_view`).
    pub fn upcoming_view(&mut self, now: DateTime<Utc>, days: u32) -> Result<Vec<UpcomingOccurrence>> {
        if !(1..=MAX_UPCOMING_DAYS).contains(&days) {
            return Err(Error::told(
                "days",
                Msg::new("error_calls_days_ahead")
                    .count("max", u64::from(MAX_UPCOMING_DAYS))
                    .count("count", u64::from(days)),
            ));
        }
        self.read(|tx| {
            let stored = calls::load_all(tx)?;
            let plain: Vec<pure::Call> = stored.iter().map(|s| s.call.clone()).collect();
            let occurrences = pure::upcoming(&plain, now, days);
            let communities = communities::load_all(tx)?;
            let joined = match sessions::active_id(tx)? {
                Some(id) => {
                    let record = sessions::load(tx, id)?;
                    record.call_id.map(|call_id| (call_id, record.timeline.started_at))
                }
                None => None,
            };
            let format_of = |id: &str| formats::load(tx, id).ok().map(|f| f.draft);
            Ok(upcoming_view(
                &occurrences,
                &stored,
                &communities,
                format_of,
                joined.as_ref().map(|(id, at)| (id.as_str(), *at)),
                now,
            ))
        })
    }
}
