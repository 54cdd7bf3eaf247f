//! The sessions list: newest first, in keyset pages, over all history or the days of a period.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Msg;
use crate::store::codec::{instant, opt_instant, parse_enum};
use crate::store::SessionStatus;
use crate::{Error, Result};

/// The most sessions one page returns.
pub const MAX_PAGE: u32 = 500;

/// One row of the sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub format_id: String,
    pub format_name: String,
    /// The session's own title, when the user gave it one; lists show it instead of the format's name.
    pub title: Option<String>,
    pub started_at: DateTime<Utc>,
    /// `None` while the session is still running.
    pub ended_at: Option<DateTime<Utc>>,
    pub status: SessionStatus,
    pub focus_seconds: u32,
    pub commitments_done: u32,
    pub commitments_total: u32,
}

/// The columns `summary_from_row` reads, for `FROM sessions s`.
pub const SUMMARY_COLUMNS: &str = "s.id, s.format_id, s.format_name, s.title, s.started_at, s.ended_at, s.status,
     s.focus_seconds,
     (SELECT COUNT(*) FROM commitments c WHERE c.session_id = s.id AND c.status = 'done'),
     (SELECT COUNT(*) FROM commitments c WHERE c.session_id = s.id)";

pub fn summary_from_row(r: &Row) -> Result<SessionSummary> {
    let status: String = r.get(6)?;
    Ok(SessionSummary {
        id: r.get(0)?,
        format_id: r.get(1)?,
        format_name: r.get(2)?,
        title: r.get(3)?,
        started_at: instant(r.get(4)?),
        ended_at: opt_instant(r.get(5)?),
        status: parse_enum(&status, "session status")?,
        focus_seconds: r.get(7)?,
        commitments_done: r.get(8)?,
        commitments_total: r.get(9)?,
    })
}

pub fn check_limit(limit: u32) -> Result<()> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::told(
            "limit",
            Msg::new("error_history_page_size").count("max", u64::from(MAX_PAGE)).count("count", u64::from(limit)),
        ));
    }
    Ok(())
}

/// Up to `limit` sessions that started in `[from, to)`, newest first (by start, then id), after the
/// session `before_id` that ended the previous page. A `before_id` that no longer exists (deleted in
/// the meantime) starts from the newest again.
pub fn page(
    tx: &Transaction,
    (from, to): (i64, i64),
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<SessionSummary>> {
    check_limit(limit)?;
    let after = match before_id {
        Some(id) => tx
            .query_row("SELECT started_at, id FROM sessions WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    let (before_start, before_id): (i64, i64) = after.unwrap_or((i64::MAX, i64::MAX));
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM sessions s
         WHERE s.started_at >= ?1 AND s.started_at < ?2 AND (s.started_at, s.id) < (?3, ?4)
         ORDER BY s.started_at DESC, s.id DESC LIMIT ?5"
    ))?;
    let mut rows = stmt.query(params![from, to, before_start, before_id, limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(summary_from_row(r)?);
    }
    Ok(out)
}
