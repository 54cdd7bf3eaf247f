//! Power levels: who may write `app.stint.session` and `app.stint.member`, by the Matrix spec's rules.

use serde_json::json;
use stint_core::room::{check_sender, PowerLevels, Rejection, MEMBER_EVENT_TYPE, SESSION_EVENT_TYPE};

#[test]
fn the_session_needs_its_event_level_and_members_need_theirs() {
    let levels = PowerLevels::from_content(&json!({
        "users": { "@mod:x.org": 50, "@owner:x.org": 100 },
        "events": { "app.stint.session": 50, "app.stint.member": 0 }
    }));
    assert!(check_sender(&levels, "@mod:x.org", SESSION_EVENT_TYPE).is_ok());
    assert!(check_sender(&levels, "@owner:x.org", SESSION_EVENT_TYPE).is_ok());
    assert_eq!(
        check_sender(&levels, "@guest:x.org", SESSION_EVENT_TYPE),
        Err(Rejection::NotAllowed { sender: "@guest:x.org".into(), level: 0, required: 50 })
    );
    assert!(check_sender(&levels, "@guest:x.org", MEMBER_EVENT_TYPE).is_ok());
}

#[test]
fn defaults_follow_the_spec_state_default_50_users_default_0() {
    let levels = PowerLevels::from_content(&json!({}));
    assert_eq!(levels.required_for_state(SESSION_EVENT_TYPE), 50);
    assert_eq!(
        levels.required_for_state(MEMBER_EVENT_TYPE),
        50,
        "a room must lower it for members to announce themselves"
    );
    assert_eq!(levels.user_level("@anyone:x.org"), 0);
    let levels = PowerLevels::from_content(&json!({ "state_default": 10, "users_default": 10 }));
    assert!(check_sender(&levels, "@anyone:x.org", SESSION_EVENT_TYPE).is_ok());
}

#[test]
fn levels_written_as_strings_in_old_rooms_count_and_other_types_do_not() {
    let levels = PowerLevels::from_content(&json!({
        "users": { "@a:x.org": "75", "@b:x.org": true, "@c:x.org": [100] },
        "events": { "app.stint.session": "60" }
    }));
    assert_eq!(levels.user_level("@a:x.org"), 75);
    assert_eq!(levels.user_level("@b:x.org"), 0);
    assert_eq!(levels.user_level("@c:x.org"), 0);
    assert_eq!(levels.required_for_state(SESSION_EVENT_TYPE), 60);
}

#[test]
fn malformed_power_levels_content_grants_nothing_extra() {
    for content in [json!(null), json!([]), json!({ "users": "everyone" }), json!({ "state_default": "low" })] {
        let levels = PowerLevels::from_content(&content);
        assert!(check_sender(&levels, "@guest:x.org", SESSION_EVENT_TYPE).is_err(), "{content}");
    }
}

#[test]
fn creators_of_version_12_rooms_stand_above_every_level() {
    let levels = PowerLevels::from_content(&json!({ "events": { "app.stint.session": 100 } }))
        .with_privileged_creators(&["@founder:x.org".to_string()]);
    assert!(check_sender(&levels, "@founder:x.org", SESSION_EVENT_TYPE).is_ok());
    assert!(check_sender(&levels, "@other:x.org", SESSION_EVENT_TYPE).is_err());
}

#[test]
fn a_rooms_levels_come_from_its_create_event_and_power_levels() {
    let levels = json!({ "users": { "@mod:x.org": 50 }, "events": { "app.stint.session": 50 } });
    let v11 = json!({ "room_version": "11" });
    let room = PowerLevels::for_room(Some(("@founder:x.org", &v11)), Some(&levels));
    assert!(
        check_sender(&room, "@founder:x.org", SESSION_EVENT_TYPE).is_err(),
        "before v12 the creator is a user like others"
    );
    assert!(check_sender(&room, "@mod:x.org", SESSION_EVENT_TYPE).is_ok());
    let v12 = json!({ "room_version": "12", "additional_creators": ["@cofounder:x.org"] });
    let room = PowerLevels::for_room(Some(("@founder:x.org", &v12)), Some(&levels));
    assert!(check_sender(&room, "@founder:x.org", SESSION_EVENT_TYPE).is_ok());
    assert!(check_sender(&room, "@cofounder:x.org", SESSION_EVENT_TYPE).is_ok());
    let bare = PowerLevels::for_room(Some(("@founder:x.org", &v11)), None);
    assert_eq!(bare.user_level("@founder:x.org"), 100);
    assert_eq!(bare.required_for_state(SESSION_EVENT_TYPE), 0);
}
