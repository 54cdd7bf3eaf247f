//! A call tied to a live room: a pack names each call's room (optional, checked, the error naming the
//! call), installing the pack ties its calls, an update re-ties them, the user ties or unties any call,
//! and the tie goes with its call. When a tied call starts, who hosts is the room's power levels' say.

use serde_json::{json, Value};
use stint_core::live::call_room_role;
use stint_core::pack::{parse_pack, PackSource};
use stint_core::room::PowerLevels;
use stint_core::store::{CallRoom, RoomRole};

use crate::calls_support::{call, local, sample_pack};
use crate::common::{t0, temp_store};
use stint_core::calls::{Frequency, Recurrence};

fn pack() -> Value {
    let mut v: Value = serde_json::from_slice(&sample_pack("turing-way-like.stint.json")).unwrap();
    v["calls"][0]["room"] = json!("  #cafe:example.org ");
    v
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

#[test]
fn a_pack_may_name_each_calls_room_and_old_packs_stay_valid() {
    let parsed = parse_pack(&bytes(&pack())).unwrap();
    let first = parsed.calls[0].id.clone();
    assert_eq!(parsed.rooms.get(&first).map(String::as_str), Some("#cafe:example.org"), "trimmed");
    assert_eq!(parsed.rooms.len(), 1, "calls without a room have none");
    let old = parse_pack(&sample_pack("turing-way-like.stint.json")).unwrap();
    assert!(old.rooms.is_empty());
}

#[test]
fn a_room_that_is_not_an_address_is_refused_naming_the_call() {
    for bad in [json!("cafe"), json!("@ada:example.org"), json!("#ca fe:example.org"), json!(""), json!(7)] {
        let mut v = pack();
        v["calls"][1]["room"] = bad.clone();
        let e = parse_pack(&bytes(&v)).expect_err("refused");
        assert_eq!(e.code(), "invalid_input", "{bad}");
        assert_eq!(e.field(), Some("calls[1].room"), "{bad}");
        if bad.is_string() {
            let title = v["calls"][1]["title"].as_str().unwrap();
            assert!(e.to_string().contains(title), "the sentence names the call: {e}");
        }
    }
}

#[test]
fn installing_a_pack_ties_its_calls_and_an_update_ties_them_again() {
    let mut t = temp_store();
    let source = PackSource::file("cafe.stint.json");
    t.store.import_pack(&bytes(&pack()), &source, t0()).unwrap();
    let community_call = |v: &Value, i: usize| format!("turing-way-like/{}", v["calls"][i]["id"].as_str().unwrap());
    let v = pack();
    assert_eq!(
        t.store.call_rooms().unwrap(),
        vec![CallRoom { call_id: community_call(&v, 0), room: "#cafe:example.org".into() }]
    );
    let mut newer = pack();
    newer["version"] = json!("99.0.0");
    newer["calls"][0].as_object_mut().unwrap().remove("room");
    newer["calls"][1]["room"] = json!("!daily:example.org");
    t.store.import_pack(&bytes(&newer), &source, t0()).unwrap();
    assert_eq!(t.store.call_room(&community_call(&v, 0)).unwrap(), None, "the update took the room away");
    assert_eq!(t.store.call_room(&community_call(&v, 1)).unwrap().as_deref(), Some("!daily:example.org"));
    t.store.remove_community("turing-way-like").unwrap();
    assert!(t.store.call_rooms().unwrap().is_empty(), "the ties go with the calls");
}

#[test]
fn the_user_ties_and_unties_any_call_and_bad_input_changes_nothing() {
    let mut t = temp_store();
    let mut own = call("own", chrono_tz::Europe::Paris, local(2026, 1, 5, 9, 0), Recurrence::every(Frequency::Daily));
    own.community_id = None;
    let id = t.store.create_call(own, t0()).unwrap().call.id;
    let tied = t.store.set_call_room(&id, Some(" #own:example.org")).unwrap();
    assert_eq!(tied, Some(CallRoom { call_id: id.clone(), room: "#own:example.org".into() }));
    let e = t.store.set_call_room(&id, Some("own room")).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", Some("room")));
    assert_eq!(t.store.call_room(&id).unwrap().as_deref(), Some("#own:example.org"), "unchanged");
    assert_eq!(t.store.set_call_room("nobody", Some("#x:y.org")).unwrap_err().code(), "not_found");
    assert_eq!(t.store.set_call_room(&id, None).unwrap(), None);
    assert_eq!(t.store.call_room(&id).unwrap(), None);
    t.store.set_call_room(&id, Some("#own:example.org")).unwrap();
    t.store.delete_call(&id).unwrap();
    assert!(t.store.call_rooms().unwrap().is_empty());
}

#[test]
fn who_hosts_a_tied_call_is_the_rooms_power_levels_say() {
    let levels = PowerLevels::from_content(&json!({
        "users": { "@host:x.org": 50 },
        "events": { "app.stint.session": 50, "app.stint.member": 0 }
    }));
    assert_eq!(call_room_role(&levels, "@host:x.org"), RoomRole::Host);
    assert_eq!(call_room_role(&levels, "@ada:x.org"), RoomRole::Member);
}
