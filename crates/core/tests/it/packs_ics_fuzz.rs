//! Robustness: tens of thousands of mutated and generated packs and calendar files thrown at both
//! parsers. Every one must give a value or an error — never a panic. Whatever parses is expanded too.

use crate::calls_support::{sample_pack, utc, Rng};
use proptest::prelude::*;
use stint_core::calls::{next_reminder, upcoming};
use stint_core::ics::{export_ics, import_ics, IcsImportOptions};
use stint_core::pack::parse_pack;

const CASES_PER_PARSER: usize = 10_000;

/// Tokens that steer mutations into the interesting corners of both formats.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "-1",
    "0",
    "4294967296",
    "1e309",
    "\"\"",
    "\\u0000",
    "é",
    "\u{1F600}",
    "\"monthly\"",
    "\"weekly\"",
    "\"once\"",
    "\"daily\"",
    "\"nth\": 9",
    "\"Europe/London\"",
    "\"Not/AZone\"",
    "2025-03-30T01:30:00",
    "9999-12-31T23:59:59",
    "BEGIN:VEVENT\n",
    "END:VEVENT\n",
    "END:VCALENDAR\n",
    "\n ",
    "\r\n",
    ";TZID=",
    ";TZID=Europe/London",
    "RRULE:FREQ=MONTHLY;BYDAY=5WE;INTERVAL=99\n",
    "RRULE:FREQ=DAILY;COUNT=0\n",
    "EXDATE:20250101T000000Z,\n",
    "DURATION:P99999999W\n",
    "TRIGGER:-P9999999999999D\n",
    "DTSTART:00000101T000000\n",
    "DTSTART;VALUE=DATE:20250101\n",
    ";CN=\"",
    "javascript:",
    "https://",
    "zoommtg://x",
    "=",
    ";",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            3 if !bytes.is_empty() => {
                let start = rng.below(bytes.len());
                let end = (start + 1 + rng.below(200)).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
            4 => bytes.truncate(at),
            _ => bytes.insert(at, rng.next() as u8),
        }
    }
    bytes
}

fn options() -> IcsImportOptions {
    IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() }
}

#[test]
fn ten_thousand_mutated_packs_never_panic() {
    let seeds = [sample_pack("turing-way-like.stint.json"), sample_pack("accountability-group.stint.json")];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for case in 0..CASES_PER_PARSER {
        let input = mutate(&mut rng, &seeds[case % seeds.len()]);
        if let Ok(pack) = parse_pack(&input) {
            parsed += 1;
            let _ = upcoming(&pack.calls, utc(2025, 3, 1, 0, 0), 14);
            let _ = next_reminder(&pack.calls, utc(2025, 3, 1, 0, 0));
        }
    }
    assert!(parsed > 0, "some mutations keep the pack valid");
}

#[test]
fn ten_thousand_mutated_calendar_files_never_panic() {
    let pack = parse_pack(&sample_pack("turing-way-like.stint.json")).unwrap();
    let exported = export_ics(&pack.calls, utc(2025, 1, 1, 0, 0));
    let seeds = [exported.as_bytes().to_vec(), include_str!("calls_support/foreign.ics").as_bytes().to_vec()];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut imported = 0;
    for case in 0..CASES_PER_PARSER {
        let input = mutate(&mut rng, &seeds[case % seeds.len()]);
        let text = String::from_utf8_lossy(&input);
        if let Ok(result) = import_ics(&text, &options()) {
            imported += result.calls.len();
            let _ = upcoming(&result.calls, utc(2025, 3, 1, 0, 0), 14);
            let _ = export_ics(&result.calls, utc(2025, 1, 1, 0, 0));
        }
    }
    assert!(imported > 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary text, and arbitrary lines in a calendar's shape.
    #[test]
    fn arbitrary_text_never_panics_either_parser(text in ".{0,400}") {
        let _ = parse_pack(text.as_bytes());
        let _ = import_ics(&text, &options());
    }

    #[test]
    fn arbitrary_event_lines_never_panic(lines in proptest::collection::vec("[A-Z-]{1,12}(;[A-Z]{1,6}=[^\\r\\n:]{0,12})?:[^\\r\\n]{0,40}", 0..12)) {
        let text = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101T100000Z\n{}\nEND:VEVENT\nEND:VCALENDAR\n", lines.join("\n"));
        if let Ok(result) = import_ics(&text, &options()) {
            let _ = upcoming(&result.calls, utc(2025, 1, 1, 0, 0), 30);
        }
    }

    #[test]
    fn arbitrary_json_values_in_a_call_never_panic(field in "[a-z_]{1,20}", value in prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        ".{0,30}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just("null".to_string()), Just("[]".to_string()), Just("{}".to_string()),
    ]) {
        let mut v: serde_json::Value = serde_json::from_slice(&sample_pack("turing-way-like.stint.json")).unwrap();
        let raw: serde_json::Value = serde_json::from_str(&value).unwrap_or(serde_json::Value::Null);
        v["calls"][1][field.as_str()] = raw.clone();
        v["calls"][0]["recurrence"][field.as_str()] = raw;
        let _ = parse_pack(v.to_string().as_bytes());
    }
}
