//! Accountability series: three stored calls (commit, check in, review), the commitments that belong
//! to the series, and the next series that carries over what is left.
//!
//! Commitments of a series are ordinary commitments with a series link, so the progress note of
//! call 2 (`Store::note_commitment`) and the resolution of call 3 (`Store::resolve_commitment`) are
//! the commitment functions every session uses.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::codec::{from_json, nanos, to_json};
use super::commitments::{self, Owner};
use super::{calls, Store};
use crate::calls::series::{self as pure, carry_over, Series, SeriesDraft};
use crate::commitment::{clean_text, Commitment};
use crate::{Error, Result, Thing};

fn not_found(_id: &str) -> Error {
    Error::NotFound(Thing::Series)
}

fn require(tx: &Transaction, id: &str) -> Result<()> {
    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM series WHERE id = ?1)", [id], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(not_found(id))
    }
}

/// `series-N`, free both as a series id and for its three calls' ids (`series-N-1` …).
fn new_id(tx: &Transaction) -> Result<String> {
    let taken = |id: &str| -> Result<bool> {
        let series: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM series WHERE id = ?1)", [id], |r| r.get(0))?;
        let calls: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM calls WHERE id IN (?1 || '-1', ?1 || '-2', ?1 || '-3'))",
            [id],
            |r| r.get(0),
        )?;
        Ok(series || calls)
    };
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM series", [], |r| r.get(0))?;
    let mut n = count + 1;
    while taken(&format!("series-{n}"))? {
        n += 1;
    }
    Ok(format!("series-{n}"))
}

fn load(tx: &Transaction, id: &str) -> Result<Series> {
    let (draft, previous_series_id): (String, Option<String>) = tx
        .query_row("SELECT pattern, previous_series_id FROM series WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let draft: SeriesDraft = from_json(&draft, "series")?;
    let call_ids: Vec<String> = tx
        .prepare_cached("SELECT call_id FROM series_calls WHERE series_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let calls = call_ids.iter().map(|c| calls::load(tx, c).map(|s| s.call)).collect::<Result<_>>()?;
    Ok(Series {
        id: id.to_string(),
        title: draft.title.trim().to_string(),
        community_id: draft.community_id,
        calls,
        previous_series_id,
    })
}

/// Stores a new series after `previous` (which may have only one next series).
fn insert(tx: &Transaction, draft: &SeriesDraft, previous: Option<&str>, now: DateTime<Utc>) -> Result<Series> {
    let at = nanos(now, "now")?;
    if let Some(previous) = previous {
        require(tx, previous)?;
        let next: Option<String> =
            tx.query_row("SELECT id FROM series WHERE previous_series_id = ?1", [previous], |r| r.get(0)).optional()?;
        if next.is_some() {
            return Err(Error::conflict("error_series_has_next"));
        }
    }
    let id = new_id(tx)?;
    let series = pure::create_series(&id, draft, previous)?;
    tx.execute(
        "INSERT INTO series (id, previous_series_id, pattern, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, previous, to_json(draft)?, at],
    )?;
    for (position, call) in (1..).zip(&series.calls) {
        calls::insert(tx, call, now)?;
        tx.execute(
            "INSERT INTO series_calls (series_id, position, call_id) VALUES (?1, ?2, ?3)",
            params![id, position, call.id],
        )?;
    }
    Ok(series)
}

impl Store {
    /// Creates an accountability series from `draft` (its three calls use the accountability formats
    /// 1/2/3), following `previous` if given. Errors name the draft's field; a `previous` that already
    /// has a next series is a `Conflict`.
    pub fn create_series(&mut self, draft: &SeriesDraft, previous: Option<&str>, now: DateTime<Utc>) -> Result<Series> {
        self.write(|tx| insert(tx, draft, previous, now))
    }

    /// Every series, oldest first, with its calls as stored.
    pub fn series_list(&mut self) -> Result<Vec<Series>> {
        self.read(|tx| {
            let ids: Vec<String> = tx
                .prepare("SELECT id FROM series ORDER BY created_at, rowid")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.iter().map(|id| load(tx, id)).collect()
        })
    }

    pub fn series(&mut self, id: &str) -> Result<Series> {
        self.read(|tx| load(tx, id))
    }

    /// Adds a commitment to a series (made in its first call; 1–500 characters, error field `text`).
    pub fn add_series_commitment(&mut self, series_id: &str, text: &str, now: DateTime<Utc>) -> Result<Commitment> {
        let text = clean_text(text, "text")?;
        nanos(now, "now")?;
        self.write(|tx| {
            require(tx, series_id)?;
            commitments::insert(tx, Owner { session_id: None, series_id: Some(series_id) }, &text, None, now)
        })
    }

    /// The commitments of a series, in the order they were made.
    pub fn series_commitments(&mut self, series_id: &str) -> Result<Vec<Commitment>> {
        self.read(|tx| {
            require(tx, series_id)?;
            commitments::for_series(tx, series_id)
        })
    }

    /// Starts the series that follows `series_id`, carrying over its commitments that are left
    /// (open, partial or not done) as new open ones linked to their originals by `carried_from`.
    /// All in one transaction.
    pub fn start_next_series(&mut self, series_id: &str, draft: &SeriesDraft, now: DateTime<Utc>) -> Result<Series> {
        self.write(|tx| {
            let series = insert(tx, draft, Some(series_id), now)?;
            let owner = Owner { session_id: None, series_id: Some(&series.id) };
            for carried in carry_over(&commitments::for_series(tx, series_id)?) {
                commitments::insert(tx, owner, &carried.text, Some(carried.carried_from), now)?;
            }
            Ok(series)
        })
    }
}
