//! Community packs: the samples parse, and every kind of bad file is refused naming its place.

use crate::calls_support::{sample_pack, utc};
use base64::Engine;
use serde_json::{json, Value};
use stint_core::calls::upcoming;
use stint_core::pack::{compare_versions, parse_pack, MAX_PACK_BYTES};

fn minimal() -> Value {
    json!({
        "stint_pack": 1,
        "id": "demo",
        "name": "Demo community",
        "version": "1.0.0",
        "formats": [{
            "id": "short",
            "name": "Short",
            "phases": [
                { "label": "Hello", "kind": "welcome", "seconds": 300 },
                { "label": "Work", "kind": "focus", "seconds": 1500 }
            ]
        }],
        "calls": [{
            "id": "weekly",
            "title": "Weekly",
            "format_id": "short",
            "first_start": "2025-01-06T10:00:00",
            "time_zone": "Europe/Paris",
            "recurrence": { "frequency": "weekly", "weekdays": ["mon"] }
        }]
    })
}

fn error_field(v: &Value) -> String {
    let e = parse_pack(v.to_string().as_bytes()).expect_err("should be refused");
    assert_eq!(e.code(), "invalid_input");
    e.field().unwrap().to_string()
}

/// `v` with the value at `pointer` set (an object's key is added if missing).
fn with(mut v: Value, pointer: &str, new: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}")) {
        Value::Object(map) => {
            map.insert(key.to_string(), new);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = new,
        _ => panic!("{pointer}"),
    }
    v
}

#[test]
fn the_turing_way_like_sample_has_no_daily_on_cafe_wednesdays() {
    let pack = parse_pack(&sample_pack("turing-way-like.stint.json")).unwrap();
    assert_eq!(pack.id, "turing-way-like");
    assert_eq!(pack.accent.as_deref(), Some("#2f6f8f"));
    assert_eq!(pack.logo.as_ref().unwrap().mime_type(), "image/svg+xml");
    assert_eq!(pack.formats.len(), 2);
    let cafe = &pack.calls[0];
    assert_eq!((cafe.duration_minutes, cafe.community_id.as_deref()), (120, Some("turing-way-like")));
    assert_eq!(pack.calls[1].duration_minutes, 60);
    let occ = upcoming(&pack.calls, utc(2025, 9, 1, 0, 0), 60);
    let on = |date: &str| {
        occ.iter().filter(|o| o.local_start.date().to_string() == date).map(|o| o.call_id.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(on("2025-09-03"), ["collaboration-cafe"], "1st Wednesday of September");
    assert_eq!(on("2025-09-17"), ["collaboration-cafe"], "3rd Wednesday");
    assert_eq!(on("2025-10-01"), ["collaboration-cafe"]);
    assert_eq!(on("2025-09-10"), ["daily-coworking"]);
    assert_eq!(on("2025-09-04"), ["daily-coworking"]);
    let cafe_sept = occ.iter().find(|o| o.local_start.date().to_string() == "2025-09-03").unwrap();
    assert_eq!(cafe_sept.starts_at, utc(2025, 9, 3, 14, 0), "15:00 BST");
    let daily_nov = upcoming(&pack.calls, utc(2025, 11, 3, 0, 0), 1);
    assert_eq!(daily_nov[0].starts_at, utc(2025, 11, 3, 11, 0), "11:00 GMT");
}

#[test]
fn the_accountability_sample_meets_mon_wed_fri_at_six_pm() {
    let pack = parse_pack(&sample_pack("accountability-group.stint.json")).unwrap();
    assert_eq!(pack.version, "1");
    let occ = upcoming(&pack.calls, utc(2025, 3, 3, 0, 0), 7);
    let seen: Vec<_> = occ.iter().map(|o| (o.local_start.to_string(), o.call_id.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("2025-03-03 18:00:00".to_string(), "monday-commit"),
            ("2025-03-05 18:00:00".to_string(), "wednesday-progress"),
            ("2025-03-07 18:00:00".to_string(), "friday-review"),
        ]
    );
    let formats: Vec<_> = pack.calls.iter().map(|c| c.format_id.as_str()).collect();
    assert_eq!(formats, ["accountability-1", "accountability-2", "accountability-3"]);
}

#[test]
fn malformed_json_names_the_line_and_column() {
    let text = "{\n  \"stint_pack\": 1,\n  \"id\": \"x\",,\n}";
    let e = parse_pack(text.as_bytes()).unwrap_err();
    assert_eq!(e.field(), Some("line 3, column 13"), "{e}");
    assert!(
        e.to_string().starts_with("This pack file is damaged at line 3, column 13, so Stint cannot read it."),
        "{e}"
    );
    assert_eq!(parse_pack(b"").unwrap_err().field(), Some("line 1, column 0"));
    assert_eq!(parse_pack(&[0xff, 0xfe]).unwrap_err().field(), Some("line 1"));
}

#[test]
fn wrong_values_name_their_json_path() {
    let cases = [
        (with(minimal(), "/calls/0/time_zone", json!("Europe/Pariss")), "calls[0].time_zone"),
        (with(minimal(), "/calls/0/first_start", json!("yesterday")), "calls[0].first_start"),
        (with(minimal(), "/calls/0/recurrence/weekdays/0", json!("monday")), "calls[0].recurrence.weekdays[0]"),
        (with(minimal(), "/calls/0/recurrence/interval", json!(0)), "calls[0].recurrence.interval"),
        (with(minimal(), "/calls/0/title", json!("")), "calls[0].title"),
        (with(minimal(), "/calls/0/format_id", json!("nope")), "calls[0].format_id"),
        (with(minimal(), "/calls/0/reminder_minutes", json!(20000)), "calls[0].reminder_minutes"),
        (with(minimal(), "/calls/0/id", json!("Has Spaces")), "calls[0].id"),
        (with(minimal(), "/formats/0/phases/1/seconds", json!(1)), "formats[0].phases[1].seconds"),
        (with(minimal(), "/formats/0/phases/1/kind", json!("nap")), "formats[0].phases[1].kind"),
        (with(minimal(), "/formats/0/name", json!(" ")), "formats[0].name"),
        (with(minimal(), "/accent", json!("red")), "accent"),
        (with(minimal(), "/id", json!("UPPER")), "id"),
        (with(minimal(), "/version", json!("1.0 beta")), "version"),
        (with(minimal(), "/version", json!(true)), "version"),
        (with(minimal(), "/links", json!({ "website": "javascript:alert(1)" })), "links.website"),
        (with(minimal(), "/links", json!({ "homepage": "https://x.org" })), "links.homepage"),
        (with(minimal(), "/stint_pack", json!(2)), "stint_pack"),
        (with(minimal(), "/stint_pack", json!("one")), "stint_pack"),
    ];
    for (pack, field) in cases {
        assert_eq!(error_field(&pack), field, "{pack}");
    }
    let mut v = minimal();
    v.as_object_mut().unwrap().remove("stint_pack");
    assert_eq!(error_field(&v), "stint_pack");
    let mut v = minimal();
    v["calls"][0]["join_link"] = json!("file:///etc/passwd");
    assert_eq!(error_field(&v), "calls[0].join_link");
    let mut v = minimal();
    v["calls"][0]["skip_on_days_of"] = json!(["ghost"]);
    assert_eq!(error_field(&v), "calls[0].skip_on_days_of[0]");
    let mut v = minimal();
    v["calls"][0]["colour"] = json!("blue");
    assert_eq!(error_field(&v), "calls[0].colour", "unknown fields are refused");
    let mut v = minimal();
    let first = v["calls"][0].clone();
    v["calls"].as_array_mut().unwrap().push(first);
    assert_eq!(error_field(&v), "calls[1].id", "duplicate id");
    assert_eq!(error_field(&json!([1, 2])), "pack");
}

#[test]
fn calls_may_use_built_in_formats_and_a_repeating_format_needs_an_explicit_duration() {
    let v = with(minimal(), "/calls/0/format_id", json!("accountability-1"));
    assert_eq!(parse_pack(v.to_string().as_bytes()).unwrap().calls[0].duration_minutes, 30, "5 + 20 + 5");
    let v = with(minimal(), "/calls/0/format_id", json!("pomodoro"));
    assert_eq!(error_field(&v), "calls[0].duration_minutes");
    let mut v = v;
    v["calls"][0]["duration_minutes"] = json!(100);
    assert_eq!(parse_pack(v.to_string().as_bytes()).unwrap().calls[0].duration_minutes, 100);
}

#[test]
fn files_over_1_mib_are_refused() {
    let mut v = minimal();
    v["name"] = json!("x".repeat(MAX_PACK_BYTES));
    let e = parse_pack(v.to_string().as_bytes()).unwrap_err();
    assert_eq!(e.field(), Some("pack"));
    assert!(e.to_string().contains("larger"));
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn logos_must_be_small_real_png_or_svg_images() {
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let ok = with(minimal(), "/logo", json!({ "type": "png", "data": b64(&png) }));
    assert!(parse_pack(ok.to_string().as_bytes()).is_ok());
    let svg = with(
        minimal(),
        "/logo",
        json!({ "type": "svg", "data": b64(b"<?xml version=\"1.0\"?>\n<!-- hi -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>") }),
    );
    assert!(parse_pack(svg.to_string().as_bytes()).is_ok());

    let refused = [
        json!({ "type": "png", "data": b64(b"GIF89a not a png") }),
        json!({ "type": "png", "data": b64(b"<svg/>") }),
        json!({ "type": "svg", "data": b64(b"<html><body>hi</body></html>") }),
        json!({ "type": "svg", "data": b64(b"<svg onload=\"x\"><script>alert(1)</script></svg>") }),
        json!({ "type": "svg", "data": b64(&[0xff, 0x00]) }),
        json!({ "type": "svg", "data": "***not base64***" }),
        json!({ "type": "png", "data": b64(&[b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 256 * 1024]].concat()) }),
    ];
    for logo in refused {
        assert_eq!(
            error_field(&with(minimal(), "/logo", logo.clone())),
            "logo.data",
            "{}",
            &logo.to_string()[..60.min(logo.to_string().len())]
        );
    }
    assert_eq!(error_field(&with(minimal(), "/logo", json!({ "type": "gif", "data": "" }))), "logo.type");
}

#[test]
fn pack_versions_compare_numerically() {
    use std::cmp::Ordering::*;
    assert_eq!(compare_versions("1.10.0", "1.9.3"), Greater);
    assert_eq!(compare_versions("2", "10"), Less);
    assert_eq!(compare_versions("1.0", "1.0.0"), Equal);
    assert_eq!(compare_versions("1.0.0-beta", "1.0.0"), Less);
    assert_eq!(compare_versions("1.0.0+build5", "1.0.0"), Equal);
}
