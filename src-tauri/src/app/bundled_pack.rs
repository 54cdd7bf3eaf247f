//! A community's own installer: the pack baked in at build time (`STINT_BUNDLED_PACK`, see
//! docs/packs.md and build.rs) is imported on the first run, and again only when a later build
//! bakes in a newer version (`Store::import_bundled_pack` decides, and remembers the version in the
//! database).

use chrono::{DateTime, Utc};
use stint_core::store::Store;

// Defines `BUNDLED_PACK: Option<&[u8]>`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_pack.rs"));

/// Imports the pack baked into this build, if any and if not imported before. Returns a message for
/// the start-up report when it fails (the app starts anyway).
pub fn import_on_start(store: &mut Store, now: DateTime<Utc>) -> Option<String> {
    let bytes = BUNDLED_PACK?;
    match store.import_bundled_pack(bytes, now) {
        Ok(Some(import)) => {
            log::info!("bundled pack: {}", super::packs::describe(&import));
            None
        }
        Ok(None) => None,
        Err(e) => Some(format!("The community pack built into this installer could not be imported: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_build_has_a_bundled_pack_only_when_one_was_named() {
        assert_eq!(BUNDLED_PACK.is_some(), option_env!("STINT_BUNDLED_PACK").is_some_and(|p| !p.is_empty()));
    }
}
