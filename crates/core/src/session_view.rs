//! `SessionView`: everything the UI needs to draw a session at one instant, in one value.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::commitment::Commitment;
use crate::format::CommitmentPolicy;
use crate::store::SessionRecord;
use crate::timeline::{agenda, state_at, AgendaStep, SessionState};

/// How many planned phases beyond the current one the agenda lists.
pub const AGENDA_AHEAD: u32 = 12;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionView {
    #[ts(type = "number")]
    pub id: i64,
    pub format_id: String,
    pub format_name: String,
    pub started_at: DateTime<Utc>,
    pub state: SessionState,
    /// Finished phases, the current one and up to `AGENDA_AHEAD` planned ones, with clock times.
    pub agenda: Vec<AgendaStep>,
    pub commitments: Vec<Commitment>,
    pub commitment_policy: CommitmentPolicy,
}

impl SessionView {
    pub fn new(record: &SessionRecord, commitments: Vec<Commitment>, now: DateTime<Utc>) -> Self {
        let timeline = &record.timeline;
        SessionView {
            id: record.id,
            format_id: record.format_id.clone(),
            format_name: record.format_name.clone(),
            started_at: timeline.started_at,
            state: state_at(timeline, now),
            agenda: agenda(timeline, now, AGENDA_AHEAD),
            commitments,
            commitment_policy: timeline.format.commitments,
        }
    }
}
