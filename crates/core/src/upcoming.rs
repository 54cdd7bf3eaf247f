//! `UpcomingOccurrence`: one line of the Calls view — an occurrence with what the UI shows beside it
//! (the call's title and zone, its community's name and accent, the join link, whether reminders are
//! on) and, for an occurrence in progress, the phase a member joining now would be in.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calls::{self, Occurrence};
use crate::format::FormatDraft;
use crate::store::{CallOrigin, Community, StoredCall};
use crate::timeline::state_at;

/// The community a call belongs to, as the Calls view labels it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommunityBadge {
    pub id: String,
    pub name: String,
    /// `#rrggbb`.
    pub accent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpcomingOccurrence {
    pub call_id: String,
    pub title: String,
    pub origin: CallOrigin,
    /// `None` for the user's own calls (and for a community that is no longer installed).
    pub community: Option<CommunityBadge>,
    pub format_id: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start as a wall time in `time_zone` (the UI shows it when that zone is not the user's).
    #[ts(type = "string")]
    pub local_start: NaiveDateTime,
    /// The call's IANA zone, e.g. `Europe/London`.
    #[ts(type = "string")]
    pub time_zone: chrono_tz::Tz,
    pub join_link: Option<String>,
    pub notes_link: Option<String>,
    pub reminders_enabled: bool,
    pub reminder_minutes: Option<u32>,
    /// Started and not over at `now`.
    pub in_progress: bool,
    /// For an occurrence in progress: the label of the phase a session joined now is in
    /// (`state_at` of the call's format started at the scheduled start).
    pub current_phase: Option<String>,
    /// The live session is this occurrence's.
    pub joined: bool,
}

/// Enriches `occurrences` (as `calls::upcoming` lists them) for the Calls view. An occurrence whose
/// call is not in `calls` is left out; `format_of` gives a format's phases (for the current phase).
/// `joined` is the live session's call and scheduled start, if it joined a call.
pub fn upcoming_view(
    occurrences: &[Occurrence],
    calls: &[StoredCall],
    communities: &[Community],
    format_of: impl Fn(&str) -> Option<FormatDraft>,
    joined: Option<(&str, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Vec<UpcomingOccurrence> {
    occurrences
        .iter()
        .filter_map(|o| {
            let stored = calls.iter().find(|s| s.call.id == o.call_id)?;
            let call = &stored.call;
            let in_progress = o.starts_at <= now && now < o.ends_at;
            let current_phase = if in_progress {
                format_of(&call.format_id)
                    .and_then(|format| calls::join(call, o, &format).ok())
                    .map(|timeline| state_at(&timeline, now))
                    .filter(|state| !state.done)
                    .map(|state| state.phase.label)
            } else {
                None
            };
            // Only a pack's own calls wear its community's badge: a personal call (or a calendar
            // event) may name any community in its `community_id`, which proves nothing.
            let community = match &stored.origin {
                CallOrigin::Community(id) => communities.iter().find(|c| c.id == *id),
                CallOrigin::Personal | CallOrigin::Series(_) | CallOrigin::Subscription(_) => None,
            }
            .map(|c| CommunityBadge { id: c.id.clone(), name: c.name.clone(), accent: c.accent.clone() });
            Some(UpcomingOccurrence {
                call_id: call.id.clone(),
                title: call.title.clone(),
                origin: stored.origin.clone(),
                community,
                format_id: call.format_id.clone(),
                starts_at: o.starts_at,
                ends_at: o.ends_at,
                local_start: o.local_start,
                time_zone: call.time_zone,
                join_link: call.join_link.clone(),
                notes_link: call.notes_link.clone(),
                reminders_enabled: stored.reminders_enabled,
                reminder_minutes: call.reminder_minutes,
                in_progress,
                current_phase,
                joined: joined.is_some_and(|(id, start)| id == call.id && start == o.starts_at),
            })
        })
        .collect()
}
