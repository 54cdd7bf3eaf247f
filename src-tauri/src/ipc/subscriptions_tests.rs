//! Subscriptions through the commands, against a real HTTP server on 127.0.0.1: the first read, a
//! 304 that changes nothing, a changed calendar that replaces only its calls, failures that keep
//! them, and a calendar over the cap refused.

use serde_json::{json, Value};
use stint_core::ics::MAX_ICS_BYTES;

use super::super::tests::{app, error, invoke, App};
use crate::subscribe::test_server::{Mode, TestServer};

fn calendar(events: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (uid, summary, start) in events {
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:{summary}\r\n\
             DTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text.into_bytes()
}

fn own_call(app: &App) {
    let call = json!({
        "id": "", "title": "My own call", "community_id": null, "format_id": "pomodoro",
        "first_start": "2030-01-07T08:00:00", "time_zone": "UTC", "duration_minutes": 30,
        "recurrence": {"frequency": "once"}, "join_link": null, "notes_link": null,
        "reminder_minutes": 10, "skip_on_days_of": []
    });
    invoke(app, "create_call", json!({ "call": call })).unwrap();
}

/// `(title, origin type)` of every call, by title.
fn calls(app: &App) -> Vec<(String, String)> {
    let listed = invoke(app, "list_calls", json!({})).unwrap();
    let listed = listed.as_array().unwrap().iter();
    listed
        .map(|c| (c["call"]["title"].as_str().unwrap().into(), c["origin"]["type"].as_str().unwrap().into()))
        .collect()
}

fn refresh(app: &App, sub: &Value) -> Value {
    invoke(app, "refresh_subscription", json!({ "id": sub["id"] })).unwrap()
}

#[test]
fn a_subscription_reads_its_calendar_a_304_changes_nothing_and_a_change_replaces_only_its_calls() {
    let app = app();
    own_call(&app);
    let server =
        TestServer::start(&calendar(&[("a@x", "Standup", "20250303T090000"), ("b@x", "Retro", "20250307T150000")]));
    let sub = invoke(&app, "add_subscription", json!({ "url": server.url })).unwrap();
    assert_eq!((sub["calls"].as_u64(), &sub["error"]), (Some(2), &Value::Null), "{sub}");
    let subscribed = |t: &str| (t.to_string(), "subscription".to_string());
    let own = ("My own call".to_string(), "personal".to_string());
    assert_eq!(calls(&app), [own.clone(), subscribed("Retro"), subscribed("Standup")]);

    let again = refresh(&app, &sub);
    assert_eq!(server.state().not_modified, 1, "the ETag was sent back and the server answered 304");
    assert_eq!((again["calls"].as_u64(), &again["error"]), (Some(2), &Value::Null));
    assert_eq!(calls(&app), [own.clone(), subscribed("Retro"), subscribed("Standup")]);

    {
        let mut s = server.state();
        s.body = calendar(&[("a@x", "Standup", "20250303T100000"), ("c@x", "Demo", "20250305T110000")]);
        s.etag = "\"v2\"".into();
    }
    let changed = refresh(&app, &sub);
    assert_eq!(changed["calls"].as_u64(), Some(2));
    assert_eq!(calls(&app), [subscribed("Demo"), own, subscribed("Standup")]);
    assert_eq!(invoke(&app, "list_subscriptions", json!({})).unwrap()[0]["url"], json!(server.url));

    invoke(&app, "remove_subscription", json!({ "id": sub["id"] })).unwrap();
    assert_eq!(calls(&app), [("My own call".to_string(), "personal".to_string())]);
}

#[test]
fn a_failed_fetch_keeps_the_calls_and_says_why_beside_the_subscription() {
    let app = app();
    let server = TestServer::start(&calendar(&[("a@x", "Standup", "20250303T090000")]));
    let sub = invoke(&app, "add_subscription", json!({ "url": server.url })).unwrap();
    let before = invoke(&app, "list_calls", json!({})).unwrap();

    server.state().mode = Mode::Status(500);
    let failed = refresh(&app, &sub);
    let why = failed["error"].as_str().unwrap();
    assert!(why.contains("answered 500") && why.contains("calls from the last good refresh are kept"), "{why}");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), before);

    {
        let mut s = server.state();
        s.mode = Mode::Serve;
        s.body = b"<html><body>Please sign in</body></html>".to_vec();
        s.etag = "\"login\"".into();
    }
    let broken = refresh(&app, &sub);
    assert!(broken["error"].as_str().unwrap().contains("did not return a calendar"), "{broken}");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), before, "a page that is not a calendar loses nothing");
}

#[test]
fn a_calendar_over_the_cap_is_refused_and_bad_addresses_are_refused_before_any_fetch() {
    let app = app();
    let mut big = calendar(&[("a@x", "Standup", "20250303T090000")]);
    big.resize(MAX_ICS_BYTES + 1, b'\n');
    let server = TestServer::start(&big);
    let sub = invoke(&app, "add_subscription", json!({ "url": server.url })).unwrap();
    assert!(sub["error"].as_str().unwrap().contains("larger than 1024 KiB"), "{sub}");
    assert_eq!((sub["calls"].as_u64(), &sub["refreshed_at"]), (Some(0), &Value::Null));

    for bad in ["http://example.org/cal.ics", "ftp://example.org/cal.ics", "not an address"] {
        let e = invoke(&app, "add_subscription", json!({ "url": bad })).unwrap_err();
        assert!(error("invalid_input", Some("url"))(&e), "{bad}: {e}");
    }
    let e = invoke(&app, "add_subscription", json!({ "url": server.url })).unwrap_err();
    assert!(error("conflict", None)(&e), "{e}");
    assert_eq!(server.state().if_none_match.len(), 1, "refused addresses were never fetched");
}
