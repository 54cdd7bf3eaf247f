//! Helpers shared by the live-room tests: a valid session document to break in one way at a time,
//! the docs' sample events, and power levels.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};
use stint_core::room::PowerLevels;

pub const HOST: &str = "@host:example.org";
pub const MEMBER: &str = "@ada:example.org";

/// 10:00 on 2026-12-02, UTC: the start of the sample session.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap()
}

pub fn secs(n: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::seconds(n)
}

/// A valid session content: 5 min welcome, 25 min focus, 5 min break; paused and resumed; rev 3.
pub fn session() -> Value {
    json!({
        "v": 1,
        "session_id": "cafe-1",
        "host": HOST,
        "format": {
            "name": "Cafe",
            "phases": [
                { "label": "Welcome", "kind": "welcome", "seconds": 300 },
                { "label": "Focus", "kind": "focus", "seconds": 1500, "prompt": "One thing" },
                { "label": "Break", "kind": "break", "seconds": 300 }
            ]
        },
        "started_at": "2026-12-02T10:00:00Z",
        "events": [
            { "at": "2026-12-02T10:01:00Z", "kind": "pause" },
            { "at": "2026-12-02T10:02:00Z", "kind": "resume" }
        ],
        "rev": 3
    })
}

pub fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

/// Power levels where the host is a moderator (50) and `app.stint.session` needs 50.
pub fn levels() -> PowerLevels {
    PowerLevels::from_content(&json!({
        "users": { HOST: 50, "@admin:example.org": 100 },
        "users_default": 0,
        "events": { "app.stint.session": 50, "app.stint.member": 0 },
        "state_default": 50
    }))
}

pub fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/room")
}

/// Every sample event of a docs/room/samples folder, by file name.
pub fn samples(folder: &str) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(docs_dir().join("samples").join(folder))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (name, value)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no samples in {folder}");
    out
}
