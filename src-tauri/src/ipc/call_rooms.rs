//! Commands that tie calls to live rooms, and what happens when a tied call starts: the room service
//! enters the call's room, hosting it when the room's power levels allow the user and following its
//! host otherwise (`live::call_room_role`), so nobody types the room's address.

use stint_core::live::Changes;
use stint_core::store::CallRoom;
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::CommandResult;
use super::events;
use super::publish::perform;
use crate::room::service::RoomHandle;
use crate::state::AppState;

/// Every call's live room.
#[tauri::command(async)]
pub fn list_call_rooms(state: State<'_, AppState>) -> CommandResult<Vec<CallRoom>> {
    Ok(state.store.lock().call_rooms()?)
}

/// Ties call `call_id` to `room` (an alias or a room id), or unties it (`room` empty or absent).
#[tauri::command(async)]
pub fn set_call_room<R: Runtime>(
    app: AppHandle<R>,
    call_id: String,
    room: Option<String>,
) -> CommandResult<Option<CallRoom>> {
    let room = room.filter(|r| !r.trim().is_empty());
    Ok(perform(&app, |_| Changes::CALLS, |store, _| store.set_call_room(&call_id, room.as_deref()))?)
}

/// After call `call_id` started here (from the Calls view or its reminder): when it is tied to a
/// room, the room service enters it in the background; what went wrong is told as a notice (the
/// call's session runs either way).
pub fn enter_room_of<R: Runtime>(app: &AppHandle<R>, call_id: &str) {
    let Some(state) = app.try_state::<AppState>() else { return };
    let room = match state.store.lock().call_room(call_id) {
        Ok(Some(room)) => room,
        Ok(None) => return,
        Err(e) => return log::warn!("cannot read the room of call {call_id}: {e}"),
    };
    let Some(service) = app.try_state::<RoomHandle>().map(|r| r.inner().clone()) else { return };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(problem) = service.enter_call(room.clone()).await {
            let words =
                stint_core::i18n::Msg::new("error_notice_call_room").text("room", room).said("problem", problem);
            events::notice(&app, words.render_in(super::error::speech()), true);
        }
    });
}
