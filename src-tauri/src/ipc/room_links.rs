//! A `stint://room?address=…` link is outside input: it may name a room the user never meant to
//! enter. So a link joins nothing by itself. `app::room` checks it and holds its room here, the UI
//! is told (`room-link-pending`), asks for it (also after a cold start through the link), and shows
//! which room, on which server, through which account; only the user's Follow joins it
//! (`room_join`, which checks the address again). Another link replaces the one waiting.

use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime, State};

use super::events::{self, ROOM_LINK_PENDING};

/// The room a link named, waiting for the user's answer.
#[derive(Default)]
pub struct PendingRoomLink(Mutex<Option<String>>);

impl PendingRoomLink {
    /// Holds `address` (already checked) in place of any room waiting.
    pub fn hold(&self, address: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(address);
    }

    pub fn waiting(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Lets the waiting room go, if it is still `address` (a newer link stays).
    pub fn forget(&self, address: &str) {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.as_deref() == Some(address) {
            *held = None;
        }
    }
}

/// Holds a checked room address for the user's confirmation and tells the UI.
pub fn hold<R: Runtime>(app: &AppHandle<R>, address: String) {
    if let Some(pending) = app.try_state::<PendingRoomLink>() {
        pending.hold(address);
        events::emit(app, ROOM_LINK_PENDING, ());
    }
}

/// The room a link named that waits for the user's answer, if any.
#[tauri::command(async)]
pub fn pending_room_link(pending: State<'_, PendingRoomLink>) -> Option<String> {
    pending.waiting()
}

/// The user answered (followed through `room_join`, or cancelled): the link's room no longer waits.
#[tauri::command(async)]
pub fn forget_room_link(pending: State<'_, PendingRoomLink>, address: String) {
    pending.forget(&address);
}

#[cfg(test)]
mod tests {
    use super::PendingRoomLink;

    #[test]
    fn a_room_waits_until_answered_and_a_newer_link_replaces_it() {
        let pending = PendingRoomLink::default();
        assert_eq!(pending.waiting(), None);
        pending.hold("#cafe:example.org".into());
        pending.hold("#other:example.org".into());
        assert_eq!(pending.waiting().as_deref(), Some("#other:example.org"));
        pending.forget("#cafe:example.org");
        assert_eq!(pending.waiting().as_deref(), Some("#other:example.org"), "an answer to an older link");
        pending.forget("#other:example.org");
        assert_eq!(pending.waiting(), None);
    }
}
