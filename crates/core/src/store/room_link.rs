//! Which local session is tied to a live room, and how (hosting it or following its host).
//!
//! The tie lives in the database beside the session (`app_state`, key `room_link`) so that a
//! restarted Stint knows it still hosts or follows the room, and so that the live session's
//! decisions can tell a followed session from the user's own: a followed one is driven only by the
//! host's documents. A followed session is stored like any other (history records it), under the
//! format id `live-room`, started and extended in one transaction per host document.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use super::codec::{nanos, to_json};
use super::sessions::{self, SessionRecord, SessionStatus};
use super::{app_state, Store};
use crate::format::FormatDraft;
use crate::timeline::{state_at, Event, EventKind};
use crate::{Error, Result};

const ROOM_LINK: &str = "room_link";
/// The format id a followed session is filed under (its name is the host's format's).
pub const ROOM_FORMAT_ID: &str = "live-room";

/// Whether this Stint runs the room's timer or mirrors it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomRole {
    Host,
    Member,
}

/// The tie between a room and the local session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomLink {
    /// The room's id or alias, as the shell joined it (core never reads it).
    pub room: String,
    pub role: RoomRole,
    /// This Stint's Matrix user id in the room (the host's id when hosting).
    pub user: String,
    /// The local session hosted or followed, once there is one.
    pub local_id: Option<i64>,
    /// The room's `session_id` of that session.
    pub session_id: Option<String>,
    /// Room time minus local time (ms) when the session was tied: every instant crossing between
    /// the room and the store is shifted by it, so a session keeps one offset for its whole life.
    pub offset_ms: i64,
    /// Member: how many of the host's events the local session holds.
    pub applied: usize,
    /// The room's `session_id` for which the user chose to share their commitments (off by default;
    /// a new session starts unshared because its id differs).
    #[serde(default)]
    pub shared_for: Option<String>,
}

pub(super) fn get(tx: &Transaction) -> Result<Option<RoomLink>> {
    app_state::get(tx, ROOM_LINK)
}

pub(super) fn set(tx: &Transaction, link: &RoomLink) -> Result<()> {
    app_state::set(tx, ROOM_LINK, link)
}

/// A followed session about to be stored: the host's format, and its start and events in local time.
pub struct Mirror<'a> {
    pub format: &'a FormatDraft,
    pub started_at: DateTime<Utc>,
    pub events: &'a [Event],
}

impl Store {
    /// The room the local session is tied to, if any.
    pub fn room_link(&mut self) -> Result<Option<RoomLink>> {
        self.read(get)
    }

    /// Ties (or with `None` unties) the local session to a room.
    pub fn set_room_link(&mut self, link: Option<&RoomLink>) -> Result<()> {
        self.write(|tx| match link {
            Some(link) => set(tx, link),
            None => {
                tx.execute("DELETE FROM app_state WHERE key = ?1", [ROOM_LINK])?;
                Ok(())
            }
        })
    }

    /// In one transaction: stops the session running at `now` (if any), starts the followed one
    /// with its events and the phases they and `now` finished, and stores `link` with its id.
    pub fn start_mirror(&mut self, mirror: &Mirror, link: &RoomLink, now: DateTime<Utc>) -> Result<SessionRecord> {
        let draft = mirror.format.validated()?;
        let start = nanos(mirror.started_at, "started_at")?;
        nanos(now, "now")?;
        self.write(|tx| {
            stop_running(tx, now)?;
            let snapshot = sessions::snapshot_id(tx, &to_json(&draft)?)?;
            tx.execute(
                "INSERT INTO sessions (format_id, format_name, snapshot_id, started_at, status, call_id)
                 VALUES (?1, ?2, ?3, ?4, 'active', NULL)",
                params![ROOM_FORMAT_ID, draft.name, snapshot, start],
            )?;
            let id = tx.last_insert_rowid();
            let record = append_all(tx, id, mirror.events, now)?;
            set(tx, &RoomLink { local_id: Some(id), ..link.clone() })?;
            Ok(record)
        })
    }

    /// In one transaction: appends the host's new `events` (local time) to the followed session `id`
    /// and stores `link`. An event that would go back before a phase already recorded (it arrived
    /// after this Stint's own deadline passed) is applied at that phase's end instead.
    pub fn extend_mirror(
        &mut self,
        id: i64,
        events: &[Event],
        link: &RoomLink,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        nanos(now, "now")?;
        self.write(|tx| {
            let record = append_all(tx, id, events, now)?;
            set(tx, link)?;
            Ok(record)
        })
    }

    /// Stops the running session at `now` (if any) and stores `link`, in one transaction.
    pub fn stop_and_link(&mut self, link: &RoomLink, now: DateTime<Utc>) -> Result<()> {
        nanos(now, "now")?;
        self.write(|tx| {
            stop_running(tx, now)?;
            set(tx, link)
        })
    }
}

fn stop_running(tx: &Transaction, now: DateTime<Utc>) -> Result<()> {
    if let Some(running) = sessions::active_id(tx)? {
        let record = sessions::load(tx, running)?;
        if !state_at(&record.timeline, now).done {
            sessions::append(tx, running, Event { at: now, kind: EventKind::Stop })?;
        }
    }
    Ok(())
}

fn append_all(tx: &Transaction, id: i64, events: &[Event], now: DateTime<Utc>) -> Result<SessionRecord> {
    let mut record = sessions::load(tx, id)?;
    for event in events {
        if record.status == SessionStatus::Finished {
            break;
        }
        let floor: Option<i64> =
            tx.query_row("SELECT MAX(ended_at) FROM phases WHERE session_id = ?1", [id], |r| r.get(0))?;
        let last = record.timeline.events().last().map(|e| e.at);
        let mut at = event.at;
        if let Some(floor) = floor.map(super::codec::instant) {
            at = at.max(floor);
        }
        if let Some(last) = last {
            at = at.max(last);
        }
        match sessions::append(tx, id, Event { at, kind: event.kind }) {
            Ok(next) => record = next,
            // Moved to a later instant, the event may no longer apply (a pause of a phase that ended
            // here): the host's next document carries on from its state, so it is left out.
            Err(Error::Conflict(_) | Error::InvalidInput { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    sessions::record_now(tx, &mut record, now)?;
    Ok(record)
}
