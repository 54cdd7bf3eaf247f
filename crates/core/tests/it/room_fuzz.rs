//! No content a room can hold panics Stint or drives its timer unless it is a valid, newer document.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use stint_core::room::{parse_member, parse_session, Follow, FollowChange, MemberEntry};

use crate::room_support::{bytes, levels, secs, session, HOST, MEMBER};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "[a-z_]{0,12}".prop_map(Value::String),
        Just(json!("2026-12-02T10:05:00Z")),
        Just(json!("pause")),
        Just(json!("extend")),
        Just(json!(HOST)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "[a-z_]{1,10}".boxed(),
                    prop::sample::select(vec![
                        "v",
                        "rev",
                        "session_id",
                        "host",
                        "format",
                        "events",
                        "started_at",
                        "kind",
                        "at",
                        "seconds"
                    ])
                    .prop_map(str::to_string)
                    .boxed(),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Every path of `v` (object keys and array indices), so a mutation can aim anywhere in a document.
fn paths(v: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let mut p = prefix.clone();
                p.push(k.clone());
                out.push(p.clone());
                paths(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(i.to_string());
                out.push(p.clone());
                paths(child, p, out);
            }
        }
        _ => {}
    }
}

fn slot<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
        other => &mut other[key.as_str()],
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_json_never_panics_and_never_replaces_the_followed_session(value in any_json()) {
        let mut follow = Follow::new();
        follow.offer(&bytes(&session()), HOST, &levels()).unwrap();
        let before = follow.current().cloned();
        let result = follow.offer(&bytes(&value), HOST, &levels());
        if value == json!({}) {
            prop_assert_eq!(result, Ok(FollowChange::Cleared));
        } else {
            prop_assert!(result.is_err(), "applied: {}", value);
            prop_assert_eq!(follow.current().cloned(), before);
        }
        let member = MemberEntry { state_key: MEMBER.into(), sender: MEMBER.into(), content: bytes(&value) };
        let _ = parse_member(&member, secs(60));
    }

    #[test]
    fn random_bytes_never_panic(content in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_session(&content, HOST);
        let member = MemberEntry { state_key: MEMBER.into(), sender: MEMBER.into(), content };
        let _ = parse_member(&member, secs(60));
    }

    /// One field of a good, newer document replaced by random JSON (or removed): either refused with
    /// nothing changed, or a document that reads back exactly as it was accepted.
    #[test]
    fn a_mutated_document_is_refused_or_consistent(pick in any::<prop::sample::Index>(), replacement in any_json(), remove in any::<bool>()) {
        let mut follow = Follow::new();
        follow.offer(&bytes(&session()), HOST, &levels()).unwrap();
        let before = follow.current().cloned();
        let mut doc = session();
        doc["rev"] = json!(4);
        let mut all = Vec::new();
        paths(&doc, Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        let (last, parent) = path.split_last().unwrap();
        match (remove, slot(&mut doc, parent)) {
            (true, Value::Object(map)) => { map.remove(last); }
            _ => *slot(&mut doc, &path) = replacement,
        }
        match follow.offer(&bytes(&doc), HOST, &levels()) {
            Err(_) => prop_assert_eq!(follow.current().cloned(), before),
            Ok(FollowChange::Cleared) => prop_assert!(follow.current().is_none()),
            Ok(_) => {
                let current = follow.current().unwrap().clone();
                prop_assert!(current.rev > 3 || current.session_id != "cafe-1");
                let reread = parse_session(&bytes(&current.to_content()), &current.host).unwrap().unwrap();
                prop_assert_eq!(reread, current);
            }
        }
    }
}
