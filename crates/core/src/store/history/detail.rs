//! One session in full: each phase planned against actual (with its pauses and outcome), its
//! commitments and what is left of them for the next session. The Now view's ending summary and
//! History's session detail both show this.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::list::{summary_from_row, SessionSummary, SUMMARY_COLUMNS};
use crate::calls::series::{carry_over, CarriedCommitment};
use crate::commitment::Commitment;
use crate::format::PhaseKind;
use crate::store::codec::{instant, parse_enum};
use crate::store::commitments;
use crate::timeline::PhaseOutcome;
use crate::{Error, Result, Thing};

/// A recorded phase as History shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhaseDetail {
    pub index: u32,
    pub label: String,
    pub kind: PhaseKind,
    pub planned_seconds: u32,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// Seconds the phase ran, pauses excluded.
    pub actual_seconds: u32,
    /// Seconds between its start and its end that it did not run: its pauses.
    pub paused_seconds: u32,
    pub outcome: PhaseOutcome,
    /// Whether its time counts in history (as focus time, for a focus phase).
    pub counts: bool,
}

/// How many phases ended one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutcomeCount {
    pub outcome: PhaseOutcome,
    pub phases: u32,
}

/// A session with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionDetail {
    pub session: SessionSummary,
    pub notes: Option<String>,
    /// The recorded phases, in order (a running session's current phase is not recorded yet).
    pub phases: Vec<PhaseDetail>,
    /// Phases per outcome, in the order of `outcome_choices`; outcomes no phase had are left out.
    pub outcome_counts: Vec<OutcomeCount>,
    pub commitments: Vec<Commitment>,
    /// What the next session can take over: the commitments open, partly done or not done.
    pub left_over: Vec<CarriedCommitment>,
    /// The outcomes a phase can be given when the record is edited, in order.
    pub outcome_choices: Vec<PhaseOutcome>,
}

pub fn not_found(_id: i64) -> Error {
    Error::NotFound(Thing::Session)
}

fn phases(tx: &Transaction, id: i64) -> Result<Vec<PhaseDetail>> {
    let mut stmt = tx.prepare_cached(
        "SELECT idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome
         FROM phases WHERE session_id = ?1 ORDER BY idx",
    )?;
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (kind, outcome): (String, String) = (r.get(2)?, r.get(7)?);
        let (started, ended): (i64, i64) = (r.get(4)?, r.get(5)?);
        let actual_seconds: u32 = r.get(6)?;
        let span = u32::try_from((ended - started).max(0) / 1_000_000_000).unwrap_or(u32::MAX);
        let outcome: PhaseOutcome = parse_enum(&outcome, "phase outcome")?;
        out.push(PhaseDetail {
            index: r.get(0)?,
            label: r.get(1)?,
            kind: parse_enum(&kind, "phase kind")?,
            planned_seconds: r.get(3)?,
            started_at: instant(started),
            ended_at: instant(ended),
            actual_seconds,
            paused_seconds: span.saturating_sub(actual_seconds),
            outcome,
            counts: outcome.counts(),
        });
    }
    Ok(out)
}

pub fn load(tx: &Transaction, id: i64) -> Result<SessionDetail> {
    let row = tx
        .query_row(&format!("SELECT {SUMMARY_COLUMNS}, s.notes FROM sessions s WHERE s.id = ?1"), [id], |r| {
            Ok((summary_from_row(r), r.get::<_, Option<String>>(10)?))
        })
        .optional()?;
    let (session, notes) = row.ok_or_else(|| not_found(id))?;
    let phases = phases(tx, id)?;
    let outcome_counts = PhaseOutcome::ALL
        .into_iter()
        .map(|outcome| OutcomeCount { outcome, phases: phases.iter().filter(|p| p.outcome == outcome).count() as u32 })
        .filter(|c| c.phases > 0)
        .collect();
    let commitments = commitments::for_session(tx, id)?;
    Ok(SessionDetail {
        session: session?,
        notes,
        phases,
        outcome_counts,
        left_over: carry_over(&commitments),
        commitments,
        outcome_choices: PhaseOutcome::ALL.to_vec(),
    })
}
