//! The pack baked into a community's installer: imported once, and again only when newer.

use chrono::{DateTime, TimeZone, Utc};
use stint_core::pack::PackSource;
use stint_core::store::{BundledPackMark, PackAction};

use crate::common::{rows, temp_store};

fn pack(version: &str) -> Vec<u8> {
    let mut value: serde_json::Value =
        serde_json::from_slice(&crate::calls_support::sample_pack("turing-way-like.stint.json")).unwrap();
    value["version"] = serde_json::json!(version);
    serde_json::to_vec(&value).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
}

#[test]
fn the_bundled_pack_is_imported_once_and_again_only_when_newer() {
    let mut t = temp_store();
    let store = &mut t.store;

    let first = store.import_bundled_pack(&pack("1.0.0"), now()).unwrap().unwrap();
    assert_eq!(first.action, PackAction::Installed);
    assert!(store.import_bundled_pack(&pack("1.0.0"), now()).unwrap().is_none(), "second start");

    // The member removes the community: the same build does not bring it back.
    store.remove_community(&first.community_id).unwrap();
    assert!(store.import_bundled_pack(&pack("1.0.0"), now()).unwrap().is_none());
    assert!(store.communities().unwrap().is_empty());

    // A newer installer brings the newer version.
    let newer = store.import_bundled_pack(&pack("1.1.0"), now()).unwrap().unwrap();
    assert_eq!(newer.action, PackAction::Installed);
    assert_eq!(store.communities().unwrap()[0].version, "1.1.0");
    assert!(store.import_bundled_pack(&pack("1.0.5"), now()).unwrap().is_none(), "an older build");
    let mark = store.bundled_pack_mark().unwrap().unwrap();
    assert_eq!(mark, BundledPackMark { community_id: first.community_id, version: "1.1.0".into() });
}

#[test]
fn a_broken_bundled_pack_is_an_error_that_stores_nothing() {
    let mut t = temp_store();
    let e = t.store.import_bundled_pack(b"{\"stint_pack\": 1}", now()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(t.store.communities().unwrap().is_empty());
    assert_eq!(t.store.bundled_pack_mark().unwrap(), None);
    assert_eq!(rows(&t.path, "app_state"), 0);
}

#[test]
fn a_mark_carried_over_from_an_older_stint_is_honoured() {
    let mut t = temp_store();
    let community_id =
        t.store.import_pack(&pack("1.0.0"), &PackSource::file("test.stint.json"), now()).unwrap().community_id;
    t.store.remove_community(&community_id).unwrap();
    t.store.set_bundled_pack_mark(&BundledPackMark { community_id, version: "1.0.0".into() }).unwrap();
    assert!(t.store.import_bundled_pack(&pack("1.0.0"), now()).unwrap().is_none());
}

#[test]
fn the_last_announced_reminder_is_kept_in_the_database() {
    let mut t = temp_store();
    assert_eq!(t.store.last_announced_reminder().unwrap(), None);
    t.store.set_last_announced_reminder(now()).unwrap();
    t.store.set_last_announced_reminder(now() + chrono::Duration::minutes(5)).unwrap();
    let path = t.path.clone();
    drop(t.store);
    let (mut reopened, _) = stint_core::store::Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(reopened.last_announced_reminder().unwrap(), Some(now() + chrono::Duration::minutes(5)));
}
