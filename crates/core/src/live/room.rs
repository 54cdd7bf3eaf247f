//! The live room as one more writer of the live session.
//!
//! A host's session is the user's own, driven by the same actions as any other; while it is live in
//! a room, `hosted_doc` builds the `app.stint.session` document to publish from it (in room time).
//! A member's session mirrors the host's document: `follow` starts, extends or stops the local
//! session so that it replays the host's timeline, each in one transaction, and returns `Changes`
//! like every action, so the runner re-reads it and announces what the host did. A member cannot
//! drive a followed session (`guard`); leaving the room makes it the user's own again.
//!
//! Instants cross between the room and the store shifted by the tie's clock offset (room time minus
//! local time, fixed when the session was tied), so the local runner's deadlines fall when the
//! host's do.

use chrono::{DateTime, Duration, Utc};

use super::actions::Changes;
use crate::room::{check_sender, Follow, FollowChange, PowerLevels, Rejection, SessionDoc, SESSION_EVENT_TYPE};
use crate::store::{Mirror, RoomLink, RoomRole, Store};
use crate::timeline::{state_at, Event};
use crate::{Error, Result};

/// Host: ties the running session to `room` as `user` (who must be allowed to host there), with
/// the current clock `offset_ms` (room minus local), and returns the first document to publish.
pub fn go_live(store: &mut Store, room: &str, user: &str, offset_ms: i64, now: DateTime<Utc>) -> Result<SessionDoc> {
    let session = store
        .active_session()?
        .filter(|s| !state_at(&s.timeline, now).done)
        .ok_or_else(|| Error::conflict("error_room_go_live_none_running"))?;
    if is_followed(store, session.id)? {
        return Err(Error::conflict("error_room_go_live_following"));
    }
    let session_id = format!("s{}-{}", session.timeline.started_at.timestamp_millis(), session.id);
    let link = RoomLink {
        room: room.into(),
        role: RoomRole::Host,
        user: user.into(),
        local_id: Some(session.id),
        session_id: Some(session_id),
        offset_ms,
        applied: 0,
        shared_for: None,
    };
    let doc = build_doc(&link, &session.timeline)?;
    store.set_room_link(Some(&link))?;
    Ok(doc)
}

/// Host: the document of the hosted session as it stands (also once it ended, so members see the
/// end), or `None` when this Stint hosts nothing.
pub fn hosted_doc(store: &mut Store) -> Result<Option<(RoomLink, SessionDoc)>> {
    let Some(link) = store.room_link()?.filter(|l| l.role == RoomRole::Host) else { return Ok(None) };
    let Some(id) = link.local_id else { return Ok(None) };
    let session = store.session(id)?;
    let doc = build_doc(&link, &session.timeline)?;
    Ok(Some((link, doc)))
}

/// Member: this Stint follows `room` as `user` from now on; the first document the room delivers
/// starts the local session (and stops the user's own, if one runs).
pub fn join_room(store: &mut Store, room: &str, user: &str) -> Result<()> {
    let link = RoomLink {
        room: room.into(),
        role: RoomRole::Member,
        user: user.into(),
        local_id: None,
        session_id: None,
        offset_ms: 0,
        applied: 0,
        shared_for: None,
    };
    store.set_room_link(Some(&link))
}

/// Unties the local session from its room; a followed session goes on as the user's own. Returns
/// the tie that was, so the shell knows what to tell the room (a host clears its document).
pub fn leave_room(store: &mut Store) -> Result<(Option<RoomLink>, Changes)> {
    let link = store.room_link()?;
    store.set_room_link(None)?;
    Ok((link, Changes::SESSION))
}

/// Member: mirrors the room's accepted session document (`None`: the room has no live session) at
/// local time `now`, with the clock correction `offset_ms` (room minus local) measured now. A
/// session seen for the first time lands in its current phase, with the phases before it recorded
/// (no notification for those); a newer revision adds the host's new events; `None` or a document
/// that has ended stops the local mirror.
pub fn follow(store: &mut Store, doc: Option<&SessionDoc>, offset_ms: i64, now: DateTime<Utc>) -> Result<Changes> {
    let Some(link) = store.room_link()?.filter(|l| l.role == RoomRole::Member) else {
        return Err(Error::conflict("error_room_not_following"));
    };
    let mirrored = match link.local_id {
        Some(id) => Some(store.session(id)?),
        None => None,
    };
    let Some(doc) = doc else {
        let cleared = RoomLink { local_id: None, session_id: None, applied: 0, ..link.clone() };
        if mirrored.is_some_and(|s| !state_at(&s.timeline, now).done) {
            store.stop_and_link(&cleared, now)?;
            return Ok(Changes::SESSION);
        }
        store.set_room_link(Some(&cleared))?;
        return Ok(Changes::default());
    };
    let events = doc.timeline().events();
    if let Some(session) = mirrored.filter(|_| link.session_id.as_deref() == Some(doc.session_id.as_str())) {
        if events.len() <= link.applied {
            return Ok(Changes::default());
        }
        let next = RoomLink { applied: events.len(), ..link.clone() };
        if state_at(&session.timeline, now).done {
            store.set_room_link(Some(&next))?;
            return Ok(Changes::default());
        }
        let new: Vec<Event> = events[link.applied..].iter().map(|e| to_local(*e, link.offset_ms, now)).collect();
        store.extend_mirror(session.id, &new, &next, now)?;
        return Ok(Changes::SESSION);
    }
    let next =
        RoomLink { session_id: Some(doc.session_id.clone()), local_id: None, offset_ms, applied: events.len(), ..link };
    if state_at(doc.timeline(), now + Duration::milliseconds(offset_ms)).done {
        // Over before this member saw it: nothing to mirror, only remember it was seen.
        store.set_room_link(Some(&next))?;
        return Ok(Changes::default());
    }
    let local: Vec<Event> = events.iter().map(|e| to_local(*e, offset_ms, now)).collect();
    let mirror = Mirror {
        format: &doc.timeline().format,
        started_at: doc.timeline().started_at - Duration::milliseconds(offset_ms),
        events: &local,
    };
    store.start_mirror(&mirror, &next, now)?;
    Ok(Changes::SESSION)
}

/// What a room's `app.stint.session` event did to the followed session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub changes: Changes,
    /// Why the event was refused whole (a sentence for the log); nothing changed then.
    pub rejected: Option<Rejection>,
}

/// Member: offers the content of an `app.stint.session` event sent by `sender` (in a room with
/// `levels`) to `follow`, and mirrors it when it was accepted (`follow`). Malformed, stale or
/// unauthorised content changes nothing and comes back as `rejected`.
#[allow(clippy::too_many_arguments)]
pub fn receive(
    store: &mut Store,
    follow_state: &mut Follow,
    content: &[u8],
    sender: &str,
    levels: &PowerLevels,
    offset_ms: i64,
    now: DateTime<Utc>,
) -> Result<Received> {
    match follow_state.offer(content, sender, levels) {
        Err(rejection) => Ok(Received { changes: Changes::default(), rejected: Some(rejection) }),
        Ok(FollowChange::Unchanged) => Ok(Received { changes: Changes::default(), rejected: None }),
        Ok(_) => {
            let changes = follow(store, follow_state.current(), offset_ms, now)?;
            Ok(Received { changes, rejected: None })
        }
    }
}

/// A call tied to a room has started here: this Stint hosts it when the room's power levels let
/// `user` write the session document, and follows the room's host otherwise.
pub fn call_room_role(levels: &PowerLevels, user: &str) -> RoomRole {
    if check_sender(levels, user, SESSION_EVENT_TYPE).is_ok() {
        RoomRole::Host
    } else {
        RoomRole::Member
    }
}

/// Refuses a local action on a session that follows a host (`Conflict`, in a sentence).
pub fn guard(store: &mut Store, session_id: i64) -> Result<()> {
    if is_followed(store, session_id)? {
        return Err(Error::conflict("error_room_host_runs_timer"));
    }
    Ok(())
}

/// Whether local session `id` mirrors a host's.
pub fn is_followed(store: &mut Store, id: i64) -> Result<bool> {
    Ok(store.room_link()?.is_some_and(|l| l.role == RoomRole::Member && l.local_id == Some(id)))
}

fn build_doc(link: &RoomLink, timeline: &crate::timeline::Timeline) -> Result<SessionDoc> {
    let shift = Duration::milliseconds(link.offset_ms);
    let session_id = link.session_id.as_deref().unwrap_or_default();
    let mut doc = SessionDoc::start(session_id, &link.user, &timeline.format, timeline.started_at + shift)?;
    for event in timeline.events() {
        doc = doc.with_event(Event { at: event.at + shift, kind: event.kind })?;
    }
    Ok(doc)
}

/// A host's event in this member's time. The offset is an estimate (off by up to half a round trip),
/// so an action the host took a moment ago can come out a few milliseconds after `now`: it is taken
/// as happening now, or the member would show it only at the next redraw for another reason.
fn to_local(event: Event, offset_ms: i64, now: DateTime<Utc>) -> Event {
    Event { at: (event.at - Duration::milliseconds(offset_ms)).min(now), kind: event.kind }
}
