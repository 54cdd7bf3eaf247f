//! Correcting a finished session's record — its title, its notes, a mis-tracked phase — and deleting a
//! session. Each is one transaction that keeps the session's focus total and the history rollup in
//! step with its phases; bad input changes nothing.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::detail::not_found;
use super::rollup::{self, Counted};
use crate::format::PhaseKind;
use crate::i18n::Msg;
use crate::store::codec::{enum_name, parse_enum};
use crate::timeline::PhaseOutcome;
use crate::{Error, Result};

/// The longest session title, in characters after trimming.
pub const MAX_TITLE_CHARS: usize = 120;
/// The longest session notes, in characters after trimming.
pub const MAX_NOTES_CHARS: usize = 5000;

/// A finished session's record as the user corrects it. Title and notes replace what was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionEdit {
    /// The session's own title (one line); `None` or blank shows the format's name.
    pub title: Option<String>,
    /// Notes on the session; `None` or blank for none.
    pub notes: Option<String>,
    /// Corrections to recorded phases; phases not named stay as they are.
    pub phases: Vec<PhaseEdit>,
}

/// A correction to one recorded phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhaseEdit {
    /// The phase's index in the session (0-based, as recorded).
    pub index: u32,
    pub outcome: PhaseOutcome,
    /// The seconds it really ran: at most the time from its start to its end.
    pub actual_seconds: u32,
}

/// The text a field holds, as the user knows it.
fn text_name(field: &str) -> Msg {
    Msg::new(match field {
        "title" => "error_what_session_title",
        _ => "error_what_session_notes",
    })
}

/// Trimmed text, `None` when blank; at most `max` characters; a title is one line.
fn clean(raw: Option<&str>, field: &str, max: usize, one_line: bool) -> Result<Option<String>> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = text.chars().count();
    if chars > max {
        return Err(Error::told(
            field,
            Msg::new("error_too_many_chars")
                .said("what", text_name(field))
                .count("max", max as u64)
                .count("count", chars as u64),
        ));
    }
    if one_line && text.chars().any(char::is_control) {
        return Err(Error::told(field, Msg::new("error_session_title_one_line")));
    }
    Ok(Some(text.to_string()))
}

/// The edit with its texts checked: (title, notes).
pub fn checked_texts(edit: &SessionEdit) -> Result<(Option<String>, Option<String>)> {
    Ok((
        clean(edit.title.as_deref(), "title", MAX_TITLE_CHARS, true)?,
        clean(edit.notes.as_deref(), "notes", MAX_NOTES_CHARS, false)?,
    ))
}

struct StoredPhase {
    kind: String,
    outcome: PhaseOutcome,
    started_at: i64,
    ended_at: i64,
    actual_seconds: u32,
}

impl StoredPhase {
    fn counted(&self) -> Counted<'_> {
        Counted {
            kind: &self.kind,
            outcome: self.outcome,
            started_at: self.started_at,
            ended_at: self.ended_at,
            actual_seconds: self.actual_seconds,
        }
    }
}

fn stored_phases(tx: &Transaction, id: i64, index: Option<u32>) -> Result<Vec<StoredPhase>> {
    let mut stmt = tx.prepare_cached(
        "SELECT kind, outcome, started_at, ended_at, actual_seconds FROM phases
         WHERE session_id = ?1 AND (?2 IS NULL OR idx = ?2) ORDER BY idx",
    )?;
    let mut rows = stmt.query(params![id, index])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let outcome: String = r.get(1)?;
        out.push(StoredPhase {
            kind: r.get(0)?,
            outcome: parse_enum(&outcome, "phase outcome")?,
            started_at: r.get(2)?,
            ended_at: r.get(3)?,
            actual_seconds: r.get(4)?,
        });
    }
    Ok(out)
}

/// Sets the session's focus total and span from its phases.
fn recount(tx: &Transaction, id: i64) -> Result<()> {
    let focus = enum_name(&PhaseKind::Focus);
    let counted: Vec<StoredPhase> = stored_phases(tx, id, None)?
        .into_iter()
        .filter(|p| p.kind == focus && p.outcome.counts() && p.actual_seconds > 0)
        .collect();
    let seconds: i64 = counted.iter().map(|p| i64::from(p.actual_seconds)).sum();
    let first = counted.iter().map(|p| p.started_at).min();
    let last = counted.iter().map(|p| p.ended_at).max();
    tx.execute(
        "UPDATE sessions SET focus_seconds = ?2, focus_first_start = ?3, focus_last_end = ?4 WHERE id = ?1",
        params![id, seconds, first, last],
    )?;
    Ok(())
}

fn correct_phase(tx: &Transaction, id: i64, field: &str, edit: &PhaseEdit) -> Result<()> {
    let n = u64::from(edit.index) + 1;
    let Some(old) = stored_phases(tx, id, Some(edit.index))?.pop() else {
        return Err(Error::told(format!("{field}.index"), Msg::new("error_session_no_phase").count("n", n)));
    };
    let span = u64::try_from((old.ended_at - old.started_at).max(0) / 1_000_000_000).unwrap_or(0);
    if u64::from(edit.actual_seconds) > span {
        return Err(Error::told(
            format!("{field}.actual_seconds"),
            Msg::new("error_session_phase_too_long").count("n", n).length("length", span),
        ));
    }
    rollup::apply(tx, &old.counted(), -1)?;
    let new = StoredPhase { outcome: edit.outcome, actual_seconds: edit.actual_seconds, ..old };
    tx.execute(
        "UPDATE phases SET outcome = ?3, actual_seconds = ?4 WHERE session_id = ?1 AND idx = ?2",
        params![id, edit.index, enum_name(&new.outcome), new.actual_seconds],
    )?;
    rollup::apply(tx, &new.counted(), 1)
}

/// Applies an edit whose texts `checked_texts` returned.
pub fn apply(
    tx: &Transaction,
    id: i64,
    edit: &SessionEdit,
    title: Option<String>,
    notes: Option<String>,
) -> Result<()> {
    let status: Option<String> =
        tx.query_row("SELECT status FROM sessions WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    match status.as_deref() {
        None => return Err(not_found(id)),
        Some("active") => return Err(Error::conflict("error_session_edit_running")),
        Some(_) => {}
    }
    let mut seen = HashSet::new();
    for (i, phase) in edit.phases.iter().enumerate() {
        let field = format!("phases[{i}]");
        if !seen.insert(phase.index) {
            return Err(Error::told(
                format!("{field}.index"),
                Msg::new("error_session_phase_twice").count("n", u64::from(phase.index) + 1),
            ));
        }
        correct_phase(tx, id, &field, phase)?;
    }
    if !edit.phases.is_empty() {
        recount(tx, id)?;
    }
    tx.execute("UPDATE sessions SET title = ?2, notes = ?3 WHERE id = ?1", params![id, title, notes])?;
    Ok(())
}

/// Deletes a session with its events, phases and commitments, taking its time out of the rollup.
pub fn delete(tx: &Transaction, id: i64) -> Result<()> {
    for phase in stored_phases(tx, id, None)? {
        rollup::apply(tx, &phase.counted(), -1)?;
    }
    if tx.execute("DELETE FROM sessions WHERE id = ?1", [id])? == 0 {
        return Err(not_found(id));
    }
    Ok(())
}
