//! Community packs in the store: install, update, refuse, remove — history always kept — and two
//! independent stores with the same pack agreeing on the phase of a call.

use crate::calls_support::{sample_pack, utc};
use crate::common::{rows, temp_store, TestStore};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use stint_core::format::FormatOrigin;
use stint_core::pack::PackSource;
use stint_core::pack::{parse_pack, LogoType};
use stint_core::store::{CallOrigin, PackAction, Store};
use stint_core::timeline::{state_at, Event, EventKind};
use stint_core::{Error, Thing};

const TURING: &str = "turing-way-like";
const CAFE: &str = "turing-way-like/collaboration-cafe";
const DAILY: &str = "turing-way-like/daily-coworking";

fn turing() -> Vec<u8> {
    sample_pack("turing-way-like.stint.json")
}

fn turing_json() -> Value {
    serde_json::from_slice(&turing()).unwrap()
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

const TABLES: [&str; 10] = [
    "communities",
    "formats",
    "calls",
    "series",
    "series_calls",
    "sessions",
    "session_events",
    "phases",
    "commitments",
    "format_snapshots",
];

fn counts(t: &TestStore) -> Vec<(&'static str, i64)> {
    TABLES.iter().map(|&table| (table, rows(&t.path, table))).collect()
}

/// Everything a member sees of the store's calls and formats, to check that nothing changed.
fn visible(store: &mut Store) -> String {
    format!("{:?}\n{:?}\n{:?}", store.communities().unwrap(), store.calls().unwrap(), store.list_formats(true).unwrap())
}

/// A pseudo-random generator for reproducible instants (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn installing_namespaces_formats_and_calls_and_keeps_built_in_format_ids() {
    let mut t = temp_store();
    let now = utc(2025, 3, 1, 9, 0);
    let import = t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), now).unwrap();
    assert_eq!(import.action, PackAction::Installed);
    assert_eq!((import.community_id.as_str(), import.version.as_str()), (TURING, "1.0.0"));
    assert_eq!(import.installed_version, None);
    assert_eq!(import.formats, [CAFE, DAILY]);
    assert_eq!(import.calls, [CAFE, DAILY]);

    let format = t.store.format(DAILY).unwrap();
    assert_eq!(format.origin, FormatOrigin::Community(TURING.into()));
    assert_eq!(format.draft, parse_pack(&turing()).unwrap().formats[1].draft);
    let daily = t.store.call(DAILY).unwrap();
    assert_eq!(daily.origin, CallOrigin::Community(TURING.into()));
    assert_eq!(daily.call.format_id, DAILY);
    assert_eq!(daily.call.skip_on_days_of, [CAFE]);
    assert_eq!(daily.call.community_id.as_deref(), Some(TURING));
    assert!(daily.reminders_enabled);

    let accountability = t
        .store
        .import_pack(&sample_pack("accountability-group.stint.json"), &PackSource::file("test.stint.json"), now)
        .unwrap();
    assert!(accountability.formats.is_empty());
    let monday = t.store.call("accountability-group/monday-commit").unwrap();
    assert_eq!(monday.call.format_id, "accountability-1", "built-in formats keep their ids");

    let communities = t.store.communities().unwrap();
    let names: Vec<_> = communities.iter().map(|c| (c.id.as_str(), c.logo.is_none())).collect();
    assert_eq!(names, [("accountability-group", true), (TURING, true)], "listed by name, without logo bytes");
    let community = t.store.community(TURING).unwrap();
    assert_eq!(community.logo_type, Some(LogoType::Svg));
    assert!(community.logo.unwrap().starts_with(b"<svg"));
    assert_eq!(community.accent.as_deref(), Some("#2f6f8f"));
    assert_eq!(community.links.website.as_deref(), Some("https://community.example.org/"));
    assert_eq!((community.imported_at, community.updated_at), (now, now));
    assert_eq!(t.store.community("nope").unwrap_err(), Error::NotFound(Thing::Community));
}

#[test]
fn two_independent_stores_with_the_same_pack_agree_on_the_phase_at_1000_random_instants() {
    let mut alice = temp_store();
    let mut bob = temp_store();
    let installed = utc(2025, 1, 1, 0, 0);
    alice.store.import_pack(&turing(), &PackSource::file("test.stint.json"), installed).unwrap();
    bob.store.import_pack(&turing(), &PackSource::file("test.stint.json"), installed).unwrap();
    // Occurrences in both time regimes (GMT and BST), of both calls; each member joins at their own
    // moment within the call, and each store is reopened so the session is replayed from disk.
    let joins = [
        (CAFE, utc(2025, 3, 5, 15, 0)),    // 1st Wednesday, GMT
        (DAILY, utc(2025, 3, 27, 11, 0)),  // GMT
        (DAILY, utc(2025, 3, 31, 10, 0)),  // 11:00 BST, the day after the change
        (CAFE, utc(2025, 4, 16, 14, 0)),   // 3rd Wednesday, 15:00 BST
        (DAILY, utc(2025, 10, 27, 11, 0)), // GMT again
    ];
    let mut rng = Rng(0x5EED_CAFE);
    let mut inside = 0;
    for (call, start) in joins {
        let length = if call == CAFE { 7_200 } else { 3_600 };
        let alice_joins = start + Duration::seconds(rng.below(length) as i64);
        let bob_joins = start + Duration::seconds(rng.below(length) as i64);
        let a = alice.store.join_call(call, start, alice_joins).unwrap();
        let b = bob.store.join_call(call, start, bob_joins).unwrap();
        assert_eq!(a.timeline.started_at, start);
        let a = Store::open(&alice.path, chrono::Utc::now()).unwrap().0.session(a.id).unwrap();
        let b = Store::open(&bob.path, chrono::Utc::now()).unwrap().0.session(b.id).unwrap();
        assert_eq!(a.call_id.as_deref(), Some(call));
        for _ in 0..200 {
            let at = start - Duration::seconds(60) + Duration::milliseconds(rng.below((length + 120) * 1000) as i64);
            let (sa, sb) = (state_at(&a.timeline, at), state_at(&b.timeline, at));
            assert_eq!(sa, sb, "{call} at {at}");
            inside += usize::from(!sa.done && at >= start);
        }
    }
    assert!(inside > 800, "only {inside} instants fell inside a call");
}

#[test]
fn a_newer_version_updates_formats_and_calls_but_not_history_or_choices() {
    let mut t = temp_store();
    let installed = utc(2025, 3, 1, 9, 0);
    t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), installed).unwrap();
    // History: a joined Daily coworking, with a commitment and recorded phases.
    let start = utc(2025, 3, 3, 11, 0);
    let session = t.store.join_call(DAILY, start, start + Duration::minutes(2)).unwrap();
    t.store.add_commitment(session.id, "Write the methods section", start).unwrap();
    t.store.append_event(session.id, Event { at: start + Duration::minutes(40), kind: EventKind::Stop }).unwrap();
    let record = t.store.session(session.id).unwrap();
    let phases = t.store.session_phases(session.id).unwrap();
    let commitments = t.store.session_commitments(session.id).unwrap();
    // Choices: Daily's reminders off, the Cafe format archived.
    t.store.set_call_reminders(DAILY, false).unwrap();
    t.store.archive_format(CAFE, true).unwrap();

    let mut v2 = turing_json();
    v2["version"] = json!("1.1.0");
    v2["formats"][1]["name"] = json!("Daily coworking hour");
    v2["formats"][1]["phases"].as_array_mut().unwrap().truncate(2);
    v2["calls"][1]["title"] = json!("Daily coworking hour");
    v2["calls"][1]["duration_minutes"] = json!(30);
    v2["formats"].as_array_mut().unwrap().push(json!({
        "id": "writing-retreat", "name": "Writing retreat",
        "phases": [ { "label": "Write", "kind": "focus", "seconds": 3000 } ]
    }));
    v2["calls"].as_array_mut().unwrap().push(json!({
        "id": "writing-retreat", "title": "Writing retreat", "format_id": "writing-retreat",
        "first_start": "2025-04-05T10:00:00", "time_zone": "Europe/London", "recurrence": { "frequency": "once" }
    }));
    // The Cafe call is dropped from the pack; its format stays.
    v2["calls"].as_array_mut().unwrap().remove(0);
    v2["calls"][0]["skip_on_days_of"] = json!([]);
    let updated_at = utc(2025, 3, 20, 9, 0);
    let import = t.store.import_pack(&bytes(&v2), &PackSource::file("test.stint.json"), updated_at).unwrap();
    assert_eq!(import.action, PackAction::Updated);
    assert_eq!(import.installed_version.as_deref(), Some("1.0.0"));
    assert_eq!(import.calls, [DAILY, "turing-way-like/writing-retreat"]);

    let daily = t.store.call(DAILY).unwrap();
    assert_eq!((daily.call.title.as_str(), daily.call.duration_minutes), ("Daily coworking hour", 30));
    assert!(!daily.reminders_enabled, "the reminder choice survives the update");
    assert_eq!(t.store.format(DAILY).unwrap().draft.phases.len(), 2);
    assert!(t.store.format(CAFE).unwrap().archived, "archiving survives the update");
    assert_eq!(t.store.call(CAFE).unwrap_err(), Error::NotFound(Thing::Call));
    assert_eq!(
        t.store.call("turing-way-like/writing-retreat").unwrap().call.format_id,
        "turing-way-like/writing-retreat"
    );
    let community = t.store.community(TURING).unwrap();
    assert_eq!(community.version, "1.1.0");
    assert_eq!((community.imported_at, community.updated_at), (installed, updated_at));

    // History is exactly as it was: the session replays its own snapshot of the old format.
    let after = t.store.session(session.id).unwrap();
    assert_eq!(after, record);
    assert_eq!(after.timeline.format.phases.len(), 5);
    assert_eq!(after.format_name, "Daily coworking");
    assert_eq!(after.call_id.as_deref(), Some(DAILY));
    assert_eq!(t.store.session_phases(session.id).unwrap(), phases);
    assert_eq!(t.store.session_commitments(session.id).unwrap(), commitments);
}

#[test]
fn the_same_or_an_older_version_changes_nothing() {
    let mut t = temp_store();
    let mut v2 = turing_json();
    v2["version"] = json!("1.10.0");
    t.store.import_pack(&bytes(&v2), &PackSource::file("test.stint.json"), utc(2025, 3, 1, 9, 0)).unwrap();
    let before = (counts(&t), visible(&mut t.store));

    let same = t.store.import_pack(&bytes(&v2), &PackSource::file("test.stint.json"), utc(2025, 3, 2, 9, 0)).unwrap();
    assert_eq!(same.action, PackAction::AlreadyCurrent);
    assert!(same.formats.is_empty() && same.calls.is_empty());
    let older = t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), utc(2025, 3, 2, 9, 0)).unwrap();
    assert_eq!(older.action, PackAction::Older, "1.0.0 is older than 1.10.0");
    assert_eq!((older.version.as_str(), older.installed_version.as_deref()), ("1.0.0", Some("1.10.0")));
    assert_eq!((counts(&t), visible(&mut t.store)), before);
}

#[test]
fn a_malformed_pack_is_refused_with_the_parsers_error_and_nothing_is_stored() {
    let mut t = temp_store();
    t.store
        .import_pack(
            &sample_pack("accountability-group.stint.json"),
            &PackSource::file("test.stint.json"),
            utc(2025, 3, 1, 9, 0),
        )
        .unwrap();
    let before = (counts(&t), visible(&mut t.store));

    let text = String::from_utf8(turing()).unwrap();
    let mut bad_zone = turing_json();
    bad_zone["calls"][1]["time_zone"] = json!("Europe/Atlantis");
    let mut bad_skip = turing_json();
    bad_skip["calls"][1]["skip_on_days_of"] = json!(["nope"]);
    let mut not_a_png = turing_json();
    not_a_png["logo"] = json!({ "type": "png", "data": "PHN2Zz48L3N2Zz4=" });
    let mut newer = turing_json();
    newer["version"] = json!("2.0.0");
    newer["formats"][0]["phases"][0]["seconds"] = json!(0);
    let oversized = format!("{}{}", text.trim_end(), " ".repeat(1024 * 1024));
    let malformed: Vec<(&str, Vec<u8>)> = vec![
        ("truncated JSON", text.as_bytes()[..text.len() / 2].to_vec()),
        ("unknown zone", bytes(&bad_zone)),
        ("unknown skip target", bytes(&bad_skip)),
        ("logo that is not a PNG", bytes(&not_a_png)),
        ("newer version with a bad phase", bytes(&newer)),
        ("over 1 MiB", oversized.into_bytes()),
        ("not UTF-8", vec![b'{', 0xff, b'}']),
    ];
    for (what, input) in malformed {
        let expected = parse_pack(&input).unwrap_err();
        let err = t.store.import_pack(&input, &PackSource::file("test.stint.json"), utc(2025, 3, 2, 9, 0)).unwrap_err();
        assert_eq!(err, expected, "{what}: the parser's error, unchanged");
        assert_eq!(err.code(), "invalid_input", "{what}");
        assert_eq!((counts(&t), visible(&mut t.store)), before, "{what}: nothing stored");
    }
    assert_eq!(
        t.store
            .import_pack(&bytes(&bad_zone), &PackSource::file("test.stint.json"), utc(2025, 3, 2, 9, 0))
            .unwrap_err()
            .field(),
        Some("calls[1].time_zone")
    );
}

#[test]
fn removing_a_community_removes_its_formats_and_calls_but_keeps_history() {
    let mut t = temp_store();
    t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), utc(2025, 3, 1, 9, 0)).unwrap();
    t.store
        .import_pack(
            &sample_pack("accountability-group.stint.json"),
            &PackSource::file("test.stint.json"),
            utc(2025, 3, 1, 9, 0),
        )
        .unwrap();
    let start = utc(2025, 3, 5, 15, 0);
    let session = t.store.join_call(CAFE, start, start + Duration::minutes(20)).unwrap();
    t.store.add_commitment(session.id, "Review two pull requests", start).unwrap();
    let end = start + Duration::hours(2);
    t.store.record_phases(session.id, end, None).unwrap();
    let history = (
        t.store.session(session.id).unwrap(),
        t.store.session_phases(session.id).unwrap(),
        t.store.session_commitments(session.id).unwrap(),
    );
    let history_rows: Vec<i64> = ["sessions", "phases", "commitments", "format_snapshots", "session_events"]
        .iter()
        .map(|table| rows(&t.path, table))
        .collect();
    assert_eq!(history.1.len(), 9, "the Cafe's nine phases are recorded");

    t.store.remove_community(TURING).unwrap();

    assert_eq!(t.store.community(TURING).unwrap_err(), Error::NotFound(Thing::Community));
    let call_ids: Vec<String> = t.store.calls().unwrap().into_iter().map(|c| c.call.id).collect();
    assert!(call_ids.iter().all(|id| id.starts_with("accountability-group/")), "{call_ids:?}");
    assert_eq!(call_ids.len(), 3, "the other community's calls stay");
    assert!(t.store.list_formats(true).unwrap().iter().all(|f| f.origin != FormatOrigin::Community(TURING.into())));
    assert_eq!(t.store.format(CAFE).unwrap_err(), Error::NotFound(Thing::Format));
    let after = (
        t.store.session(session.id).unwrap(),
        t.store.session_phases(session.id).unwrap(),
        t.store.session_commitments(session.id).unwrap(),
    );
    assert_eq!(after, history, "the session, its phases and commitments are untouched");
    let after_rows: Vec<i64> = ["sessions", "phases", "commitments", "format_snapshots", "session_events"]
        .iter()
        .map(|table| rows(&t.path, table))
        .collect();
    assert_eq!(after_rows, history_rows);
    assert_eq!(t.store.remove_community(TURING).unwrap_err(), Error::NotFound(Thing::Community));

    // Installing it again works from scratch.
    let again = t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), utc(2025, 3, 6, 9, 0)).unwrap();
    assert_eq!(again.action, PackAction::Installed);
}

#[test]
fn an_instant_outside_the_storable_range_is_refused_before_anything_is_stored() {
    let mut t = temp_store();
    let err =
        t.store.import_pack(&turing(), &PackSource::file("test.stint.json"), DateTime::<Utc>::MAX_UTC).unwrap_err();
    assert_eq!(err.field(), Some("now"));
    assert_eq!(rows(&t.path, "communities"), 0);
}
