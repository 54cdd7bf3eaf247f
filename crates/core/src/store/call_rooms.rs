//! Which live room each call is tied to (table `call_rooms`): a community pack names its calls' rooms
//! (`room` in the pack, set again at every install or update of the pack), and the user can tie any
//! call to a room, or untie it. When a tied call starts, the shell enters its room: the host goes live,
//! everyone else follows (`live::call_room_role`). The tie goes with the call (a foreign key).

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::communities::community_item_id;
use super::Store;
use crate::i18n::Msg;
use crate::pack::Pack;
use crate::room::room_address;
use crate::{Error, Result, Thing};

/// A call and the room its live timer runs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CallRoom {
    pub call_id: String,
    /// A room alias (`#cafe:example.org`) or id (`!abc:example.org`).
    pub room: String,
}

/// The rooms of the pack's calls replace those its community's calls had (the calls are stored).
pub(super) fn replace_for_pack(tx: &Transaction, pack: &Pack) -> Result<()> {
    tx.execute("DELETE FROM call_rooms WHERE call_id IN (SELECT id FROM calls WHERE community_id = ?1)", [&pack.id])?;
    let mut put = tx.prepare("INSERT INTO call_rooms (call_id, room) VALUES (?1, ?2)")?;
    for (call_id, room) in &pack.rooms {
        put.execute(params![community_item_id(&pack.id, call_id), room])?;
    }
    Ok(())
}

/// The rooms community `community_id`'s calls are tied to now — by the pack's or the user's choice —
/// by the calls' ids in its pack (what an install would replace).
pub(super) fn of_community(tx: &Transaction, community_id: &str) -> Result<BTreeMap<String, String>> {
    let prefix = community_item_id(community_id, "");
    let mut query = tx.prepare(
        "SELECT call_rooms.call_id, call_rooms.room FROM call_rooms JOIN calls ON calls.id = call_rooms.call_id \
         WHERE calls.community_id = ?1",
    )?;
    let rows = query.query_map([community_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut rooms = BTreeMap::new();
    for row in rows {
        let (call_id, room) = row?;
        rooms.insert(call_id.strip_prefix(&prefix).unwrap_or(&call_id).to_string(), room);
    }
    Ok(rooms)
}

fn get(tx: &Transaction, call_id: &str) -> Result<Option<String>> {
    Ok(tx.query_row("SELECT room FROM call_rooms WHERE call_id = ?1", [call_id], |r| r.get(0)).optional()?)
}

impl Store {
    /// Ties call `call_id` to `room` (an alias or a room id), or unties it (`None`). A room that is not
    /// an address is `invalid_input` naming `room`; an unknown call is `not_found`; nothing changes then.
    pub fn set_call_room(&mut self, call_id: &str, room: Option<&str>) -> Result<Option<CallRoom>> {
        let room = room
            .map(|r| room_address(r).ok_or_else(|| Error::told("room", Msg::new("error_room_address"))))
            .transpose()?;
        self.write(|tx| {
            let known: Option<String> =
                tx.query_row("SELECT id FROM calls WHERE id = ?1", [call_id], |r| r.get(0)).optional()?;
            if known.is_none() {
                return Err(Error::NotFound(Thing::Call));
            }
            tx.execute("DELETE FROM call_rooms WHERE call_id = ?1", [call_id])?;
            let Some(room) = room else { return Ok(None) };
            tx.execute("INSERT INTO call_rooms (call_id, room) VALUES (?1, ?2)", params![call_id, room])?;
            Ok(Some(CallRoom { call_id: call_id.to_string(), room }))
        })
    }

    /// The room call `call_id` is tied to, if any.
    pub fn call_room(&mut self, call_id: &str) -> Result<Option<String>> {
        self.read(|tx| get(tx, call_id))
    }

    /// Every call's room, by call id.
    pub fn call_rooms(&mut self) -> Result<Vec<CallRoom>> {
        self.read(|tx| {
            let mut query = tx.prepare("SELECT call_id, room FROM call_rooms ORDER BY call_id")?;
            let rows = query.query_map([], |r| Ok(CallRoom { call_id: r.get(0)?, room: r.get(1)? }))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
