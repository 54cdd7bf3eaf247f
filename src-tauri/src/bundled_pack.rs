//! A community's own installer: the pack baked in at build time (`STINT_BUNDLED_PACK`, see
//! docs/packs.md and build.rs) is imported on the first run, and again only when a later build
//! bakes in a newer version. A marker file remembers which version was imported, so a member who
//! removes the community does not get it back at every start.

use std::cmp::Ordering;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use stint_core::pack::{compare_versions, parse_pack};
use stint_core::store::{PackImport, Store};
use stint_core::Result;

// Defines `BUNDLED_PACK: Option<&[u8]>`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_pack.rs"));

/// The marker file in the data dir.
pub const MARKER_FILE: &str = "bundled-pack.json";

/// Which bundled pack version was imported last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Marker {
    community_id: String,
    version: String,
}

/// Imports the pack baked into this build, if any and if not imported before. Returns a message for
/// the start-up report when it fails (the app starts anyway).
pub fn import_on_start(store: &mut Store, data_dir: &Path, now: DateTime<Utc>) -> Option<String> {
    let bytes = BUNDLED_PACK?;
    match import_once(bytes, store, &data_dir.join(MARKER_FILE), now) {
        Ok(Some(import)) => {
            log::info!("bundled pack: {}", crate::packs::describe(&import));
            None
        }
        Ok(None) => None,
        Err(e) => Some(format!("The community pack built into this installer could not be imported: {e}")),
    }
}

/// Imports `bytes` unless the marker says this version (or a newer one) of the same community was
/// imported before; then records the version. `None` when nothing was done.
pub fn import_once(bytes: &[u8], store: &mut Store, marker: &Path, now: DateTime<Utc>) -> Result<Option<PackImport>> {
    let pack = parse_pack(bytes)?;
    let previous: Option<Marker> = std::fs::read(marker).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let imported_before = previous
        .is_some_and(|m| m.community_id == pack.id && compare_versions(&pack.version, &m.version) != Ordering::Greater);
    if imported_before {
        return Ok(None);
    }
    let import = store.import_pack(bytes, now)?;
    let kept = Marker { community_id: pack.id, version: pack.version };
    if let Err(e) = crate::files::write_json(marker, &kept) {
        log::warn!("cannot write {}: {e}", marker.display());
    }
    Ok(Some(import))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use stint_core::store::PackAction;

    use super::*;

    fn pack(version: &str) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../packs/turing-way-like.stint.json");
        let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        value["version"] = serde_json::json!(version);
        serde_json::to_vec(&value).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
    }

    #[test]
    fn the_bundled_pack_is_imported_once_and_again_only_when_newer() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db")).unwrap();
        let marker = dir.path().join(MARKER_FILE);

        let first = import_once(&pack("1.0.0"), &mut store, &marker, now()).unwrap().unwrap();
        assert_eq!(first.action, PackAction::Installed);
        assert!(import_once(&pack("1.0.0"), &mut store, &marker, now()).unwrap().is_none(), "second start");

        // The member removes the community: the same build does not bring it back.
        store.remove_community(&first.community_id).unwrap();
        assert!(import_once(&pack("1.0.0"), &mut store, &marker, now()).unwrap().is_none());
        assert!(store.communities().unwrap().is_empty());

        // A newer installer brings the newer version.
        let newer = import_once(&pack("1.1.0"), &mut store, &marker, now()).unwrap().unwrap();
        assert_eq!(newer.action, PackAction::Installed);
        assert_eq!(store.communities().unwrap()[0].version, "1.1.0");
        assert!(import_once(&pack("1.0.5"), &mut store, &marker, now()).unwrap().is_none(), "an older build");
    }

    #[test]
    fn a_broken_bundled_pack_is_an_error_that_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db")).unwrap();
        let marker = dir.path().join(MARKER_FILE);
        let e = import_once(b"{\"stint_pack\": 1}", &mut store, &marker, now()).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(store.communities().unwrap().is_empty());
        assert!(!marker.exists());
    }

    #[test]
    fn this_build_has_a_bundled_pack_only_when_one_was_named() {
        assert_eq!(BUNDLED_PACK.is_some(), option_env!("STINT_BUNDLED_PACK").is_some_and(|p| !p.is_empty()));
    }
}
