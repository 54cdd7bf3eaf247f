//! Joining an occurrence: the timer synced by schedule.

use crate::format::FormatDraft;
use crate::i18n::Msg;
use crate::timeline::Timeline;
use crate::{Error, Result};

use super::call::{Call, Occurrence};

/// The session of an occurrence: it starts at the occurrence's scheduled start, not at the moment of
/// joining, so `timeline::state_at` puts a late joiner in the phase the call is in, and every member
/// with the same format computes the same phase at the same instant.
pub fn join(call: &Call, occurrence: &Occurrence, format: &FormatDraft) -> Result<Timeline> {
    if occurrence.call_id != call.id {
        return Err(Error::told("occurrence", Msg::new("error_call_date_of_other").text("title", call.title.as_str())));
    }
    Ok(Timeline::new(format.clone(), occurrence.starts_at))
}
