//! The JSON Schema shipped in packs/ describes what `parse_pack` reads.

use std::collections::BTreeSet;

use serde_json::Value;
use stint_core::pack::PACK_FORMAT_VERSION;

fn schema() -> Value {
    let path = format!("{}/../../packs/stint-pack.schema.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_schema_names_the_pack_format_and_every_field_the_parser_reads() {
    let s = schema();
    assert_eq!(s["properties"]["stint_pack"]["const"], PACK_FORMAT_VERSION);
    assert_eq!(
        keys(&s["properties"]),
        set(&["$schema", "stint_pack", "id", "name", "version", "accent", "logo", "links", "formats", "calls"])
    );
    assert_eq!(
        keys(&s["$defs"]["call"]["properties"]),
        set(&[
            "id",
            "title",
            "format_id",
            "first_start",
            "time_zone",
            "duration_minutes",
            "recurrence",
            "join_link",
            "notes_link",
            "reminder_minutes",
            "skip_on_days_of",
            "room",
        ])
    );
    assert_eq!(
        keys(&s["$defs"]["recurrence"]["properties"]),
        set(&[
            "frequency",
            "interval",
            "weekdays",
            "monthly_weekdays",
            "until",
            "count",
            "exceptions",
            "week_start",
            "additions"
        ])
    );
    assert_eq!(
        keys(&s["$defs"]["format"]["properties"]),
        set(&["id", "name", "attribution", "phases", "commitments", "repeat"])
    );
}

#[test]
fn every_key_of_the_samples_is_in_the_schema() {
    let s = schema();
    for name in ["turing-way-like.stint.json", "accountability-group.stint.json"] {
        let pack: Value = serde_json::from_slice(&crate::calls_support::sample_pack(name)).unwrap();
        assert!(keys(&pack).is_subset(&keys(&s["properties"])), "{name}");
        for call in pack["calls"].as_array().unwrap() {
            assert!(keys(call).is_subset(&keys(&s["$defs"]["call"]["properties"])), "{name}");
        }
    }
}
