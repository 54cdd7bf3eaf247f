//! Installing what a user opened: the preview (`Store::preview_pack`) says what would change and
//! stores nothing; `Store::install_pack` does only what the user confirmed, only if nothing changed
//! underneath; a pack from another source is a conflict, and no version number locks anyone out.

use crate::calls_support::{call, local, sample_pack, utc};
use crate::common::{rows, temp_store, TestStore};
use serde_json::{json, Value};
use stint_core::calls::Recurrence;
use stint_core::pack::{CallChangeKind, CallField, PackChoice, PackPreview, PackRelation, PackSource};
use stint_core::store::{CallOrigin, PackAction};
use stint_core::Error;

const TURING: &str = "turing-way-like";

fn genuine() -> PackSource {
    PackSource::file("/home/ada/Downloads/turing-way-like.stint.json")
}

fn turing_json() -> Value {
    serde_json::from_slice(&sample_pack("turing-way-like.stint.json")).unwrap()
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

fn with_version(version: &str) -> Vec<u8> {
    let mut v = turing_json();
    v["version"] = json!(version);
    bytes(&v)
}

/// Previews and confirms the only or first choice offered.
fn install(t: &mut TestStore, pack: &[u8], source: &PackSource, choice: PackChoice) -> stint_core::store::PackImport {
    let seen = t.store.preview_pack(pack, source).unwrap();
    t.store.install_pack(pack, source, choice, &seen, utc(2025, 3, 1, 9, 0)).unwrap()
}

fn everything(t: &mut TestStore) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{}",
        t.store.communities().unwrap(),
        t.store.calls().unwrap(),
        t.store.list_formats(true).unwrap(),
        rows(&t.path, "calls")
    )
}

#[test]
fn a_new_pack_is_previewed_with_its_calls_and_join_links_and_nothing_is_stored_until_confirmed() {
    let mut t = temp_store();
    let pack = sample_pack("turing-way-like.stint.json");
    let before = everything(&mut t);

    let preview = t.store.preview_pack(&pack, &genuine()).unwrap();
    assert_eq!((preview.community_id.as_str(), preview.version.as_str()), (TURING, "1.0.0"));
    assert_eq!(preview.name, "Turing Way-like community");
    assert_eq!(preview.source, PackSource::File { name: "turing-way-like.stint.json".into() });
    assert_eq!(preview.relation, PackRelation::New);
    assert_eq!(preview.choices, [PackChoice::Install]);
    assert_eq!(preview.content_id.len(), 64);
    let links: Vec<_> = preview.calls.iter().map(|c| (c.id.as_str(), c.join_link.as_deref())).collect();
    assert_eq!(
        links,
        [
            ("collaboration-cafe", Some("https://meet.example.org/collaboration-cafe")),
            ("daily-coworking", Some("https://meet.example.org/daily-coworking"))
        ]
    );
    assert!(preview.changes.is_empty() && preview.installed.is_none() && preview.warning.is_none());
    assert_eq!(everything(&mut t), before, "a preview stores nothing");

    let import = t.store.install_pack(&pack, &genuine(), PackChoice::Install, &preview, utc(2025, 3, 1, 9, 0)).unwrap();
    assert_eq!(import.action, PackAction::Installed);
    let community = t.store.community(TURING).unwrap();
    assert_eq!(community.source, genuine());
    assert_eq!(community.content_id.as_deref(), Some(preview.content_id.as_str()));
}

#[test]
fn an_update_lists_added_removed_and_changed_calls_with_join_link_changes_first_and_marked() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);

    let mut v2 = turing_json();
    v2["version"] = json!("1.1.0");
    v2["calls"][1]["title"] = json!("Daily coworking hour");
    v2["calls"][1]["duration_minutes"] = json!(30);
    v2["calls"][0]["join_link"] = json!("https://evil.example.com/cafe");
    v2["calls"].as_array_mut().unwrap().push(json!({
        "id": "retreat", "title": "Writing retreat", "format_id": "pomodoro", "duration_minutes": 120,
        "first_start": "2025-04-05T10:00:00", "time_zone": "Europe/London", "recurrence": { "frequency": "once" }
    }));
    let v2 = bytes(&v2);
    let preview = t.store.preview_pack(&v2, &genuine()).unwrap();
    assert_eq!(preview.relation, PackRelation::Newer);
    assert_eq!(preview.choices, [PackChoice::Install]);
    assert_eq!(preview.installed.as_ref().unwrap().version, "1.0.0");
    let summary: Vec<_> =
        preview.changes.iter().map(|c| (c.kind, c.call_id.as_str(), c.join_link_changed, c.fields.clone())).collect();
    assert_eq!(
        summary,
        [
            (CallChangeKind::Changed, "collaboration-cafe", true, vec![]),
            (CallChangeKind::Changed, "daily-coworking", false, vec![CallField::Title, CallField::Schedule]),
            (CallChangeKind::Added, "retreat", false, vec![]),
        ],
        "the pack's own format ids and skip rules are not mistaken for changes"
    );
    let cafe = &preview.changes[0];
    assert_eq!(cafe.join_link_before.as_deref(), Some("https://meet.example.org/collaboration-cafe"));
    assert_eq!(cafe.join_link_after.as_deref(), Some("https://evil.example.com/cafe"));

    let import = t.store.install_pack(&v2, &genuine(), PackChoice::Install, &preview, utc(2025, 3, 2, 9, 0)).unwrap();
    assert_eq!(import.action, PackAction::Updated);
    let cafe = t.store.call("turing-way-like/collaboration-cafe").unwrap();
    assert_eq!(cafe.call.join_link.as_deref(), Some("https://evil.example.com/cafe"));

    let mut v3: Value = serde_json::from_slice(&v2).unwrap();
    v3["version"] = json!("1.2.0");
    v3["calls"].as_array_mut().unwrap().remove(2);
    let removed = t.store.preview_pack(&bytes(&v3), &genuine()).unwrap();
    assert_eq!(removed.changes.len(), 1);
    assert_eq!(
        (removed.changes[0].kind, removed.changes[0].title.as_str()),
        (CallChangeKind::Removed, "Writing retreat")
    );
}

#[test]
fn the_installed_pack_again_offers_nothing_and_confirming_anything_is_refused() {
    let mut t = temp_store();
    let pack = sample_pack("turing-way-like.stint.json");
    install(&mut t, &pack, &genuine(), PackChoice::Install);
    let again = t.store.preview_pack(&pack, &PackSource::link("/tmp/turing-way-like.stint.json")).unwrap();
    assert_eq!(again.relation, PackRelation::Same);
    assert!(again.choices.is_empty() && again.changes.is_empty());
    let before = everything(&mut t);
    let err = t.store.install_pack(&pack, &genuine(), PackChoice::Install, &again, utc(2025, 3, 2, 9, 0)).unwrap_err();
    assert_eq!(err.field(), Some("choice"));
    assert_eq!(everything(&mut t), before);
}

#[test]
fn a_pack_from_another_source_claiming_the_id_is_a_conflict_never_an_update() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    let mut evil = turing_json();
    evil["version"] = json!("999999.0.0");
    evil["calls"][0]["join_link"] = json!("https://evil.example.com/cafe");
    let evil = bytes(&evil);
    let source = PackSource::link("/tmp/free-stickers.stint.json");

    let preview = t.store.preview_pack(&evil, &source).unwrap();
    assert_eq!(preview.relation, PackRelation::OtherSource, "a bigger version from elsewhere is no update");
    assert_eq!(preview.choices, [PackChoice::Separate, PackChoice::Replace]);
    assert_eq!(preview.separate_id.as_deref(), Some("turing-way-like-2"));
    let warning = preview.warning.as_deref().unwrap();
    assert!(warning.contains("the file turing-way-like.stint.json"), "{warning}");
    assert!(warning.contains("free-stickers.stint.json"), "{warning}");
    assert!(preview.changes[0].join_link_changed);
    let before = everything(&mut t);
    let err = t.store.install_pack(&evil, &source, PackChoice::Install, &preview, utc(2025, 3, 2, 9, 0)).unwrap_err();
    assert_eq!(err.field(), Some("choice"), "installing over another source needs an explicit choice");
    assert_eq!(everything(&mut t), before);

    // Separate: a second community; the genuine one is untouched.
    let import = t.store.install_pack(&evil, &source, PackChoice::Separate, &preview, utc(2025, 3, 2, 9, 0)).unwrap();
    assert_eq!((import.action, import.community_id.as_str()), (PackAction::Installed, "turing-way-like-2"));
    let copy = t.store.call("turing-way-like-2/collaboration-cafe").unwrap();
    assert_eq!(copy.origin, CallOrigin::Community("turing-way-like-2".into()));
    assert_eq!(copy.call.community_id.as_deref(), Some("turing-way-like-2"));
    let genuine_cafe = t.store.call("turing-way-like/collaboration-cafe").unwrap();
    assert_eq!(genuine_cafe.call.join_link.as_deref(), Some("https://meet.example.org/collaboration-cafe"));
    assert_eq!(t.store.community(TURING).unwrap().version, "1.0.0");
}

#[test]
fn an_absurd_version_cannot_lock_out_the_genuine_pack() {
    // Replaced by the bogus pack after the warning…
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    let bogus = PackSource::file("turing-way-like (1).stint.json");
    let import = install(&mut t, &with_version("999999.0.0"), &bogus, PackChoice::Replace);
    assert_eq!(import.action, PackAction::Replaced);
    assert_eq!(t.store.community(TURING).unwrap().source, bogus);
    // …the genuine 1.1.0 is not "older": it comes from another source, and can replace it back.
    let back = t.store.preview_pack(&with_version("1.1.0"), &genuine()).unwrap();
    assert_eq!(back.relation, PackRelation::OtherSource);
    assert!(back.choices.contains(&PackChoice::Replace));
    install(&mut t, &with_version("1.1.0"), &genuine(), PackChoice::Replace);
    assert_eq!(t.store.community(TURING).unwrap().version, "1.1.0");

    // From the same source, an older version is offered as a replacement, with a warning.
    install(&mut t, &with_version("999999.0.0"), &genuine(), PackChoice::Install);
    let older = t.store.preview_pack(&with_version("1.2.0"), &genuine()).unwrap();
    assert_eq!((older.relation, older.choices.as_slice()), (PackRelation::Older, &[PackChoice::Replace][..]));
    assert!(older.warning.as_deref().unwrap().contains("older version 1.2.0"));
    assert_eq!(install(&mut t, &with_version("1.2.0"), &genuine(), PackChoice::Replace).action, PackAction::Replaced);
    assert_eq!(t.store.community(TURING).unwrap().version, "1.2.0");
}

#[test]
fn an_update_jumping_more_than_ten_major_versions_carries_a_warning() {
    let mut t = temp_store();
    install(&mut t, &with_version("1.4.0"), &genuine(), PackChoice::Install);
    let plausible = t.store.preview_pack(&with_version("11.0.0"), &genuine()).unwrap();
    assert_eq!((plausible.relation, plausible.warning.as_deref()), (PackRelation::Newer, None));
    let absurd = t.store.preview_pack(&with_version("12.0.0"), &genuine()).unwrap();
    assert_eq!(absurd.relation, PackRelation::Newer);
    assert!(absurd.warning.as_deref().unwrap().contains("more than 10 major versions"), "{:?}", absurd.warning);
}

#[test]
fn the_same_version_with_other_contents_is_only_replaced_on_request() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    let mut sneaky = turing_json();
    sneaky["calls"][1]["join_link"] = json!("https://evil.example.com/daily");
    let preview = t.store.preview_pack(&bytes(&sneaky), &genuine()).unwrap();
    assert_eq!((preview.relation, preview.choices.as_slice()), (PackRelation::Same, &[PackChoice::Replace][..]));
    assert!(preview.warning.as_deref().unwrap().contains("different contents"));
    assert_eq!(preview.changes[0].call_id, "daily-coworking");
}

#[test]
fn confirming_after_the_community_changed_underneath_is_refused_and_changes_nothing() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    let stale = t.store.preview_pack(&with_version("1.1.0"), &genuine()).unwrap();
    install(&mut t, &with_version("1.2.0"), &genuine(), PackChoice::Install);
    let before = everything(&mut t);
    let err = t
        .store
        .install_pack(&with_version("1.1.0"), &genuine(), PackChoice::Install, &stale, utc(2025, 3, 3, 9, 0))
        .unwrap_err();
    assert!(matches!(&err, Error::Conflict(_)) && err.to_string().contains("Open the pack again"), "{err:?}");

    assert_eq!(everything(&mut t), before);

    // Bytes other than the previewed pack's are refused the same way.
    let fresh = t.store.preview_pack(&with_version("1.3.0"), &genuine()).unwrap();
    let err = t
        .store
        .install_pack(&with_version("1.4.0"), &genuine(), PackChoice::Install, &fresh, utc(2025, 3, 3, 9, 0))
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)));
    assert_eq!(everything(&mut t), before);
}

#[test]
fn a_community_installed_before_sources_were_recorded_is_a_conflict_resolved_once() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    // What migration 7 leaves for a community installed by an earlier Stint.
    let db = rusqlite::Connection::open(&t.path).unwrap();
    db.execute("UPDATE communities SET source = '{\"kind\":\"unknown\"}', content_id = NULL", []).unwrap();
    drop(db);
    let preview = t.store.preview_pack(&with_version("1.1.0"), &genuine()).unwrap();
    assert_eq!(preview.relation, PackRelation::OtherSource);
    assert!(preview.warning.as_deref().unwrap().contains("did not record"), "{:?}", preview.warning);
    install(&mut t, &with_version("1.1.0"), &genuine(), PackChoice::Replace);
    let next = t.store.preview_pack(&with_version("1.2.0"), &genuine()).unwrap();
    assert_eq!(next.relation, PackRelation::Newer);
}

#[test]
fn a_separate_id_is_found_even_when_the_first_ones_are_taken() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    let other = PackSource::file("other.stint.json");
    install(&mut t, &with_version("2.0.0"), &other, PackChoice::Separate);
    let third = t.store.preview_pack(&with_version("3.0.0"), &PackSource::file("third.stint.json")).unwrap();
    assert_eq!(third.separate_id.as_deref(), Some("turing-way-like-3"));
    // A personal call naming the community is not counted as one of its calls.
    let mut own = call("mine", chrono_tz::Europe::London, local(2025, 3, 3, 9, 0), Recurrence::once());
    own.community_id = Some(TURING.into());
    t.store.create_call(own, utc(2025, 3, 1, 9, 0)).unwrap();
    let update = t.store.preview_pack(&with_version("1.1.0"), &genuine()).unwrap();
    assert!(update.changes.is_empty(), "{:?}", update.changes);
}

#[test]
fn migration_6_marks_the_installers_community_bundled_and_the_others_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        stint_core::store::migrations::migrations().to_version(&mut conn, 5).unwrap();
        for id in ["from-installer", "from-a-file"] {
            conn.execute(
                "INSERT INTO communities (id, name, version, links, imported_at, updated_at)
                 VALUES (?1, ?1, '1.0.0', '{}', 0, 0)",
                [id],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO app_state (key, value) VALUES ('bundled_pack', '{\"community_id\":\"from-installer\",\"version\":\"1.0.0\"}')",
            [],
        )
        .unwrap();
    }
    let (mut store, _) = stint_core::store::Store::open(&path, utc(2025, 3, 1, 9, 0)).unwrap();
    let sources: Vec<_> = store.communities().unwrap().into_iter().map(|c| (c.id, c.source, c.content_id)).collect();
    assert_eq!(
        sources,
        [
            ("from-a-file".to_string(), PackSource::Unknown, None),
            ("from-installer".to_string(), PackSource::Bundled, None),
        ]
    );
}

type RoomChange<'a> = (CallChangeKind, &'a str, bool, Option<&'a str>, Option<&'a str>);

/// Each change's kind, call, and whether and how its live room changes.
fn room_changes(preview: &PackPreview) -> Vec<RoomChange<'_>> {
    preview
        .changes
        .iter()
        .map(|c| (c.kind, c.call_id.as_str(), c.room_changed, c.room_before.as_deref(), c.room_after.as_deref()))
        .collect()
}

#[test]
fn a_live_room_that_is_added_removed_or_moved_is_a_change_listed_with_join_link_changes_and_an_unchanged_one_is_not() {
    let mut t = temp_store();
    let mut v1 = turing_json();
    v1["calls"][0]["room"] = json!("#cafe:example.org");
    v1["calls"][1]["room"] = json!("#daily:example.org");
    install(&mut t, &bytes(&v1), &genuine(), PackChoice::Install);

    let mut v2 = v1.clone();
    v2["version"] = json!("1.1.0");
    v2["calls"][0]["room"] = json!("#elsewhere:example.org");
    v2["calls"].as_array_mut().unwrap().push(json!({
        "id": "retreat", "title": "Writing retreat", "format_id": "pomodoro", "duration_minutes": 120,
        "first_start": "2025-04-05T10:00:00", "time_zone": "Europe/London", "recurrence": { "frequency": "once" },
        "room": "!retreat:example.org"
    }));
    let unchanged = t.store.preview_pack(&bytes(&v2), &genuine()).unwrap();
    let summary = room_changes(&unchanged);
    assert_eq!(
        summary,
        [
            (
                CallChangeKind::Changed,
                "collaboration-cafe",
                true,
                Some("#cafe:example.org"),
                Some("#elsewhere:example.org")
            ),
            (CallChangeKind::Added, "retreat", true, None, Some("!retreat:example.org")),
        ],
        "the daily call keeps its room and is not listed; a moved room is a change on its own"
    );
    assert_eq!(unchanged.rooms.get("retreat").map(String::as_str), Some("!retreat:example.org"), "a new call's room");
    assert_eq!(unchanged.rooms.len(), 3);

    // A room taken away, and a call removed with its room: both listed before a plain title change.
    let mut v3 = v1.clone();
    v3["version"] = json!("1.2.0");
    v3["calls"][1]["title"] = json!("Daily coworking hour");
    v3["calls"][1].as_object_mut().unwrap().remove("room");
    v3["calls"][1].as_object_mut().unwrap().remove("skip_on_days_of");
    v3["calls"].as_array_mut().unwrap().remove(0);
    let removed = t.store.preview_pack(&bytes(&v3), &genuine()).unwrap();
    let summary = room_changes(&removed);
    assert_eq!(
        summary,
        [
            (CallChangeKind::Changed, "daily-coworking", true, Some("#daily:example.org"), None),
            (CallChangeKind::Removed, "collaboration-cafe", true, Some("#cafe:example.org"), None),
        ]
    );
    assert!(removed.rooms.is_empty());

    // Only the title changes: no room change, listed after a join-link change.
    let mut v4 = v1.clone();
    v4["version"] = json!("1.3.0");
    v4["calls"][0]["title"] = json!("Collaboration café");
    v4["calls"][1]["join_link"] = json!("https://meet.example.org/daily-2");
    let plain = t.store.preview_pack(&bytes(&v4), &genuine()).unwrap();
    let summary: Vec<_> =
        plain.changes.iter().map(|c| (c.call_id.as_str(), c.join_link_changed, c.room_changed)).collect();
    assert_eq!(summary, [("daily-coworking", true, false), ("collaboration-cafe", false, false)]);
}

#[test]
fn a_room_the_user_tied_to_a_pack_call_shows_as_replaced_by_the_packs() {
    let mut t = temp_store();
    install(&mut t, &sample_pack("turing-way-like.stint.json"), &genuine(), PackChoice::Install);
    t.store.set_call_room("turing-way-like/daily-coworking", Some("#mine:example.org")).unwrap();

    let mut v2 = turing_json();
    v2["version"] = json!("1.1.0");
    let preview = t.store.preview_pack(&bytes(&v2), &genuine()).unwrap();
    let summary: Vec<_> = preview
        .changes
        .iter()
        .map(|c| (c.call_id.as_str(), c.room_before.as_deref(), c.room_after.as_deref()))
        .collect();
    assert_eq!(summary, [("daily-coworking", Some("#mine:example.org"), None)], "installing unties it, so it says so");
}
