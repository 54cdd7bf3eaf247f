//! What a member follows: only newer documents from a sender with the power level replace the last good one.

use serde_json::{json, Value};
use stint_core::room::{Follow, FollowChange, PowerLevels, Rejection};

use crate::room_support::{bytes, levels, secs, session, HOST};

fn rev(n: u64) -> Value {
    let mut v = session();
    v["rev"] = json!(n);
    v
}

fn following(doc: &Value) -> Follow {
    let mut follow = Follow::new();
    assert_eq!(follow.offer(&bytes(doc), HOST, &levels()), Ok(FollowChange::Started));
    follow
}

#[test]
fn the_first_good_document_starts_following_and_gives_the_state() {
    let follow = following(&session());
    assert_eq!(follow.current().unwrap().rev, 3);
    assert_eq!(follow.state_at(secs(10 * 60)).unwrap().phase.label, "Focus");
}

#[test]
fn a_newer_revision_replaces_the_followed_one() {
    let mut follow = following(&rev(3));
    let mut next = rev(4);
    next["events"].as_array_mut().unwrap().push(json!({ "at": "2026-12-02T10:03:00Z", "kind": "skip" }));
    assert_eq!(follow.offer(&bytes(&next), HOST, &levels()), Ok(FollowChange::Updated));
    assert_eq!(follow.current().unwrap().rev, 4);
    assert_eq!(follow.state_at(secs(4 * 60)).unwrap().phase.label, "Focus");
}

#[test]
fn the_same_document_again_changes_nothing() {
    let mut follow = following(&rev(3));
    assert_eq!(follow.offer(&bytes(&rev(3)), HOST, &levels()), Ok(FollowChange::Unchanged));
}

#[test]
fn an_older_or_equal_revision_with_other_content_is_refused_and_the_last_good_state_stays() {
    let mut follow = following(&rev(5));
    let before = follow.current().cloned();
    let mut older = rev(4);
    older["events"] = json!([]);
    assert_eq!(follow.offer(&bytes(&older), HOST, &levels()), Err(Rejection::Stale { rev: 4, last: 5 }));
    let mut same_rev = rev(5);
    same_rev["events"] = json!([]);
    assert_eq!(follow.offer(&bytes(&same_rev), HOST, &levels()), Err(Rejection::Stale { rev: 5, last: 5 }));
    assert_eq!(follow.current().cloned(), before);
}

#[test]
fn a_sender_without_the_power_level_cannot_drive_or_clear_the_session() {
    let mut follow = following(&rev(3));
    let mut hostile = rev(9);
    hostile["host"] = json!("@eve:example.org");
    hostile["events"] = json!([{ "at": "2026-12-02T10:00:10Z", "kind": "stop" }]);
    assert_eq!(
        follow.offer(&bytes(&hostile), "@eve:example.org", &levels()),
        Err(Rejection::NotAllowed { sender: "@eve:example.org".into(), level: 0, required: 50 })
    );
    assert!(follow.offer(b"{}", "@eve:example.org", &levels()).is_err());
    assert_eq!(follow.current().unwrap().rev, 3);
    assert!(!follow.state_at(secs(60)).unwrap().done);
}

#[test]
fn a_room_admin_may_take_over_as_host() {
    let mut follow = following(&rev(3));
    let mut takeover = rev(4);
    takeover["host"] = json!("@admin:example.org");
    assert_eq!(follow.offer(&bytes(&takeover), "@admin:example.org", &levels()), Ok(FollowChange::Updated));
}

#[test]
fn a_malformed_document_changes_nothing() {
    let mut follow = following(&rev(3));
    let mut broken = rev(4);
    broken["events"][1]["kind"] = json!("pause");
    assert!(matches!(follow.offer(&bytes(&broken), HOST, &levels()), Err(Rejection::Timeline { .. })));
    assert!(matches!(follow.offer(b"[]", HOST, &levels()), Err(Rejection::NotJson(_))));
    assert_eq!(follow.current().unwrap().rev, 3);
}

#[test]
fn a_newer_session_replaces_the_old_one_and_an_older_one_is_refused() {
    let mut follow = following(&rev(7));
    let mut newer = session();
    newer["session_id"] = json!("cafe-2");
    newer["started_at"] = json!("2026-12-02T11:00:00Z");
    newer["events"] = json!([]);
    newer["rev"] = json!(1);
    assert_eq!(follow.offer(&bytes(&newer), HOST, &levels()), Ok(FollowChange::Started));
    let mut older = session();
    older["session_id"] = json!("cafe-0");
    older["started_at"] = json!("2026-12-02T09:00:00Z");
    older["events"] = json!([]);
    assert_eq!(follow.offer(&bytes(&older), HOST, &levels()), Err(Rejection::OlderSession));
    assert_eq!(follow.current().unwrap().session_id, "cafe-2");
}

#[test]
fn clearing_the_room_ends_following_and_old_revisions_stay_refused() {
    let mut follow = following(&rev(3));
    assert_eq!(follow.offer(b"{}", HOST, &levels()), Ok(FollowChange::Cleared));
    assert!(follow.current().is_none());
    assert_eq!(follow.offer(b"{}", HOST, &levels()), Ok(FollowChange::Unchanged));
    assert_eq!(follow.offer(&bytes(&rev(3)), HOST, &levels()), Err(Rejection::Stale { rev: 3, last: 3 }));
    assert_eq!(follow.offer(&bytes(&rev(4)), HOST, &levels()), Ok(FollowChange::Started));
}

#[test]
fn in_a_room_without_power_levels_only_the_creator_is_above_the_default() {
    let levels = PowerLevels::without_event("@creator:example.org");
    let mut follow = Follow::new();
    // Without a power-levels event, state needs level 0: anyone may write, as the server allows.
    assert_eq!(follow.offer(&bytes(&session()), HOST, &levels), Ok(FollowChange::Started));
    assert_eq!(levels.user_level("@creator:example.org"), 100);
}
