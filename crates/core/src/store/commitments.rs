//! Commitments of a session: add, edit, resolve, reopen, carry over.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::codec::{instant, nanos, opt_instant};
use super::Store;
use crate::commitment::{clean_note, clean_text, Commitment, CommitmentStatus};
use crate::i18n::Msg;
use crate::{Error, Result, Thing};

const COLUMNS: &str = "id, session_id, text, status, note, carried_from, created_at, resolved_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Commitment> {
    let status: String = r.get(3)?;
    Ok(Commitment {
        id: r.get(0)?,
        session_id: r.get(1)?,
        text: r.get(2)?,
        status: CommitmentStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("unknown commitment status {status}").into(),
            )
        })?,
        note: r.get(4)?,
        carried_from: r.get(5)?,
        created_at: instant(r.get(6)?),
        resolved_at: opt_instant(r.get(7)?),
    })
}

fn not_found(_id: i64) -> Error {
    Error::NotFound(Thing::Commitment)
}

fn load(tx: &Transaction, id: i64) -> Result<Commitment> {
    tx.query_row(&format!("SELECT {COLUMNS} FROM commitments WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| not_found(id))
}

fn require_session(tx: &Transaction, session_id: i64) -> Result<()> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?1)", [session_id], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound(Thing::Session))
    }
}

/// What a commitment belongs to: a session, an accountability series, or both.
#[derive(Clone, Copy, Default)]
pub(super) struct Owner<'a> {
    pub session_id: Option<i64>,
    pub series_id: Option<&'a str>,
}

impl Owner<'_> {
    pub fn session(id: i64) -> Self {
        Owner { session_id: Some(id), series_id: None }
    }
}

/// Inserts an already validated text.
pub(super) fn insert(
    tx: &Transaction,
    owner: Owner,
    text: &str,
    carried_from: Option<i64>,
    at: DateTime<Utc>,
) -> Result<Commitment> {
    tx.prepare_cached(
        "INSERT INTO commitments (session_id, series_id, text, carried_from, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![owner.session_id, owner.series_id, text, carried_from, nanos(at, "created_at")?])?;
    load(tx, tx.last_insert_rowid())
}

/// The commitments of an accountability series, in the order they were made.
pub(super) fn for_series(tx: &Transaction, series_id: &str) -> Result<Vec<Commitment>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {COLUMNS} FROM commitments WHERE series_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([series_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn for_session(tx: &Transaction, session_id: i64) -> Result<Vec<Commitment>> {
    let mut stmt =
        tx.prepare_cached(&format!("SELECT {COLUMNS} FROM commitments WHERE session_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([session_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Adds a commitment (1–500 characters after trimming; error field `text`) to a session.
    pub fn add_commitment(&mut self, session_id: i64, text: &str, now: DateTime<Utc>) -> Result<Commitment> {
        let text = clean_text(text, "text")?;
        nanos(now, "now")?;
        self.write(|tx| {
            require_session(tx, session_id)?;
            insert(tx, Owner::session(session_id), &text, None, now)
        })
    }

    pub fn edit_commitment(&mut self, id: i64, text: &str) -> Result<Commitment> {
        let text = clean_text(text, "text")?;
        self.write(|tx| {
            if tx.execute("UPDATE commitments SET text = ?2 WHERE id = ?1", params![id, text])? == 0 {
                return Err(not_found(id));
            }
            load(tx, id)
        })
    }

    /// Marks how a commitment went (any status but `open`; see `reopen_commitment`), with an
    /// optional note (at most 2000 characters; error field `note`).
    pub fn resolve_commitment(
        &mut self,
        id: i64,
        status: CommitmentStatus,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Commitment> {
        if status == CommitmentStatus::Open {
            return Err(Error::told("status", Msg::new("error_commitment_choose_outcome")));
        }
        let note = clean_note(note)?;
        let at = nanos(now, "now")?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE commitments SET status = ?2, note = ?3, resolved_at = ?4 WHERE id = ?1",
                params![id, status.as_str(), note, at],
            )?;
            if changed == 0 {
                return Err(not_found(id));
            }
            load(tx, id)
        })
    }

    /// Sets (or with `None` or blank text, clears) a commitment's note without changing its status:
    /// the progress note of an accountability series' second call (at most 2000 characters; error
    /// field `note`).
    pub fn note_commitment(&mut self, id: i64, note: Option<&str>) -> Result<Commitment> {
        let note = clean_note(note)?;
        self.write(|tx| {
            if tx.execute("UPDATE commitments SET note = ?2 WHERE id = ?1", params![id, note])? == 0 {
                return Err(not_found(id));
            }
            load(tx, id)
        })
    }

    /// Undoes a resolution: open again, without note or resolution time.
    pub fn reopen_commitment(&mut self, id: i64) -> Result<Commitment> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE commitments SET status = 'open', note = NULL, resolved_at = NULL WHERE id = ?1",
                [id],
            )?;
            if changed == 0 {
                return Err(not_found(id));
            }
            load(tx, id)
        })
    }

    /// Copies commitments into `to_session` as new open ones linked by `carried_from`; all or none.
    pub fn carry_over(&mut self, ids: &[i64], to_session: i64, now: DateTime<Utc>) -> Result<Vec<Commitment>> {
        nanos(now, "now")?;
        self.write(|tx| {
            require_session(tx, to_session)?;
            ids.iter()
                .map(|&id| {
                    let from = load(tx, id)?;
                    insert(tx, Owner::session(to_session), &from.text, Some(from.id), now)
                })
                .collect()
        })
    }

    /// The commitments of a session in the order they were made.
    pub fn session_commitments(&mut self, session_id: i64) -> Result<Vec<Commitment>> {
        self.read(|tx| {
            require_session(tx, session_id)?;
            for_session(tx, session_id)
        })
    }
}
