//! A community's own installer: the pack baked in at build time (`STINT_BUNDLED_PACK`, see
//! docs/packs.md and build.rs) is imported on the first run, and again only when a later build
//! bakes in a newer version (`Store::import_bundled_pack` decides, and remembers the version in the
//! database).

use chrono::{DateTime, Utc};
use stint_core::i18n::Msg;
use stint_core::store::Store;

// Defines `BUNDLED_PACK: Option<&[u8]>`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_pack.rs"));

/// Imports the pack baked into this build, if any and if not imported before. Returns a message for
/// the start-up report when it fails (the app starts anyway).
pub fn import_on_start(store: &mut Store, now: DateTime<Utc>) -> Option<String> {
    import(store, BUNDLED_PACK?, now).map(|words| words.render_in(crate::ipc::error::speech()))
}

/// Imports `bytes` as the bundled pack; what to tell the user when that fails.
fn import(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Option<Msg> {
    match store.import_bundled_pack(bytes, now) {
        Ok(Some(import)) => {
            log::info!("bundled pack: {}", super::packs::describe(&import));
            None
        }
        Ok(None) => None,
        Err(e) => Some(Msg::new("error_notice_bundled_pack").said("problem", e.words())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_build_has_a_bundled_pack_only_when_one_was_named() {
        assert_eq!(BUNDLED_PACK.is_some(), option_env!("STINT_BUNDLED_PACK").is_some_and(|p| !p.is_empty()));
    }

    #[test]
    fn a_bundled_pack_that_cannot_be_installed_is_said_in_the_users_language() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db"), Utc::now()).unwrap();
        let words = import(&mut store, b"{ not a pack", Utc::now()).expect("a broken pack is reported");
        let english = words.render(stint_core::i18n::Lang::En);
        assert!(
            english.starts_with("The community pack built into this installer could not be installed. "),
            "{english}"
        );
        assert!(english.ends_with("Ask your community for its pack file and open it in Stint."), "{english}");
        let german = words.render(stint_core::i18n::Lang::De);
        assert!(german.starts_with("Das Community-Paket, das in diesem Installationsprogramm steckt,"), "{german}");
        assert!(!german.contains("pack file"), "the pack's own problem is German too: {german}");
    }
}
