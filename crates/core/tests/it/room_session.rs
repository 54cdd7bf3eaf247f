//! `app.stint.session` content: what a member reads, and every way it can be refused.

use serde_json::{json, Value};
use stint_core::format::{FormatDraft, Phase, PhaseKind};
use stint_core::room::{parse_session, Rejection, SessionDoc, MAX_DOC_EVENTS, MAX_SESSION_BYTES};
use stint_core::timeline::{state_at, Event, EventKind};

use crate::room_support::{bytes, secs, session, t0, HOST};

fn parse(v: &Value) -> Result<Option<SessionDoc>, Rejection> {
    parse_session(&bytes(v), HOST)
}

fn refused(v: &Value) -> Rejection {
    parse(v).expect_err("the document should be refused")
}

/// A format of one focus phase.
fn sprint(name: &str, seconds: u32) -> FormatDraft {
    FormatDraft {
        name: name.into(),
        attribution: None,
        phases: vec![Phase { label: "Focus".into(), kind: PhaseKind::Focus, seconds, prompt: None }],
        commitments: Default::default(),
        repeat: None,
    }
}

/// Changes one thing of the valid document.
fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = session();
    edit(&mut v);
    v
}

#[test]
fn a_valid_document_replays_to_the_hosts_state() {
    let doc = parse(&session()).unwrap().unwrap();
    assert_eq!(doc.session_id, "cafe-1");
    assert_eq!(doc.host, HOST);
    assert_eq!(doc.rev, 3);
    assert_eq!(doc.timeline().events().len(), 2);
    // One minute paused: the welcome ends at 10:06, the focus runs until 10:31.
    let state = state_at(doc.timeline(), secs(10 * 60));
    assert_eq!(state.phase.label, "Focus");
    assert_eq!(state.ends_at, Some(secs(31 * 60)));
}

#[test]
fn an_empty_object_means_no_live_session() {
    assert_eq!(parse(&json!({})), Ok(None));
}

#[test]
fn what_the_host_writes_is_what_a_member_reads() {
    let format = sprint(" Sprint ", 60);
    let first = SessionDoc::start("s-1", HOST, &format, t0()).unwrap();
    assert_eq!(first.rev, 1);
    let second = first.with_event(Event { at: secs(10), kind: EventKind::Extend { seconds: 300 } }).unwrap();
    let third = second.with_event(Event { at: secs(20), kind: EventKind::Pause }).unwrap();
    assert_eq!(third.rev, 3);
    let read = parse_session(&bytes(&third.to_content()), HOST).unwrap().unwrap();
    assert_eq!(read, third);
    assert_eq!(read.timeline().format.name, "Sprint", "the host writes the normalized format");
}

#[test]
fn the_host_cannot_write_an_event_the_timeline_refuses() {
    let format = sprint("Sprint", 60);
    let doc = SessionDoc::start("s-1", HOST, &format, t0()).unwrap();
    assert!(doc.with_event(Event { at: secs(5), kind: EventKind::Resume }).is_err());
    let paused = doc.with_event(Event { at: secs(5), kind: EventKind::Pause }).unwrap();
    assert!(paused.with_event(Event { at: secs(4), kind: EventKind::Resume }).is_err(), "earlier than the pause");
    assert!(SessionDoc::start("bad id", HOST, &format, t0()).is_err());
    assert!(SessionDoc::start("s-2", "host", &format, t0()).is_err());
}

#[test]
fn the_host_is_stopped_before_the_document_outgrows_what_members_read() {
    let format = sprint("Sprint", 28_800);
    let mut doc = SessionDoc::start("s-1", HOST, &format, t0()).unwrap();
    let mut refused_at = None;
    for i in 0..=MAX_DOC_EVENTS as i64 {
        let kind = if i % 2 == 0 { EventKind::Pause } else { EventKind::Resume };
        match doc.with_event(Event { at: secs(i), kind }) {
            Ok(next) => doc = next,
            Err(e) => {
                assert_eq!(e.code(), "conflict");
                refused_at = Some(i);
                break;
            }
        }
    }
    assert_eq!(refused_at, Some(MAX_DOC_EVENTS as i64));
    assert!(doc.to_content().to_string().len() <= MAX_SESSION_BYTES);
    assert!(parse_session(&bytes(&doc.to_content()), HOST).unwrap().is_some());
}

#[test]
fn content_larger_than_the_cap_is_refused_before_it_is_parsed() {
    let mut big = bytes(&session());
    big.truncate(big.len() - 1);
    big.extend(std::iter::repeat_n(b' ', MAX_SESSION_BYTES));
    big.push(b'}');
    assert!(matches!(parse_session(&big, HOST), Err(Rejection::TooLarge { .. })));
}

#[test]
fn content_that_is_not_a_json_object_is_refused() {
    for content in [&b"not json"[..], b"[1,2]", b"null", b"\"text\"", b"{\"v\":1", b"", &[0xff, 0xfe]] {
        assert!(matches!(parse_session(content, HOST), Err(Rejection::NotJson(_))), "{content:?}");
    }
}

#[test]
fn unknown_or_missing_versions_are_refused() {
    assert_eq!(refused(&with(|v| v["v"] = json!(2))), Rejection::UnknownVersion("2".into()));
    assert_eq!(refused(&with(|v| v["v"] = json!("1"))), Rejection::UnknownVersion("\"1\"".into()));
    assert!(matches!(
        refused(&with(|v| {
            v.as_object_mut().unwrap().remove("v");
        })),
        Rejection::Malformed { .. }
    ));
    // A newer version is named as such even when it has fields this Stint does not know.
    let newer = with(|v| {
        v["v"] = json!(2);
        v["tempo"] = json!("fast");
    });
    assert_eq!(refused(&newer), Rejection::UnknownVersion("2".into()));
}

#[test]
fn unknown_missing_or_mistyped_fields_are_refused_with_their_path() {
    let cases: Vec<(Value, &str)> = vec![
        (with(|v| v["tempo"] = json!("fast")), "tempo"),
        (with(|v| v["format"]["colour"] = json!("red")), "format.colour"),
        (with(|v| v["format"]["phases"][0]["colour"] = json!("red")), "format.phases[0].colour"),
        (with(|v| v["events"][0]["by"] = json!("me")), "events[0].by"),
        (
            with(|v| {
                v.as_object_mut().unwrap().remove("rev");
            }),
            "content",
        ),
        (
            with(|v| {
                v.as_object_mut().unwrap().remove("events");
            }),
            "content",
        ),
        (with(|v| v["rev"] = json!("4")), "rev"),
        (with(|v| v["rev"] = json!(-1)), "rev"),
        (with(|v| v["rev"] = json!(1.5)), "rev"),
        (with(|v| v["started_at"] = json!(1796205600000_i64)), "started_at"),
        (with(|v| v["started_at"] = json!("yesterday")), "started_at"),
        (with(|v| v["events"][0]["kind"] = json!("rewind")), "events[0].kind"),
        (with(|v| v["events"][0]["at"] = json!(null)), "events[0].at"),
        (with(|v| v["format"]["phases"][0]["kind"] = json!("nap")), "format.phases[0].kind"),
        (with(|v| v["format"]["phases"][0]["seconds"] = json!(-5)), "format.phases[0].seconds"),
        (with(|v| v["format"]["phases"][0]["seconds"] = json!(5_000_000_000_i64)), "format.phases[0].seconds"),
        (with(|v| v["events"] = json!({})), "events"),
    ];
    for (doc, path) in cases {
        match refused(&doc) {
            Rejection::Malformed { path: got, .. } => assert_eq!(got, path, "{doc}"),
            other => panic!("{doc}: expected Malformed at {path}, got {other:?}"),
        }
    }
}

#[test]
fn values_that_break_a_rule_are_refused_naming_the_field() {
    let cases: Vec<(Value, &str)> = vec![
        (with(|v| v["session_id"] = json!("")), "session_id"),
        (with(|v| v["session_id"] = json!("has space")), "session_id"),
        (with(|v| v["session_id"] = json!("x".repeat(65))), "session_id"),
        (with(|v| v["host"] = json!("host")), "host"),
        (with(|v| v["host"] = json!("@host")), "host"),
        (with(|v| v["rev"] = json!(0)), "rev"),
        (with(|v| v["format"]["phases"] = json!([])), "format.phases"),
        (with(|v| v["format"]["name"] = json!("  ")), "format.name"),
        (with(|v| v["format"]["phases"][1]["seconds"] = json!(1)), "format.phases[1].seconds"),
        (with(|v| v["format"]["phases"][1]["label"] = json!("x".repeat(81))), "format.phases[1].label"),
        (with(|v| v["format"]["repeat"] = json!({ "rounds": 0 })), "format.repeat.rounds"),
        (with(|v| v["format"]["repeat"] = json!({ "long_break_every": 2 })), "format.repeat.long_break"),
        (with(|v| v["events"][0] = json!({ "at": "2026-12-02T10:01:00Z", "kind": "extend" })), "events[0].seconds"),
        (with(|v| v["events"][0]["seconds"] = json!(60)), "events[0].seconds"),
        (
            with(|v| {
                let pauses: Vec<Value> = (0..=stint_core::room::MAX_DOC_EVENTS)
                    .map(
                        |i| json!({ "at": format!("2026-12-02T10:{:02}:{:02}Z", i / 60 % 60, i % 60), "kind": "skip" }),
                    )
                    .collect();
                v["events"] = json!(pauses);
            }),
            "events",
        ),
    ];
    for (doc, field) in cases {
        match refused(&doc) {
            Rejection::Invalid { field: got, .. } => assert_eq!(got, field, "{doc}"),
            other => panic!("{doc}: expected Invalid {field}, got {other:?}"),
        }
    }
}

#[test]
fn events_that_do_not_replay_on_the_timeline_are_refused_naming_the_event() {
    let at = |s: &str| json!(format!("2026-12-02T{s}Z"));
    let cases: Vec<(Value, usize)> = vec![
        // Out of order.
        (with(|v| v["events"][1]["at"] = at("10:00:30")), 1),
        // Before the session started.
        (with(|v| v["events"][0]["at"] = at("09:59:59")), 0),
        // Resume while running.
        (with(|v| v["events"][0]["kind"] = json!("resume")), 0),
        // Pause while paused.
        (with(|v| v["events"][1]["kind"] = json!("pause")), 1),
        // Anything after Stop.
        (with(|v| v["events"][0]["kind"] = json!("stop")), 1),
        // Extend by more than a phase may last.
        (with(|v| v["events"][1] = json!({ "at": "2026-12-02T10:02:00Z", "kind": "extend", "seconds": 28_801 })), 1),
        (with(|v| v["events"][1] = json!({ "at": "2026-12-02T10:02:00Z", "kind": "extend", "seconds": 0 })), 1),
        // After the last phase ended (35 min of phases, one paused minute).
        (
            with(|v| v["events"][1]["at"] = at("10:01:30"))
                .tap_push(json!({ "at": "2026-12-02T11:00:00Z", "kind": "skip" })),
            2,
        ),
    ];
    for (doc, index) in cases {
        match refused(&doc) {
            Rejection::Timeline { index: got, .. } => assert_eq!(got, index, "{doc}"),
            other => panic!("{doc}: expected a timeline rejection at event {index}, got {other:?}"),
        }
    }
}

#[test]
fn a_document_from_someone_else_than_its_host_is_refused() {
    let rejection = parse_session(&bytes(&session()), "@mallory:example.org").unwrap_err();
    assert_eq!(rejection, Rejection::HostMismatch { sender: "@mallory:example.org".into(), host: HOST.into() });
}

#[test]
fn every_rejection_reads_as_a_sentence_for_the_log() {
    let line = refused(&with(|v| v["v"] = json!(9))).log_line("app.stint.session", "@eve:example.org");
    assert_eq!(
        line,
        "Ignored app.stint.session from @eve:example.org: it uses version 9 of the room format, which this Stint \
         does not read; a newer Stint may."
    );
    assert!(refused(&with(|v| v["events"][0]["kind"] = json!("resume"))).to_string().ends_with('.'));
}

trait TapPush {
    fn tap_push(self, event: Value) -> Value;
}

impl TapPush for Value {
    fn tap_push(mut self, event: Value) -> Value {
        self["events"].as_array_mut().unwrap().push(event);
        self
    }
}
