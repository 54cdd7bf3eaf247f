//! Export: one JSON document, or RFC 4180 CSV files, with nasty text surviving both.

use std::fs;

use crate::common::*;
use stint_core::commitment::CommitmentStatus;
use stint_core::store::ExportKind;
use stint_core::timeline::{Event, EventKind};

const LONDON: chrono_tz::Tz = chrono_tz::Europe::London;
const NASTY: &str = "She said \"ship it\", then left;\r\nnext line\nand a lone \r with 🚀, <b>html</b> & ,,\"\"";

/// A minimal RFC 4180 reader for the test: fields, quoted fields with doubled quotes, CRLF records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\r' && c != '\n' && c != '"', "unquoted special character in {text:?}");
                field.push(c);
            }
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the file ends with CRLF");
    records
}

fn seeded() -> TestStore {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let s = t.store.start_session(&format, t0(), &texts(&[NASTY, "plain"])).unwrap();
    let first = t.store.session_commitments(s.id).unwrap()[0].id;
    t.store.resolve_commitment(first, CommitmentStatus::Done, Some("a \"note\", too"), at(t0(), 100)).unwrap();
    t.store.append_event(s.id, Event { at: at(t0(), 1600), kind: EventKind::Stop }).unwrap();
    t
}

#[test]
fn csv_export_writes_one_file_per_table_with_rfc4180_quoting() {
    let mut t = seeded();
    let out = t.dir.path().join("export/csv");
    let files = t.store.export(ExportKind::Csv, &out, LONDON, t0()).unwrap();
    let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        ["formats.csv", "sessions.csv", "session_events.csv", "phases.csv", "commitments.csv", "time_per_day.csv"]
    );

    let commitments = parse_csv(&fs::read_to_string(out.join("commitments.csv")).unwrap());
    assert_eq!(
        commitments[0],
        ["id", "session_id", "text", "status", "note", "carried_from", "created_at", "resolved_at", "series_id"]
    );
    assert_eq!(commitments.len(), 3);
    assert_eq!(commitments[1][2], NASTY);
    assert_eq!((commitments[1][3].as_str(), commitments[1][4].as_str()), ("done", "a \"note\", too"));
    assert_eq!(commitments[1][6], "2024-03-11T10:00:00Z");
    assert_eq!((commitments[2][2].as_str(), commitments[2][7].as_str()), ("plain", ""));

    let sessions = parse_csv(&fs::read_to_string(out.join("sessions.csv")).unwrap());
    assert_eq!(sessions.len(), 2);
    let snapshot: serde_json::Value = serde_json::from_str(&sessions[1][3]).unwrap();
    assert_eq!(snapshot["name"], "Sprint");
    let phases = parse_csv(&fs::read_to_string(out.join("phases.csv")).unwrap());
    assert_eq!(phases.len(), 3, "header, completed focus, stopped break");
    assert_eq!(phases[2][8], "stopped");
    let events = parse_csv(&fs::read_to_string(out.join("session_events.csv")).unwrap());
    assert_eq!(events[1][2..4], ["2024-03-11T10:26:40Z", "stop"]);
}

#[test]
fn json_export_is_one_document_with_every_table() {
    let mut t = seeded();
    let files = t.store.export(ExportKind::Json, t.dir.path(), LONDON, t0()).unwrap();
    assert_eq!(files, [t.dir.path().join("stint-history.json")]);
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], stint_core::store::migrations::SCHEMA_VERSION);
    assert_eq!(doc["commitments"][0]["text"], NASTY);
    assert_eq!(doc["commitments"][0]["resolved_at"], "2024-03-11T10:01:40Z");
    assert_eq!(doc["sessions"][0]["format"]["phases"][0]["label"], "Focus one");
    assert_eq!(doc["sessions"][0]["status"], "finished");
    assert_eq!(doc["formats"][0]["origin"]["type"], "custom");
    assert_eq!(doc["phases"].as_array().unwrap().len(), 2);
    assert_eq!(doc["session_events"][0]["kind"], "stop");
}

#[test]
fn export_into_an_impossible_place_names_the_path() {
    let mut t = seeded();
    let file = t.dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let err = t.store.export(ExportKind::Json, &file.join("sub"), LONDON, t0()).unwrap_err();
    assert_eq!(err.field(), Some("path"));
}

#[test]
fn an_export_never_replaces_a_file_already_there() {
    let mut t = seeded();
    let out = t.dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("stint-history.json"), "the user's own file").unwrap();
    let err = t.store.export(ExportKind::Json, &out, LONDON, t0()).unwrap_err();
    assert_eq!(err.field(), Some("path"));
    assert!(err.to_string().contains("does not replace it"), "{err}");
    assert_eq!(fs::read_to_string(out.join("stint-history.json")).unwrap(), "the user's own file");
    fs::write(out.join("phases.csv"), "mine").unwrap();
    assert!(t.store.export(ExportKind::Csv, &out, LONDON, t0()).is_err());
    assert_eq!(fs::read_to_string(out.join("phases.csv")).unwrap(), "mine");
}
