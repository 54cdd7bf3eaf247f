//! Call formats: the ordered phases of a call and, for repeating formats, how rounds repeat.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a phase is for. Decides its colour, its icon and whether it counts as focus time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PhaseKind {
    Focus,
    Break,
    LongBreak,
    Welcome,
    CheckIn,
    Talk,
    Discussion,
    Review,
    Close,
}

impl PhaseKind {
    /// Every kind, in the order the format editor offers them.
    pub const ALL: [PhaseKind; 9] = [
        PhaseKind::Focus,
        PhaseKind::Break,
        PhaseKind::LongBreak,
        PhaseKind::Welcome,
        PhaseKind::CheckIn,
        PhaseKind::Talk,
        PhaseKind::Discussion,
        PhaseKind::Review,
        PhaseKind::Close,
    ];
}

/// One step of a call's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Phase {
    /// Shown to the user. In a repeating format, `{n}` is replaced by the round number (1-based).
    pub label: String,
    pub kind: PhaseKind,
    pub seconds: u32,
    /// An optional prompt such as "Share one win".
    pub prompt: Option<String>,
}

/// How a repeating format (pomodoro) goes on after its phases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Repeat {
    /// How many rounds of `phases`; `None` repeats until the session is stopped.
    pub rounds: Option<u32>,
    /// Every Nth round, its `break` phases are replaced by `long_break`. 0 = never.
    pub long_break_every: u32,
    pub long_break: Option<Phase>,
}

/// Whether the format asks for commitments at the start and offers to resolve them at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitmentPolicy {
    pub ask_at_start: bool,
    pub resolve_at_end: bool,
}

/// What a user edits: everything of a format but its identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FormatDraft {
    pub name: String,
    pub attribution: Option<String>,
    pub phases: Vec<Phase>,
    pub commitments: CommitmentPolicy,
    pub repeat: Option<Repeat>,
}

/// Where a format comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
#[ts(export)]
pub enum FormatOrigin {
    /// Shipped with Stint; cannot be edited, only duplicated.
    Builtin,
    /// Made by this user.
    Custom,
    /// From a community pack (the pack's community id); replaced when the pack updates.
    Community(String),
}

/// A stored format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Format {
    /// Stable id: a slug for built-ins (`pomodoro`), generated for custom formats.
    pub id: String,
    pub origin: FormatOrigin,
    pub archived: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub draft: FormatDraft,
}

impl FormatDraft {
    /// Seconds of one round of `phases`; in a long-break round (`with_long_break`), every Break
    /// phase counts as the long break when there is one.
    pub(crate) fn round_seconds(&self, with_long_break: bool) -> u64 {
        let long_break = self.repeat.as_ref().and_then(|r| r.long_break.as_ref()).filter(|_| with_long_break);
        self.phases
            .iter()
            .map(|p| match long_break {
                Some(lb) if p.kind == PhaseKind::Break => u64::from(lb.seconds),
                _ => u64::from(p.seconds),
            })
            .sum()
    }
}

mod validate;

pub use validate::{
    MAX_ATTRIBUTION_CHARS, MAX_LABEL_CHARS, MAX_NAME_CHARS, MAX_PASS_SECONDS, MAX_PHASES, MAX_PHASE_SECONDS,
    MAX_PROMPT_CHARS, MIN_PHASE_SECONDS,
};
