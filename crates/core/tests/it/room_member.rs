//! `app.stint.member`: who is in the session now; every entry that must not count is refused.

use chrono::Duration;
use serde_json::{json, Value};
use stint_core::room::{
    member_content, parse_member, presence, MemberEntry, MemberStatus, Present, Rejection, SharedCommitment,
    MAX_MEMBER_BYTES, MEMBER_TTL_SECONDS,
};

use crate::room_support::{bytes, secs, MEMBER};

fn entry(user: &str, content: &Value) -> MemberEntry {
    MemberEntry { state_key: user.into(), sender: user.into(), content: bytes(content) }
}

/// Ada, working in cafe-1 until 10:05.
fn working() -> Value {
    json!({ "v": 1, "session_id": "cafe-1", "status": "working", "expires_ts": secs(300).timestamp_millis() })
}

fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = working();
    edit(&mut v);
    v
}

#[test]
fn a_fresh_entry_counts_and_an_empty_one_means_the_member_left() {
    let doc = parse_member(&entry(MEMBER, &working()), secs(60)).unwrap().unwrap();
    assert_eq!(doc.status, MemberStatus::Working);
    assert!(doc.commitments.is_empty());
    assert_eq!(parse_member(&entry(MEMBER, &json!({})), secs(60)), Ok(None));
}

#[test]
fn what_a_member_writes_is_read_back_until_it_expires() {
    let shared = vec![
        SharedCommitment { text: "Write the intro".into(), done: true },
        SharedCommitment { text: "Answer the reviewers".into(), done: false },
    ];
    let content = member_content("cafe-1", MemberStatus::Break, secs(0), Some(&shared));
    let doc = parse_member(&entry(MEMBER, &content), secs(MEMBER_TTL_SECONDS - 1)).unwrap().unwrap();
    assert_eq!(doc.status, MemberStatus::Break);
    assert_eq!(doc.commitments, shared);
    assert_eq!(parse_member(&entry(MEMBER, &content), secs(MEMBER_TTL_SECONDS)), Err(Rejection::Expired));
    let private = member_content("cafe-1", MemberStatus::Working, secs(0), None);
    assert!(private.get("commitments").is_none(), "commitments are shared only on request");
}

#[test]
fn shared_commitments_carry_their_done_state_and_bare_texts_are_not_done() {
    let mixed = with(|v| {
        v["commitments"] = json!(["Plain text", { "text": "Done one", "done": true }, { "text": "Open one" }])
    });
    let doc = parse_member(&entry(MEMBER, &mixed), secs(60)).unwrap().unwrap();
    let seen: Vec<(&str, bool)> = doc.commitments.iter().map(|c| (c.text.as_str(), c.done)).collect();
    assert_eq!(seen, [("Plain text", false), ("Done one", true), ("Open one", false)]);
    let many: Vec<SharedCommitment> =
        (0..25).map(|i| SharedCommitment { text: format!("Task {i}"), done: i % 2 == 0 }).collect();
    let content = member_content("cafe-1", MemberStatus::Working, secs(0), Some(&many));
    let doc = parse_member(&entry(MEMBER, &content), secs(1)).unwrap().unwrap();
    assert_eq!(doc.commitments, many[..20], "a member writes at most 20, which every reader accepts");
}

#[test]
fn hostile_shared_commitments_refuse_the_whole_entry() {
    let now = secs(60);
    let refused = |commitments: Value| parse_member(&entry(MEMBER, &with(|v| v["commitments"] = commitments)), now);
    for malformed in [
        json!([{ "text": "x", "done": "yes" }]),
        json!([{ "text": "x", "done": true, "owner": "@eve:example.org" }]),
        json!([{ "done": true }]),
        json!([42]),
        json!([["nested"]]),
    ] {
        assert!(matches!(refused(malformed.clone()), Err(Rejection::Malformed { .. })), "{malformed}");
    }
    assert!(matches!(refused(json!([{ "text": " ", "done": true }])), Err(Rejection::Invalid { .. })));
    assert!(matches!(refused(json!([{ "text": "x".repeat(501) }])), Err(Rejection::Invalid { .. })));
    let oversized = json!((0..20).map(|_| json!({ "text": "é".repeat(500), "done": false })).collect::<Vec<_>>());
    assert!(matches!(refused(oversized), Err(Rejection::TooLarge { .. })), "larger than 16 KiB");
    let (present, why) =
        presence(&[entry(MEMBER, &with(|v| v["commitments"] = json!([{ "text": 1 }])))], "cafe-1", now);
    assert!(present.is_empty(), "a hostile entry is not listed");
    assert_eq!(why.len(), 1, "and its reason is returned for the log");
}

#[test]
fn entries_that_must_not_count_are_refused() {
    let now = secs(60);
    let malformed = |v: Value| matches!(parse_member(&entry(MEMBER, &v), now), Err(Rejection::Malformed { .. }));
    let invalid = |v: Value| matches!(parse_member(&entry(MEMBER, &v), now), Err(Rejection::Invalid { .. }));
    assert!(malformed(with(|v| v["status"] = json!("asleep"))));
    assert!(malformed(with(|v| v["mood"] = json!("great"))));
    assert!(malformed(with(|v| v["expires_ts"] = json!("soon"))));
    assert!(malformed(with(|v| {
        v.as_object_mut().unwrap().remove("session_id");
    })));
    assert!(malformed(with(|v| v["commitments"] = json!("all of them"))));
    assert!(invalid(with(|v| v["session_id"] = json!(""))));
    assert!(invalid(with(|v| v["expires_ts"] = json!((now + Duration::minutes(16)).timestamp_millis()))));
    assert!(invalid(with(|v| v["commitments"] = json!(vec!["x"; 21]))));
    assert!(invalid(with(|v| v["commitments"] = json!(["  "]))));
    assert!(invalid(with(|v| v["commitments"] = json!(["x".repeat(501)]))));
    assert_eq!(
        parse_member(&entry(MEMBER, &with(|v| v["v"] = json!(2))), now),
        Err(Rejection::UnknownVersion("2".into()))
    );
    assert_eq!(parse_member(&entry(MEMBER, &working()), secs(300)), Err(Rejection::Expired));
    let forged =
        MemberEntry { state_key: "@lin:example.org".into(), sender: MEMBER.into(), content: bytes(&working()) };
    assert!(matches!(parse_member(&forged, now), Err(Rejection::StateKeyMismatch { .. })));
    let huge = MemberEntry { content: vec![b' '; MAX_MEMBER_BYTES + 1], ..entry(MEMBER, &working()) };
    assert!(matches!(parse_member(&huge, now), Err(Rejection::TooLarge { .. })));
}

#[test]
fn presence_lists_who_is_in_this_session_now_sorted_and_says_why_others_are_not() {
    let entries = vec![
        entry("@zoe:example.org", &with(|v| v["status"] = json!("away"))),
        entry(MEMBER, &with(|v| v["commitments"] = json!(["Ship it"]))),
        entry("@left:example.org", &json!({})),
        entry("@old:example.org", &with(|v| v["expires_ts"] = json!(secs(30).timestamp_millis()))),
        entry("@elsewhere:example.org", &with(|v| v["session_id"] = json!("other"))),
        entry("@broken:example.org", &json!({ "status": 3 })),
    ];
    let (present, refused) = presence(&entries, "cafe-1", secs(60));
    assert_eq!(
        present,
        vec![
            Present {
                user_id: MEMBER.into(),
                status: MemberStatus::Working,
                commitments: vec![SharedCommitment { text: "Ship it".into(), done: false }],
            },
            Present { user_id: "@zoe:example.org".into(), status: MemberStatus::Away, commitments: vec![] },
        ]
    );
    let reasons: Vec<(&str, &Rejection)> = refused.iter().map(|(u, r)| (u.as_str(), r)).collect();
    assert_eq!(reasons.len(), 3);
    assert_eq!(reasons[0], ("@old:example.org", &Rejection::Expired));
    assert_eq!(reasons[1], ("@elsewhere:example.org", &Rejection::OtherSession));
    assert!(matches!(reasons[2], ("@broken:example.org", Rejection::Malformed { .. })));
}
