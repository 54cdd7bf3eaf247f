//! Sharing one's commitments with a live room: off by default, chosen per session (the choice names
//! the room's session id, so the next session starts unshared), and only what the member's entry
//! needs — each commitment's text and whether it is done; dropped ones are not shared. Room state is
//! readable by the homeserver's admins, which the UI says before the user turns it on.

use crate::commitment::CommitmentStatus;
use crate::room::SharedCommitment;
use crate::store::{RoomLink, Store};
use crate::{Error, Result};

/// Turns sharing on or off for the session the room runs now. Without one, a `Conflict` that says
/// to wait for it.
pub fn share_commitments(store: &mut Store, on: bool) -> Result<()> {
    let link = store.room_link()?.ok_or_else(|| Error::conflict("error_room_share_not_in_room"))?;
    let Some(session_id) = link.session_id.clone() else {
        return Err(Error::conflict("error_room_share_no_session"));
    };
    let next = RoomLink { shared_for: on.then_some(session_id), ..link };
    store.set_room_link(Some(&next))
}

/// Whether the user shares their commitments with the room's current session.
pub fn is_sharing(link: &RoomLink) -> bool {
    link.session_id.is_some() && link.shared_for == link.session_id
}

/// What this member shares with the room now: `None` when sharing is off (or there is no session),
/// else the tied local session's commitments that were not dropped, in the order they were made.
pub fn shared_commitments(store: &mut Store) -> Result<Option<Vec<SharedCommitment>>> {
    let Some(link) = store.room_link()?.filter(is_sharing) else { return Ok(None) };
    let Some(local_id) = link.local_id else { return Ok(Some(Vec::new())) };
    let shared = store
        .session_commitments(local_id)?
        .into_iter()
        .filter(|c| c.status != CommitmentStatus::Dropped)
        .map(|c| SharedCommitment { text: c.text, done: c.status == CommitmentStatus::Done })
        .collect();
    Ok(Some(shared))
}
