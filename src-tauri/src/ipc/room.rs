//! Commands of the live room: the Matrix account (sign in with a password, sign out), hosting the
//! running session in a room, following a room's host, leaving. Each hands the request to the room
//! service's thread (`room::service`) and waits for its answer, a sentence when something failed.

use stint_core::i18n::Msg;
use stint_core::Error;
use tauri::State;

use super::error::{speech, CommandError, CommandResult};
use crate::room::service::{RoomHandle, RoomStatus};

#[tauri::command(async)]
pub fn room_status(room: State<'_, RoomHandle>) -> RoomStatus {
    room.status(speech())
}

#[tauri::command]
pub async fn room_sign_in(
    room: State<'_, RoomHandle>,
    homeserver: String,
    user: String,
    password: String,
) -> CommandResult<RoomStatus> {
    if homeserver.trim().is_empty() {
        return Err(Error::told("homeserver", Msg::new("error_room_no_homeserver")).into());
    }
    if user.trim().is_empty() {
        return Err(Error::told("user", Msg::new("error_room_no_user")).into());
    }
    room.sign_in(homeserver, user, password).await.map_err(refused)?;
    Ok(room.status(speech()))
}

#[tauri::command]
pub async fn room_sign_out(room: State<'_, RoomHandle>) -> CommandResult<RoomStatus> {
    room.sign_out().await.map_err(refused)?;
    Ok(room.status(speech()))
}

/// Hosts the running session in `room` (an alias such as `#cafe:example.org`, or a room id).
#[tauri::command]
pub async fn room_go_live(room: State<'_, RoomHandle>, address: String) -> CommandResult<RoomStatus> {
    let address = checked_address(address).map_err(CommandError::from)?;
    room.go_live(address).await.map_err(refused)?;
    Ok(room.status(speech()))
}

/// Follows the host of `room`'s live session.
#[tauri::command]
pub async fn room_join(room: State<'_, RoomHandle>, address: String) -> CommandResult<RoomStatus> {
    let address = checked_address(address).map_err(CommandError::from)?;
    room.join(address).await.map_err(refused)?;
    Ok(room.status(speech()))
}

/// Leaves the room; a followed session goes on as the user's own, a hosted one stays live locally.
#[tauri::command]
pub async fn room_leave(room: State<'_, RoomHandle>) -> CommandResult<RoomStatus> {
    room.leave().await.map_err(refused)?;
    Ok(room.status(speech()))
}

/// Shares this user's commitments (and whether each is done) with the room's current session, or
/// stops sharing them. The UI says first that the homeserver's admins can read what is shared.
#[tauri::command]
pub async fn room_share(room: State<'_, RoomHandle>, on: bool) -> CommandResult<RoomStatus> {
    room.share(on).await.map_err(refused)?;
    Ok(room.status(speech()))
}

/// A room address as the user gave it, trimmed: an alias (`#cafe:example.org`) or a room id
/// (`!abc:example.org`), at most 255 bytes; anything else is `InvalidInput` naming `address`.
pub fn checked_address(address: String) -> stint_core::Result<String> {
    stint_core::room::room_address(&address).ok_or_else(|| Error::told("address", Msg::new("error_room_address")))
}

/// The live room service's refusal, said in the language in effect like any command's error.
fn refused(words: Msg) -> CommandError {
    Error::Conflict(words).into()
}
