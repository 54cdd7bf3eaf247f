//! A community's own installer: the pack baked in at build time (`STINT_BUNDLED_PACK`, see
//! docs/packs.md and build.rs) is imported on the first run, and again only when a later build
//! bakes in a newer version (`Store::import_bundled_pack` decides, and remembers the version in the
//! database).

use std::path::Path;

use chrono::{DateTime, Utc};
use stint_core::store::{BundledPackMark, Store};

// Defines `BUNDLED_PACK: Option<&[u8]>`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_pack.rs"));

/// The marker file an older Stint kept in the data dir; carried over into the database once.
const OLD_MARKER_FILE: &str = "bundled-pack.json";

/// Imports the pack baked into this build, if any and if not imported before. Returns a message for
/// the start-up report when it fails (the app starts anyway).
pub fn import_on_start(store: &mut Store, data_dir: &Path, now: DateTime<Utc>) -> Option<String> {
    carry_over_marker(store, data_dir);
    let bytes = BUNDLED_PACK?;
    match store.import_bundled_pack(bytes, now) {
        Ok(Some(import)) => {
            log::info!("bundled pack: {}", crate::packs::describe(&import));
            None
        }
        Ok(None) => None,
        Err(e) => Some(format!("The community pack built into this installer could not be imported: {e}")),
    }
}

/// Moves an older Stint's `bundled-pack.json` into the database, then removes the file.
fn carry_over_marker(store: &mut Store, data_dir: &Path) {
    let file = data_dir.join(OLD_MARKER_FILE);
    let Ok(bytes) = std::fs::read(&file) else { return };
    if let Ok(mark) = serde_json::from_slice::<BundledPackMark>(&bytes) {
        if let Err(e) = store.set_bundled_pack_mark(&mark) {
            log::warn!("cannot carry over {}: {e}", file.display());
            return;
        }
    }
    if let Err(e) = std::fs::remove_file(&file) {
        log::warn!("cannot remove {}: {e}", file.display());
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn an_older_marker_file_is_carried_into_the_database_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db")).unwrap();
        let file = dir.path().join(OLD_MARKER_FILE);
        std::fs::write(&file, r#"{"community_id": "turing-way-like", "version": "1.2.0"}"#).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
        assert_eq!(import_on_start(&mut store, dir.path(), now), None);
        assert!(!file.exists());
        let mark = store.bundled_pack_mark().unwrap().unwrap();
        assert_eq!((mark.community_id.as_str(), mark.version.as_str()), ("turing-way-like", "1.2.0"));
    }

    #[test]
    fn this_build_has_a_bundled_pack_only_when_one_was_named() {
        assert_eq!(BUNDLED_PACK.is_some(), option_env!("STINT_BUNDLED_PACK").is_some_and(|p| !p.is_empty()));
    }
}
