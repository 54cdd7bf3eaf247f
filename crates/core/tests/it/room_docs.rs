//! docs/room.md and docs/room/*.schema.json describe exactly what Stint reads: every sample event (the
//! files in docs/room/samples and the JSON blocks of docs/room.md) is accepted by the schema and by core
//! when it is valid, refused by both when it is invalid, and the samples only a replay can judge
//! (docs/room/samples/refused) pass the schema and are refused by core.

use chrono::{TimeZone, Utc};
use serde_json::Value;
use stint_core::room::{parse_member, parse_session, MemberEntry, MEMBER_EVENT_TYPE, SESSION_EVENT_TYPE};

use crate::room_support::{docs_dir, samples};

fn validator(event_type: &str) -> jsonschema::Validator {
    let path = docs_dir().join(format!("{event_type}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_accepts(event: &Value) -> bool {
    validator(event["type"].as_str().unwrap()).is_valid(&event["content"])
}

/// Core's verdict on a sample state event, at the instant the server stamped it.
fn core_accepts(event: &Value) -> Result<(), String> {
    let content = serde_json::to_vec(&event["content"]).unwrap();
    let sender = event["sender"].as_str().unwrap();
    match event["type"].as_str().unwrap() {
        SESSION_EVENT_TYPE => {
            assert_eq!(event["state_key"], "", "the session's state key is empty");
            parse_session(&content, sender).map(drop).map_err(|r| r.to_string())
        }
        MEMBER_EVENT_TYPE => {
            let now = Utc.timestamp_millis_opt(event["origin_server_ts"].as_i64().unwrap()).unwrap();
            let entry =
                MemberEntry { state_key: event["state_key"].as_str().unwrap().into(), sender: sender.into(), content };
            parse_member(&entry, now).map(drop).map_err(|r| r.to_string())
        }
        other => panic!("unknown event type {other}"),
    }
}

#[test]
fn valid_samples_pass_the_schema_and_core() {
    for (name, event) in samples("valid") {
        assert!(schema_accepts(&event), "{name}: the schema refuses it");
        assert_eq!(core_accepts(&event), Ok(()), "{name}");
    }
}

#[test]
fn invalid_samples_are_refused_by_the_schema_and_by_core() {
    for (name, event) in samples("invalid") {
        assert!(!schema_accepts(&event), "{name}: the schema accepts it");
        assert!(core_accepts(&event).is_err(), "{name}: core accepts it");
    }
}

#[test]
fn samples_only_a_replay_can_judge_pass_the_schema_and_are_refused_by_core() {
    for (name, event) in samples("refused") {
        assert!(schema_accepts(&event), "{name}: the schema refuses it; move it to invalid/");
        assert!(core_accepts(&event).is_err(), "{name}: core accepts it");
    }
}

#[test]
fn every_state_event_shown_in_room_md_is_valid() {
    let text = std::fs::read_to_string(docs_dir().join("../room.md")).unwrap();
    let mut checked = 0;
    for block in text.split("```json").skip(1) {
        let json = block.split("```").next().unwrap();
        let value: Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("a JSON block of room.md: {e}\n{json}"));
        if value.get("type").is_some() && value.get("content").is_some() {
            assert!(schema_accepts(&value), "room.md: the schema refuses\n{json}");
            assert_eq!(core_accepts(&value), Ok(()), "room.md:\n{json}");
            checked += 1;
        }
    }
    assert!(checked >= 2, "room.md shows a session and a member event");
}

#[test]
fn the_session_schema_names_every_field_the_host_writes() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(docs_dir().join("app.stint.session.schema.json")).unwrap())
            .unwrap();
    let (name, sample) = samples("valid").into_iter().find(|(n, _)| n == "session-running.json").unwrap();
    let content = sample["content"].as_object().unwrap();
    let properties = schema["$defs"]["session"]["properties"].as_object().unwrap();
    let written: Vec<&String> = content.keys().collect();
    let described: Vec<&String> = properties.keys().collect();
    assert_eq!(written.len(), described.len(), "{name}");
    let sender = sample["sender"].as_str().unwrap();
    let doc = parse_session(&serde_json::to_vec(&sample["content"]).unwrap(), sender).unwrap().unwrap();
    let rewritten = doc.to_content();
    for key in rewritten.as_object().unwrap().keys() {
        assert!(properties.contains_key(key), "the host writes {key}, which the schema does not describe");
    }
    assert!(validator(SESSION_EVENT_TYPE).is_valid(&rewritten), "what the host writes passes the schema");
}
