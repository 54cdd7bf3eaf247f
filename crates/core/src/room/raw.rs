//! The room documents as written in the room, before their values are checked. Every struct refuses
//! unknown fields: a document Stint does not fully understand is not half-applied.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind, Repeat};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSession {
    /// Checked before parsing (`check_version`).
    #[serde(rename = "v")]
    pub _version: u64,
    pub session_id: String,
    pub host: String,
    pub format: RawFormat,
    pub started_at: DateTime<Utc>,
    pub events: Vec<RawEvent>,
    pub rev: u64,
}

/// A format snapshot: `FormatDraft`'s fields, strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFormat {
    pub name: String,
    #[serde(default)]
    pub attribution: Option<String>,
    pub phases: Vec<RawPhase>,
    #[serde(default)]
    pub commitments: RawCommitmentPolicy,
    #[serde(default)]
    pub repeat: Option<RawRepeat>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhase {
    pub label: String,
    pub kind: PhaseKind,
    pub seconds: u32,
    #[serde(default)]
    pub prompt: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCommitmentPolicy {
    #[serde(default)]
    pub ask_at_start: bool,
    #[serde(default)]
    pub resolve_at_end: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRepeat {
    #[serde(default)]
    pub rounds: Option<u32>,
    #[serde(default)]
    pub long_break_every: u32,
    #[serde(default)]
    pub long_break: Option<RawPhase>,
}

/// One event of the session: `{ at, kind, seconds? }`; `seconds` only with `extend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub at: DateTime<Utc>,
    pub kind: RawEventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum RawEventKind {
    Pause,
    Resume,
    Skip,
    Extend,
    Stop,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMember {
    /// Checked before parsing (`check_version`).
    #[serde(rename = "v", default)]
    pub _version: Option<u64>,
    pub session_id: String,
    pub status: super::MemberStatus,
    pub expires_ts: i64,
    #[serde(default)]
    pub commitments: Option<Vec<RawShared>>,
}

/// A shared commitment: its text alone (not done, as the first version wrote it), or an object
/// `{ text, done }` (read by `member::shared_item`: serde would also take a struct from an array).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawShared {
    Text(String),
    Item(serde_json::Map<String, serde_json::Value>),
}

impl RawPhase {
    fn into_phase(self) -> Phase {
        Phase { label: self.label, kind: self.kind, seconds: self.seconds, prompt: self.prompt }
    }
}

impl RawFormat {
    pub fn into_draft(self) -> FormatDraft {
        FormatDraft {
            name: self.name,
            attribution: self.attribution,
            phases: self.phases.into_iter().map(RawPhase::into_phase).collect(),
            commitments: CommitmentPolicy {
                ask_at_start: self.commitments.ask_at_start,
                resolve_at_end: self.commitments.resolve_at_end,
            },
            repeat: self.repeat.map(|r| Repeat {
                rounds: r.rounds,
                long_break_every: r.long_break_every,
                long_break: r.long_break.map(RawPhase::into_phase),
            }),
        }
    }
}
