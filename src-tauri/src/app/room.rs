//! Starts the live room's service (`room::service`) and carries its news: core's changes go through
//! `ipc::publish` like every other writer's, its status to every window as `room-status`. Also the
//! `stint://room?address=…` link, which follows that room's host.

use stint_core::live::Changes;
use tauri::{AppHandle, Manager, Runtime};

use stint_core::i18n::Msg;
use stint_core::{Error, Result};
use url::Url;

use crate::ipc::error::spoken;
use crate::ipc::events::{self, emit, ROOM_STATUS};

use crate::ipc::publish::publish;
use crate::room::service::{self, RoomHandle, RoomSink, RoomStatus};
use crate::room::vault::TokenVault;
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

struct AppSink<R: Runtime>(AppHandle<R>);

impl<R: Runtime> RoomSink for AppSink<R> {
    fn changed(&self, changes: Changes) {
        publish(&self.0, changes);
    }

    fn status(&self, status: &RoomStatus) {
        emit(&self.0, ROOM_STATUS, status.clone());
    }
}

/// Starts the room thread and lets the commands and the runner's effects reach it.
pub fn start<R: Runtime>(app: &AppHandle<R>, store: SharedStore, clock: ShiftedClock) {
    match service::spawn(store, vault(), Box::new(AppSink(app.clone())), clock) {
        Ok(handle) => {
            app.manage(handle);
            app.manage(crate::room::browser_login::PendingSignIn::default());
        }
        Err(e) => log::error!("Stint could not start the live room service: {e}"),
    }
}

#[cfg(target_os = "linux")]
fn vault() -> Box<dyn TokenVault> {
    Box::new(crate::room::secret_service::SecretServiceVault::default())
}

#[cfg(not(target_os = "linux"))]
fn vault() -> Box<dyn TokenVault> {
    Box::new(crate::room::vault::MemoryVault::default())
}

/// `stint://room?address=<alias or id>` (percent-encoded): follows that room's host.
pub fn on_room_link<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    let address = match room_address_of_link(url) {
        Ok(address) => address,
        Err(e) => {
            let words = Msg::new("error_notice_room_link").said("problem", e.words());
            return events::notice(app, words.render(spoken()), true);
        }
    };
    let Some(room) = app.try_state::<RoomHandle>().map(|r| r.inner().clone()) else { return };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        match room.join(address.clone()).await {
            Ok(()) => {
                let words = Msg::new("notify_following_room").text("room", address.as_str());
                events::notice(&app, words.render(spoken()), false)
            }
            Err(message) => events::notice(&app, message, true),
        }
    });
}

/// The room a `stint://room?address=…` link names: exactly one address, an alias or a room id.
pub fn room_address_of_link(url: &Url) -> Result<String> {
    let addresses: Vec<String> =
        url.query_pairs().filter(|(k, _)| k == "address").map(|(_, v)| v.into_owned()).collect();
    let [address] = addresses.as_slice() else {
        return Err(Error::told("address", Msg::new("error_link_room_count")));
    };
    crate::ipc::room::checked_address(address.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_link_names_one_alias_or_room_id() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            room_address_of_link(&url("stint://room?address=%23cafe%3Aexample.org")).unwrap(),
            "#cafe:example.org"
        );
        assert_eq!(room_address_of_link(&url("stint://room?address=!abc:example.org")).unwrap(), "!abc:example.org");
        for bad in ["stint://room", "stint://room?address=cafe", "stint://room?address=%23a:b&address=%23c:d"] {
            assert!(matches!(room_address_of_link(&url(bad)), Err(Error::InvalidInput { .. })), "{bad}");
        }
    }
}
