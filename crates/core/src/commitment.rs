//! Commitments: what a person says they will get done in a session, and how it went.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Msg;
use crate::{Error, Result};

/// The longest commitment text, in characters (Unicode scalar values) after trimming.
pub const MAX_TEXT_CHARS: usize = 500;
/// The longest resolution note, in characters after trimming.
pub const MAX_NOTE_CHARS: usize = 2000;

/// How a commitment turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommitmentStatus {
    Open,
    Done,
    Partial,
    NotDone,
    Dropped,
}

impl CommitmentStatus {
    /// The stored (and serialized) name: `open`, `done`, `partial`, `not_done`, `dropped`.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Done => "done",
            CommitmentStatus::Partial => "partial",
            CommitmentStatus::NotDone => "not_done",
            CommitmentStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Done, Self::Partial, Self::NotDone, Self::Dropped].into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Commitment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// Stored exactly as given, apart from surrounding whitespace. Plain text, never HTML.
    pub text: String,
    pub status: CommitmentStatus,
    pub note: Option<String>,
    /// The commitment this one was carried over from (an earlier session's unfinished goal).
    #[ts(type = "number | null")]
    pub carried_from: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Checks a commitment text and returns it trimmed: 1 to 500 characters, any Unicode.
/// `field` names the input in the error (`text`, or `commitments[2]` when several are given).
pub fn clean_text(raw: &str, field: &str) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Error::told(field, Msg::new("error_commitment_empty")));
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(Error::told(
            field,
            Msg::new("error_commitment_too_long").count("max", MAX_TEXT_CHARS as u64).count("count", chars as u64),
        ));
    }
    Ok(text.to_string())
}

/// Checks a resolution note: trimmed, empty means none, at most 2000 characters (field `note`).
pub fn clean_note(raw: Option<&str>) -> Result<Option<String>> {
    let Some(note) = raw.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Error::told(
            "note",
            Msg::new("error_note_too_long").count("max", MAX_NOTE_CHARS as u64).count("count", chars as u64),
        ));
    }
    Ok(Some(note.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_kept_byte_exact() {
        let raw = "  \u{202B}كتابة الفصل\u{202C} e\u{301} 👩‍💻 <b>x</b> \n";
        assert_eq!(clean_text(raw, "text").unwrap(), raw.trim());
    }

    #[test]
    fn empty_and_too_long_texts_name_the_field() {
        for bad in ["", "   \n\t"] {
            assert_eq!(clean_text(bad, "text").unwrap_err().field(), Some("text"));
        }
        let max = "é".repeat(MAX_TEXT_CHARS);
        assert!(clean_text(&max, "text").is_ok());
        let err = clean_text(&format!("{max}x"), "commitments[1]").unwrap_err();
        assert_eq!(err.field(), Some("commitments[1]"));
        assert!(err.to_string().contains("501"), "{err}");
    }

    #[test]
    fn notes_are_optional_and_bounded() {
        assert_eq!(clean_note(None).unwrap(), None);
        assert_eq!(clean_note(Some("  ")).unwrap(), None);
        assert_eq!(clean_note(Some(" ok ")).unwrap().as_deref(), Some("ok"));
        let err = clean_note(Some(&"n".repeat(MAX_NOTE_CHARS + 1))).unwrap_err();
        assert_eq!(err.field(), Some("note"));
    }

    #[test]
    fn status_names_round_trip() {
        for s in [CommitmentStatus::Open, CommitmentStatus::NotDone, CommitmentStatus::Dropped] {
            assert_eq!(CommitmentStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
    }
}
