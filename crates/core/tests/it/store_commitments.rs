//! Commitments: every validation rule, exact Unicode, resolve/reopen, carry-over.

use crate::common::*;
use stint_core::commitment::CommitmentStatus;
use stint_core::{Error, Thing};

fn with_session() -> (TestStore, i64) {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let id = t.store.start_session(&format, t0(), &[]).unwrap().id;
    (t, id)
}

#[test]
fn any_unicode_is_stored_byte_exact_after_trimming() {
    let (mut t, session) = with_session();
    let samples = [
        "Ship the release 🚀👩🏽‍💻",
        "\u{05DB}\u{05EA}\u{05D9}\u{05D1}\u{05D4} \u{202B}RTL\u{202C} مراجعة الفصل",
        "Cafe\u{0301} vs Café (combining vs precomposed)",
        "<script>alert('x')</script> & <b>bold</b>",
        "line one\nline two\r\n\"quoted\", with commas",
        "\u{200B}zero width\u{200D}joiner",
    ];
    for raw in samples {
        let stored = t.store.add_commitment(session, &format!(" \t{raw}\n "), t0()).unwrap();
        assert_eq!(stored.text.as_bytes(), raw.as_bytes());
    }
    let listed: Vec<String> = t.store.session_commitments(session).unwrap().into_iter().map(|c| c.text).collect();
    assert_eq!(listed, samples);
}

#[test]
fn text_must_have_1_to_500_characters() {
    let (mut t, session) = with_session();
    let at_limit = "🙂".repeat(500); // 500 characters, 2000 bytes
    assert_eq!(t.store.add_commitment(session, &at_limit, t0()).unwrap().text, at_limit);
    for bad in [String::new(), " \n\t ".to_string(), "a".repeat(501), "é".repeat(501)] {
        let err = t.store.add_commitment(session, &bad, t0()).unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid_input", Some("text")), "{err:?}");
    }
    assert_eq!(rows(&t.path, "commitments"), 1);

    let id = t.store.session_commitments(session).unwrap()[0].id;
    assert_eq!(t.store.edit_commitment(id, "").unwrap_err().field(), Some("text"));
    assert_eq!(t.store.edit_commitment(id, &"b".repeat(501)).unwrap_err().field(), Some("text"));
    assert_eq!(t.store.session_commitments(session).unwrap()[0].text, at_limit, "unchanged");
    assert_eq!(t.store.edit_commitment(id, " New text ").unwrap().text, "New text");
}

#[test]
fn resolving_sets_status_note_and_time_and_reopening_clears_them() {
    let (mut t, session) = with_session();
    let c = t.store.add_commitment(session, "Write tests", t0()).unwrap();
    assert_eq!((c.status, c.resolved_at, c.note.clone()), (CommitmentStatus::Open, None, None));
    let done_at = at(t0(), 3000);
    let r = t.store.resolve_commitment(c.id, CommitmentStatus::Partial, Some(" half of them "), done_at).unwrap();
    assert_eq!(
        (r.status, r.note.as_deref(), r.resolved_at),
        (CommitmentStatus::Partial, Some("half of them"), Some(done_at))
    );
    let r = t.store.reopen_commitment(c.id).unwrap();
    assert_eq!((r.status, r.note, r.resolved_at), (CommitmentStatus::Open, None, None));
}

#[test]
fn bad_resolutions_are_refused_and_change_nothing() {
    let (mut t, session) = with_session();
    let c = t.store.add_commitment(session, "Write tests", t0()).unwrap();
    let err = t.store.resolve_commitment(c.id, CommitmentStatus::Open, None, t0()).unwrap_err();
    assert_eq!(err.field(), Some("status"));
    let err = t.store.resolve_commitment(c.id, CommitmentStatus::Done, Some(&"n".repeat(2001)), t0()).unwrap_err();
    assert_eq!(err.field(), Some("note"));
    assert_eq!(t.store.session_commitments(session).unwrap()[0], c);
}

#[test]
fn unknown_ids_are_not_found() {
    let (mut t, session) = with_session();
    assert_eq!(t.store.add_commitment(session + 1, "x", t0()).unwrap_err(), Error::NotFound(Thing::Session));
    assert_eq!(t.store.edit_commitment(77, "x").unwrap_err(), Error::NotFound(Thing::Commitment));
    assert_eq!(t.store.resolve_commitment(77, CommitmentStatus::Done, None, t0()).unwrap_err().code(), "not_found");
    assert_eq!(t.store.reopen_commitment(77).unwrap_err().code(), "not_found");
    assert_eq!(t.store.session_commitments(session + 1).unwrap_err().code(), "not_found");
    assert_eq!(rows(&t.path, "commitments"), 0);
}

#[test]
fn carrying_over_links_new_open_commitments_all_or_nothing() {
    let (mut t, first) = with_session();
    let a = t.store.add_commitment(first, "Finish chapter", t0()).unwrap();
    let b = t.store.add_commitment(first, "Email Ana", t0()).unwrap();
    t.store.resolve_commitment(a.id, CommitmentStatus::NotDone, Some("ran out of time"), at(t0(), 100)).unwrap();
    let format = t.store.session(first).unwrap().format_id;
    t.store
        .append_event(
            first,
            stint_core::timeline::Event { at: at(t0(), 200), kind: stint_core::timeline::EventKind::Stop },
        )
        .unwrap();
    let second = t.store.start_session(&format, at(t0(), 86_400), &[]).unwrap().id;

    let err = t.store.carry_over(&[a.id, 999], second, at(t0(), 86_401)).unwrap_err();
    assert_eq!(err, Error::NotFound(Thing::Commitment));
    assert_eq!(rows(&t.path, "commitments"), 2, "none carried when one id is wrong");

    let carried = t.store.carry_over(&[a.id, b.id], second, at(t0(), 86_401)).unwrap();
    let got: Vec<(Option<i64>, &str, CommitmentStatus, Option<i64>)> =
        carried.iter().map(|c| (c.session_id, c.text.as_str(), c.status, c.carried_from)).collect();
    assert_eq!(
        got,
        [
            (Some(second), "Finish chapter", CommitmentStatus::Open, Some(a.id)),
            (Some(second), "Email Ana", CommitmentStatus::Open, Some(b.id)),
        ]
    );
    assert_eq!(t.store.session_commitments(second).unwrap(), carried);
    assert_eq!(t.store.carry_over(&[a.id], 999, t0()).unwrap_err().code(), "not_found");
}

#[test]
fn commitments_serialize_with_snake_case_statuses() {
    let (mut t, session) = with_session();
    let c = t.store.add_commitment(session, "x", t0()).unwrap();
    let c = t.store.resolve_commitment(c.id, CommitmentStatus::NotDone, None, t0()).unwrap();
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["status"], "not_done");
    assert_eq!(json["session_id"], session);
}
