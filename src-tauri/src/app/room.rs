//! Starts the live room's service (`room::service`) and carries its news: core's changes go through
//! `ipc::publish` like every other writer's, its status to every window as `room-status`. Also the
//! `stint://room?address=…` link, checked as outside input and held for the user's answer.

use stint_core::live::Changes;
use tauri::{AppHandle, Manager, Runtime};

use stint_core::i18n::{tr, Lang};
use stint_core::room::room_address;
use url::Url;

use crate::ipc::error::{speech, spoken};
use crate::ipc::events::{self, emit, ROOM_STATUS};

use crate::ipc::publish::publish;
use crate::ipc::room_links;
use crate::room::service::{self, RoomSink, RoomStatus};
use crate::room::vault::TokenVault;
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

struct AppSink<R: Runtime>(AppHandle<R>);

impl<R: Runtime> RoomSink for AppSink<R> {
    fn changed(&self, changes: Changes) {
        publish(&self.0, changes);
    }

    fn status(&self, status: &RoomStatus) {
        emit(&self.0, ROOM_STATUS, status.clone().said(speech()));
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

/// The longest `stint://room` link Stint reads: an address is at most 255 bytes, percent-encoded
/// three times that, so anything longer is not a room link and is refused before it is parsed further.
pub const MAX_ROOM_LINK_BYTES: usize = 1024;

/// Why a `stint://room` link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomLinkRefusal {
    TooLong,
    /// No `address`, or more than one.
    NotOneRoom,
    /// The address is not an alias or a room id.
    NotAnAddress,
}

impl RoomLinkRefusal {
    /// The sentence the user reads.
    pub fn say(self, lang: Lang) -> String {
        let key = match self {
            RoomLinkRefusal::TooLong => "room_link_too_long",
            RoomLinkRefusal::NotOneRoom => "room_link_not_one_room",
            RoomLinkRefusal::NotAnAddress => "room_link_not_an_address",
        };
        tr(lang, key, &[])
    }
}

/// `stint://room?address=<alias or id>` (percent-encoded): joins nothing by itself. The room is held
/// for the user's answer (`ipc::room_links`), which names the room, its server and the account;
/// a refused link is said in a sentence.
pub fn on_room_link<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    match room_address_of_link(url) {
        Ok(address) => room_links::hold(app, address),
        Err(refusal) => events::notice(app, refusal.say(spoken()), true),
    }
}

/// The room a `stint://room?address=…` link names: exactly one address, an alias or a room id, in a
/// link of at most `MAX_ROOM_LINK_BYTES`. Other parameters are not read.
pub fn room_address_of_link(url: &Url) -> std::result::Result<String, RoomLinkRefusal> {
    if url.as_str().len() > MAX_ROOM_LINK_BYTES {
        return Err(RoomLinkRefusal::TooLong);
    }
    let addresses: Vec<String> =
        url.query_pairs().filter(|(k, _)| k == "address").map(|(_, v)| v.into_owned()).collect();
    let [address] = addresses.as_slice() else {
        return Err(RoomLinkRefusal::NotOneRoom);
    };
    room_address(address).ok_or(RoomLinkRefusal::NotAnAddress)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn a_room_link_names_one_alias_or_room_id() {
        assert_eq!(
            room_address_of_link(&url("stint://room?address=%23cafe%3Aexample.org")).unwrap(),
            "#cafe:example.org"
        );
        assert_eq!(room_address_of_link(&url("stint://room?address=!abc:example.org")).unwrap(), "!abc:example.org");
        for (bad, why) in [
            ("stint://room", RoomLinkRefusal::NotOneRoom),
            ("stint://room?room=%23cafe:example.org", RoomLinkRefusal::NotOneRoom),
            ("stint://room?address=%23a:b&address=%23c:d", RoomLinkRefusal::NotOneRoom),
            ("stint://room?address=cafe", RoomLinkRefusal::NotAnAddress),
            ("stint://room?address=%40ada:example.org", RoomLinkRefusal::NotAnAddress),
            ("stint://room?address=%23cafe", RoomLinkRefusal::NotAnAddress),
            ("stint://room?address=%23ca%20fe:example.org", RoomLinkRefusal::NotAnAddress),
            ("stint://room?address=%23cafe:example.org%0A%23evil:example.com", RoomLinkRefusal::NotAnAddress),
            ("stint://room?address=%23cafe%00:example.org", RoomLinkRefusal::NotAnAddress),
        ] {
            assert_eq!(room_address_of_link(&url(bad)), Err(why), "{bad}");
        }
    }

    #[test]
    fn a_link_longer_than_any_room_address_is_refused_before_it_is_read() {
        let longest = format!("#{}:example.org", "a".repeat(255 - "#:example.org".len()));
        assert_eq!(room_address_of_link(&url(&format!("stint://room?address=%23{}", &longest[1..]))).unwrap(), longest);
        let too_long_address = format!("stint://room?address=%23{}:example.org", "a".repeat(250));
        assert_eq!(room_address_of_link(&url(&too_long_address)), Err(RoomLinkRefusal::NotAnAddress));
        let padded = format!("stint://room?address=%23cafe:example.org&pad={}", "x".repeat(MAX_ROOM_LINK_BYTES));
        assert_eq!(room_address_of_link(&url(&padded)), Err(RoomLinkRefusal::TooLong));
    }

    #[test]
    fn other_parameters_do_nothing() {
        let plain = room_address_of_link(&url("stint://room?address=%23cafe:example.org")).unwrap();
        for noisy in [
            "stint://room?address=%23cafe:example.org&homeserver=https://evil.example.com&host=1&join=now",
            "stint://room/evil?server=evil.example.com&address=%23cafe:example.org#%23other:example.com",
        ] {
            assert_eq!(room_address_of_link(&url(noisy)).unwrap(), plain, "{noisy}");
        }
    }

    #[test]
    fn every_refusal_is_a_sentence_in_every_language() {
        for lang in Lang::ALL {
            for refusal in [RoomLinkRefusal::TooLong, RoomLinkRefusal::NotOneRoom, RoomLinkRefusal::NotAnAddress] {
                let said = refusal.say(lang);
                assert!(said.ends_with('.') && !said.starts_with("room_link"), "{lang:?} {refusal:?}: {said}");
            }
        }
    }
}
