//! Sessions: started from a snapshot of a format, driven by events, and recorded phase by phase.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codec::{enum_name, from_json, instant, nanos, parse_enum, secs, to_json};
use super::{commitments, formats, history, Store};
use crate::commitment::clean_text;
use crate::format::{FormatDraft, PhaseKind};
use crate::i18n::Msg;
use crate::session_view::SessionView;
use crate::timeline::{finished_phases, state_at, Event, EventKind, PhaseOutcome, PhaseRecord, Timeline};
use crate::{Error, Result, Thing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SessionStatus {
    /// Still running (or paused): the runner drives it.
    Active,
    /// Its last phase is over or it was stopped; all its phases are recorded.
    Finished,
}

/// A stretch of time the user was away: a phase whose deadline fell inside it gets `outcome`
/// (slept, or Stint not running) instead of completed, and never counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Away {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub outcome: PhaseOutcome,
}

impl Away {
    /// The machine slept from `from` to `to`.
    pub fn slept(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Away { from, to, outcome: PhaseOutcome::Slept }
    }

    /// Stint was not running from `from` to `to` (quit, killed, or the machine off).
    pub fn not_running(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Away { from, to, outcome: PhaseOutcome::NotRunning }
    }

    fn covers(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && at <= self.to
    }
}

/// A stored session, replayed to its exact timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: i64,
    pub format_id: String,
    pub format_name: String,
    pub timeline: Timeline,
    pub status: SessionStatus,
    /// The call whose occurrence this session joined (`Store::join_call`); `None` for a solo session.
    pub call_id: Option<String>,
}

fn not_found(_id: i64) -> Error {
    Error::NotFound(Thing::Session)
}

fn encode_event(kind: EventKind) -> (&'static str, Option<u32>) {
    match kind {
        EventKind::Pause => ("pause", None),
        EventKind::Resume => ("resume", None),
        EventKind::Skip => ("skip", None),
        EventKind::Extend { seconds } => ("extend", Some(seconds)),
        EventKind::Stop => ("stop", None),
    }
}

fn decode_event(at: i64, kind: &str, seconds: Option<u32>) -> Result<Event> {
    let kind = match (kind, seconds) {
        ("pause", _) => EventKind::Pause,
        ("resume", _) => EventKind::Resume,
        ("skip", _) => EventKind::Skip,
        ("extend", Some(seconds)) => EventKind::Extend { seconds },
        ("stop", _) => EventKind::Stop,
        _ => return Err(Error::Storage(format!("unreadable session event “{kind}”"))),
    };
    Ok(Event { at: instant(at), kind })
}

/// Loads a session and replays its events.
pub(super) fn load(tx: &Transaction, id: i64) -> Result<SessionRecord> {
    let row = tx
        .query_row(
            "SELECT s.format_id, s.format_name, f.draft, s.started_at, s.status, s.call_id
             FROM sessions s JOIN format_snapshots f ON f.id = s.snapshot_id WHERE s.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()?;
    let (format_id, format_name, draft, started_at, status, call_id) = row.ok_or_else(|| not_found(id))?;
    let mut stmt =
        tx.prepare_cached("SELECT at, kind, seconds FROM session_events WHERE session_id = ?1 ORDER BY id")?;
    let events = stmt
        .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<u32>>(2)?)))?
        .map(|row| {
            let (at, kind, seconds) = row?;
            decode_event(at, &kind, seconds)
        })
        .collect::<Result<Vec<Event>>>()?;
    let timeline = Timeline::replay(from_json(&draft, "format snapshot")?, instant(started_at), events)
        .map_err(|e| Error::Storage(format!("a session's stored events do not replay, {e}")))?;
    let status = parse_enum(&status, "session status")?;
    Ok(SessionRecord { id, format_id, format_name, timeline, status, call_id })
}

pub(super) fn active_id(tx: &Transaction) -> Result<Option<i64>> {
    Ok(tx
        .query_row("SELECT id FROM sessions WHERE status = 'active' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?)
}

/// Records the phases of `record` that have finished by `now` and are not recorded yet (a phase whose
/// end fell inside `away` with its outcome), updates the session's focus totals, and finishes the
/// session when its timeline is done. Returns the newly recorded phases.
fn record_new_phases(
    tx: &Transaction,
    record: &mut SessionRecord,
    now: DateTime<Utc>,
    away: Option<Away>,
) -> Result<Vec<PhaseRecord>> {
    if record.status == SessionStatus::Finished {
        return Ok(Vec::new());
    }
    let last: Option<u32> =
        tx.query_row("SELECT MAX(idx) FROM phases WHERE session_id = ?1", [record.id], |r| r.get(0))?;
    let mut recorded = Vec::new();
    let mut insert = tx.prepare_cached(
        "INSERT INTO phases (session_id, idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut add_focus = tx.prepare_cached(
        "UPDATE sessions SET focus_seconds = focus_seconds + ?2,
             focus_first_start = MIN(COALESCE(focus_first_start, ?3), ?3),
             focus_last_end = MAX(COALESCE(focus_last_end, ?4), ?4)
         WHERE id = ?1",
    )?;
    for mut phase in finished_phases(&record.timeline, now) {
        if last.is_some_and(|l| phase.index <= l) {
            continue;
        }
        if let Some(away) = away.filter(|away| phase.outcome == PhaseOutcome::Completed && away.covers(phase.ended_at))
        {
            phase.outcome = away.outcome;
        }
        let (started, ended) = (nanos(phase.started_at, "started_at")?, nanos(phase.ended_at, "now")?);
        insert.execute(params![
            record.id,
            phase.index,
            phase.label,
            enum_name(&phase.kind),
            secs(phase.planned_seconds),
            started,
            ended,
            secs(phase.actual_seconds),
            enum_name(&phase.outcome),
        ])?;
        if phase.kind == PhaseKind::Focus && phase.outcome.counts() && phase.actual_seconds > 0 {
            add_focus.execute(params![record.id, secs(phase.actual_seconds), started, ended])?;
        }
        history::count_phase(tx, &phase, started, ended)?;
        recorded.push(phase);
    }
    let state = state_at(&record.timeline, now);
    if state.done {
        let ended_at = state.ended_at.map(|t| nanos(t, "now")).transpose()?;
        tx.execute(
            "UPDATE sessions SET status = 'finished', ended_at = ?2 WHERE id = ?1",
            params![record.id, ended_at],
        )?;
        record.status = SessionStatus::Finished;
    }
    Ok(recorded)
}

/// Records the phases of `record` finished by `now` (see `record_new_phases`).
pub(super) fn record_now(tx: &Transaction, record: &mut SessionRecord, now: DateTime<Utc>) -> Result<Vec<PhaseRecord>> {
    record_new_phases(tx, record, now, None)
}

/// Appends `event` to session `session_id` in `tx` (see `Store::append_event`).
pub(super) fn append(tx: &Transaction, session_id: i64, event: Event) -> Result<SessionRecord> {
    let at = nanos(event.at, "at")?;
    let mut record = load(tx, session_id)?;
    if record.status == SessionStatus::Finished {
        return Err(Error::conflict("error_session_already_ended"));
    }
    let recorded_until: Option<i64> =
        tx.query_row("SELECT MAX(ended_at) FROM phases WHERE session_id = ?1", [session_id], |r| r.get(0))?;
    if recorded_until.is_some_and(|until| at < until) {
        return Err(Error::conflict("error_session_before_recorded"));
    }
    record.timeline.push(event)?;
    let (kind, seconds) = encode_event(event.kind);
    tx.execute(
        "INSERT INTO session_events (session_id, at, kind, seconds) VALUES (?1, ?2, ?3, ?4)",
        params![session_id, at, kind, seconds],
    )?;
    record_new_phases(tx, &mut record, event.at, None)?;
    Ok(record)
}

/// The stored snapshot id of a format draft, inserting it if this exact draft is new.
pub(super) fn snapshot_id(tx: &Transaction, draft_json: &str) -> Result<i64> {
    tx.execute("INSERT OR IGNORE INTO format_snapshots (draft) VALUES (?1)", [draft_json])?;
    Ok(tx.query_row("SELECT id FROM format_snapshots WHERE draft = ?1", [draft_json], |r| r.get(0))?)
}

/// A session about to be started; its commitment texts are already checked.
pub(super) struct NewSession<'a> {
    pub format_id: &'a str,
    pub started_at: DateTime<Utc>,
    pub commitments: &'a [String],
    pub call_id: Option<&'a str>,
}

/// Starts a session. A running session whose timeline is over by `settle_at` is finished first (with
/// its phases recorded up to then); one still running is a `Conflict`.
pub(super) fn insert(tx: &Transaction, new: &NewSession, settle_at: DateTime<Utc>) -> Result<SessionRecord> {
    insert_running(tx, new, None, settle_at)
}

/// `insert`, running `draft` (already validated) instead of the format's own phases when given.
fn insert_running(
    tx: &Transaction,
    new: &NewSession,
    draft: Option<&FormatDraft>,
    settle_at: DateTime<Utc>,
) -> Result<SessionRecord> {
    let start = nanos(new.started_at, "started_at")?;
    let mut format = formats::load(tx, new.format_id)?;
    if let Some(draft) = draft {
        format.draft = draft.clone();
    }
    if let Some(running) = active_id(tx)? {
        let mut record = load(tx, running)?;
        record_new_phases(tx, &mut record, settle_at, None)?;
        if record.status == SessionStatus::Active {
            return Err(Error::conflict("error_session_already_running"));
        }
    }
    let snapshot = snapshot_id(tx, &to_json(&format.draft)?)?;
    tx.execute(
        "INSERT INTO sessions (format_id, format_name, snapshot_id, started_at, status, call_id)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5)",
        params![format.id, format.draft.name, snapshot, start, new.call_id],
    )?;
    let id = tx.last_insert_rowid();
    for text in new.commitments {
        commitments::insert(tx, commitments::Owner::session(id), text, None, new.started_at)?;
    }
    load(tx, id)
}

impl Store {
    /// Starts a session of `format_id` at `started_at` with its first commitments (each 1–500
    /// characters; one bad text stores nothing, the error names `commitments[i]`). A running
    /// session whose timeline is over by `started_at` is finished first; one still running is a
    /// `Conflict`.
    pub fn start_session(
        &mut self,
        format_id: &str,
        started_at: DateTime<Utc>,
        commitments: &[String],
    ) -> Result<SessionRecord> {
        self.start(format_id, None, started_at, commitments)
    }

    /// Like `start_session`, but the session runs `draft` instead of the format's stored phases,
    /// still filed under `format_id` (which must exist). The shell starts the built-in pomodoro this
    /// way with the user's lengths. An invalid draft is `InvalidInput` naming its field; nothing is stored.
    pub fn start_session_with_draft(
        &mut self,
        format_id: &str,
        draft: FormatDraft,
        started_at: DateTime<Utc>,
        commitments: &[String],
    ) -> Result<SessionRecord> {
        self.start(format_id, Some(draft), started_at, commitments)
    }

    fn start(
        &mut self,
        format_id: &str,
        draft: Option<FormatDraft>,
        started_at: DateTime<Utc>,
        commitments: &[String],
    ) -> Result<SessionRecord> {
        let draft = draft.map(|d| d.validated()).transpose()?;
        let texts = commitments
            .iter()
            .enumerate()
            .map(|(i, text)| clean_text(text, &format!("commitments[{i}]")))
            .collect::<Result<Vec<String>>>()?;
        nanos(started_at, "started_at")?;
        self.write(|tx| {
            let new = NewSession { format_id, started_at, commitments: &texts, call_id: None };
            insert_running(tx, &new, draft.as_ref(), started_at)
        })
    }

    /// Validates `event` against the session's timeline and persists it, together with the phases
    /// it finished. Events may not go back before a phase that is already recorded.
    pub fn append_event(&mut self, session_id: i64, event: Event) -> Result<SessionRecord> {
        nanos(event.at, "at")?;
        self.write(|tx| append(tx, session_id, event))
    }

    /// Records the phases of the session that have finished by `now` (those whose end fell inside
    /// `away` with its outcome) and finishes the session when its timeline is done. Returns only the
    /// phases recorded by this call; a finished session yields none.
    pub fn record_phases(
        &mut self,
        session_id: i64,
        now: DateTime<Utc>,
        away: Option<Away>,
    ) -> Result<Vec<PhaseRecord>> {
        nanos(now, "now")?;
        if let Some(away) = away {
            nanos(away.from, "away.from")?;
            nanos(away.to, "away.to")?;
            if away.from > away.to {
                return Err(Error::told("away", Msg::new("error_session_away_backwards")));
            }
        }
        self.write(|tx| {
            let mut record = load(tx, session_id)?;
            record_new_phases(tx, &mut record, now, away)
        })
    }

    /// The unfinished session, if any, replayed to the exact timeline it had.
    pub fn active_session(&mut self) -> Result<Option<SessionRecord>> {
        self.read(|tx| active_id(tx)?.map(|id| load(tx, id)).transpose())
    }

    pub fn session(&mut self, id: i64) -> Result<SessionRecord> {
        self.read(|tx| load(tx, id))
    }

    /// The phases recorded for a session, in order.
    pub fn session_phases(&mut self, id: i64) -> Result<Vec<PhaseRecord>> {
        self.read(|tx| {
            load(tx, id)?;
            let mut stmt = tx.prepare_cached(
                "SELECT idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome
                 FROM phases WHERE session_id = ?1 ORDER BY idx",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?;
            rows.map(|row| {
                let (index, label, kind, planned_seconds, started, ended, actual_seconds, outcome) = row?;
                Ok(PhaseRecord {
                    index,
                    label,
                    kind: parse_enum(&kind, "phase kind")?,
                    planned_seconds,
                    started_at: instant(started),
                    ended_at: instant(ended),
                    actual_seconds,
                    outcome: parse_enum(&outcome, "phase outcome")?,
                })
            })
            .collect()
        })
    }

    /// What the UI shows of a session at `now`: its state, agenda and commitments.
    pub fn session_view(&mut self, id: i64, now: DateTime<Utc>) -> Result<SessionView> {
        self.read(|tx| {
            let record = load(tx, id)?;
            let commitments = commitments::for_session(tx, id)?;
            Ok(SessionView::new(&record, commitments, now))
        })
    }
}
