//! Calendar subscriptions: which addresses are accepted, when a refresh is due, and that recording a
//! fetch replaces exactly the subscription's own calls — or, when it failed, keeps them all.

use chrono::{DateTime, Duration, Utc};
use stint_core::calls::{Call, Recurrence};
use stint_core::i18n::{Lang, Msg};
use stint_core::ics::IcsImportOptions;
use stint_core::store::{CallOrigin, Store};
use stint_core::subscription::{refresh_due, subscription_url, FetchOutcome, REFRESH_EVERY, RETRY_AFTER_FAILURE};
use stint_core::Error;

use crate::calls_support::{local, utc};

const URL: &str = "https://calendar.example.org/team.ics";

fn options() -> IcsImportOptions {
    IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() }
}

fn now() -> DateTime<Utc> {
    utc(2025, 3, 1, 9, 0)
}

/// A calendar of weekly events, each `(uid, summary, start as YYYYMMDDTHHMMSS)`, in Europe/Berlin.
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

fn fetched(body: Vec<u8>, etag: &str) -> FetchOutcome {
    FetchOutcome::Fetched { body, etag: Some(etag.into()), last_modified: None }
}

fn personal_call(store: &mut Store) -> String {
    let call = Call {
        id: String::new(),
        title: "My own standup".into(),
        community_id: None,
        format_id: "pomodoro".into(),
        first_start: local(2025, 3, 3, 8, 0),
        time_zone: chrono_tz::Europe::London,
        duration_minutes: 30,
        recurrence: Recurrence::once(),
        join_link: None,
        notes_link: None,
        reminder_minutes: Some(5),
        skip_on_days_of: Vec::new(),
    };
    store.create_call(call, now()).unwrap().call.id
}

/// The subscription's calls as `(id, title, first start)`, and every other call's id.
fn calls_of(store: &mut Store, subscription: i64) -> (Vec<(String, String, String)>, Vec<String>) {
    let all = store.calls().unwrap();
    let mine = all
        .iter()
        .filter(|s| s.origin == CallOrigin::Subscription(subscription))
        .map(|s| (s.call.id.clone(), s.call.title.clone(), s.call.first_start.to_string()))
        .collect();
    let others = all.iter().filter(|s| s.origin != CallOrigin::Subscription(subscription)).map(|s| s.call.id.clone());
    (mine, others.collect())
}

#[test]
fn addresses_https_and_webcal_are_accepted_and_everything_else_is_refused_in_a_sentence() {
    assert_eq!(subscription_url(" webcal://example.org/a.ics ").unwrap(), "https://example.org/a.ics");
    assert_eq!(subscription_url("HTTPS://Example.org/a.ics?k=1").unwrap(), "https://example.org/a.ics?k=1");
    assert_eq!(subscription_url("http://127.0.0.1:8080/cal").unwrap(), "http://127.0.0.1:8080/cal");
    for bad in [
        "",
        "example.org/a.ics",
        "http://example.org/a.ics",
        "ftp://example.org/a.ics",
        "file:///etc/passwd",
        "https://user:secret@example.org/a.ics",
        "https://",
    ] {
        let e = subscription_url(bad).unwrap_err();
        assert_eq!(e.field(), Some("url"), "{bad}");
        let Error::InvalidInput { message, .. } = &e else { panic!("{e:?}") };
        assert!(message.ends_with('.') && message.chars().next().unwrap().is_uppercase(), "{bad}: {message}");
    }
    assert!(subscription_url(&format!("https://example.org/{}", "a".repeat(3000))).is_err());
}

#[test]
fn a_refresh_is_due_when_never_read_or_six_hours_old_and_rests_after_a_failure() {
    let t = now();
    assert!(refresh_due(None, None, t), "never read");
    assert!(!refresh_due(Some(t - Duration::hours(1)), Some(t - Duration::hours(1)), t));
    assert!(refresh_due(Some(t - REFRESH_EVERY), Some(t - REFRESH_EVERY), t));
    // A failed attempt ten minutes ago: not again yet; half an hour later, yes.
    assert!(!refresh_due(None, Some(t - Duration::minutes(10)), t));
    assert!(!refresh_due(Some(t - Duration::hours(7)), Some(t - Duration::minutes(10)), t));
    assert!(refresh_due(Some(t - Duration::hours(7)), Some(t - RETRY_AFTER_FAILURE), t));
    // A clock set back (instants in the future) cannot stop refreshes for good.
    assert!(refresh_due(Some(t + Duration::days(30)), Some(t + Duration::days(30)), t));
}

#[test]
fn a_good_fetch_replaces_exactly_the_subscriptions_calls_moved_added_and_removed() {
    let mut t = crate::common::temp_store();
    let store = &mut t.store;
    let own = personal_call(store);
    let sub = store.add_subscription("webcal://calendar.example.org/team.ics", now()).unwrap();
    assert_eq!((sub.url.as_str(), sub.calls, sub.refreshed_at), (URL, 0, None));
    assert_eq!(store.due_fetches(now()).unwrap().len(), 1, "a new subscription is due at once");

    let first = calendar(&[("standup@x", "Standup", "20250303T090000"), ("retro@x", "Retro", "20250307T150000")]);
    let recorded = store.record_fetch(sub.id, fetched(first, "\"v1\""), &options(), now()).unwrap();
    assert_eq!((recorded.calls, recorded.error.as_deref(), recorded.refreshed_at), (2, None, Some(now())));
    let (mine, others) = calls_of(store, sub.id);
    assert_eq!(others, vec![own.clone()]);
    assert_eq!(mine.len(), 2);
    let standup_id = mine.iter().find(|(_, t, _)| t == "Standup").unwrap().0.clone();
    let request = store.fetch_request(sub.id).unwrap();
    assert_eq!(request.etag.as_deref(), Some("\"v1\""), "the validator is sent back next time");
    assert!(store.due_fetches(now() + Duration::hours(1)).unwrap().is_empty());

    // The standup moved to 10:00, the retro was removed, a demo was added.
    let later = now() + Duration::hours(7);
    let second = calendar(&[("standup@x", "Standup", "20250303T100000"), ("demo@x", "Demo", "20250305T110000")]);
    let recorded = store.record_fetch(sub.id, fetched(second, "\"v2\""), &options(), later).unwrap();
    assert_eq!(recorded.calls, 2);
    let (mine, others) = calls_of(store, sub.id);
    let titles: Vec<(&str, &str)> = mine.iter().map(|(_, t, s)| (t.as_str(), s.as_str())).collect();
    assert_eq!(titles, vec![("Demo", "2025-03-05 11:00:00"), ("Standup", "2025-03-03 10:00:00")]);
    assert_eq!(
        mine.iter().find(|(_, t, _)| t == "Standup").unwrap().0,
        standup_id,
        "a moved event keeps its call's id"
    );
    assert_eq!(others, vec![own], "the user's own call is never touched");
}

#[test]
fn a_failed_or_broken_fetch_keeps_the_calls_of_the_last_good_one_and_says_why() {
    let mut t = crate::common::temp_store();
    let store = &mut t.store;
    let sub = store.add_subscription(URL, now()).unwrap();
    let good = calendar(&[("standup@x", "Standup", "20250303T090000")]);
    store.record_fetch(sub.id, fetched(good, "\"v1\""), &options(), now()).unwrap();
    let before = store.calls().unwrap();

    let later = now() + Duration::hours(7);
    let reason = Msg::new("error_subscription_server").text("host", "example.org").count("code", 500);
    let failed = FetchOutcome::Failed { reason };
    let recorded = store.record_fetch(sub.id, failed, &options(), later).unwrap();
    assert_eq!(recorded.error, None, "a failure is kept as a message, not as text");
    let error = recorded.error_words.clone().unwrap();
    assert_eq!(
        error.render(Lang::En),
        "example.org had a problem and sent no calendar (it answered 500). The calls from the last good refresh \
         are kept; Stint tries again later."
    );
    assert_eq!(
        error.render(Lang::De),
        "example.org hatte ein Problem und hat keinen Kalender gesendet (Antwort 500). Die Termine der letzten \
         erfolgreichen Aktualisierung bleiben erhalten; Stint versucht es später erneut."
    );
    assert_eq!(store.subscriptions().unwrap()[0].error_words, Some(error), "read back from the database");
    assert_eq!((recorded.calls, recorded.refreshed_at), (1, Some(now())));
    assert_eq!(store.calls().unwrap(), before);
    assert!(store.due_fetches(later + Duration::minutes(5)).unwrap().is_empty(), "it rests after a failure");
    assert_eq!(store.due_fetches(later + RETRY_AFTER_FAILURE).unwrap().len(), 1);

    for body in [b"<html>Sign in</html>".to_vec(), vec![0xff, 0xfe, 0x00], Vec::new()] {
        let recorded = store.record_fetch(sub.id, fetched(body, "\"v9\""), &options(), later).unwrap();
        assert!(recorded.error_words.unwrap().render(Lang::En).contains("did not return a calendar"));
        assert_eq!(store.calls().unwrap(), before, "a body that is not a calendar changes no call");
    }
    assert_eq!(store.fetch_request(sub.id).unwrap().etag.as_deref(), Some("\"v1\""), "validators of the good one");

    // A 304 confirms the calls and clears the error.
    let recorded = store.record_fetch(sub.id, FetchOutcome::NotModified, &options(), later).unwrap();
    assert_eq!((recorded.error, recorded.calls, recorded.refreshed_at), (None, 1, Some(later)));
    assert_eq!(recorded.error_words, None);
    assert_eq!(store.calls().unwrap(), before);
}

#[test]
fn a_failure_stored_as_text_before_is_shown_as_it_was() {
    let mut t = crate::common::temp_store();
    let sub = t.store.add_subscription(URL, now()).unwrap();
    let old = "The server answered 500 (a server error). The calls from the last good refresh are kept.";
    let db = rusqlite::Connection::open(&t.path).unwrap();
    db.execute("UPDATE subscriptions SET error = ?2 WHERE id = ?1", rusqlite::params![sub.id, old]).unwrap();
    let read = t.store.subscriptions().unwrap();
    assert_eq!((read[0].error.as_deref(), read[0].error_words.as_ref()), (Some(old), None));
    // A message this Stint cannot read back (say, from a later one) is no message, not a broken list.
    db.execute("UPDATE subscriptions SET error = NULL, error_words = '{\"key\": 7}' WHERE id = ?1", [sub.id]).unwrap();
    let read = t.store.subscriptions().unwrap();
    assert_eq!((read[0].error.as_deref(), read[0].error_words.as_ref()), (None, None));
}

#[test]
fn a_broken_event_is_reported_and_the_rest_still_arrive() {
    let mut t = crate::common::temp_store();
    let store = &mut t.store;
    let sub = store.add_subscription(URL, now()).unwrap();
    let mut body = String::from_utf8(calendar(&[("standup@x", "Standup", "20250303T090000")])).unwrap();
    body = body.replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:bad@x\r\nSUMMARY:Broken\r\nDTSTART:not-a-date\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    let recorded = store.record_fetch(sub.id, fetched(body.into_bytes(), "\"v1\""), &options(), now()).unwrap();
    assert_eq!((recorded.calls, recorded.skipped.len()), (1, 1), "{:?}", recorded.skipped);
    assert_eq!(store.subscriptions().unwrap()[0].skipped, recorded.skipped, "the report is kept with it");
}

#[test]
fn subscription_calls_keep_reminders_off_cannot_be_edited_and_go_when_unsubscribed() {
    let mut t = crate::common::temp_store();
    let store = &mut t.store;
    let own = personal_call(store);
    let sub = store.add_subscription(URL, now()).unwrap();
    let body = calendar(&[("standup@x", "Standup", "20250303T090000")]);
    store.record_fetch(sub.id, fetched(body.clone(), "\"v1\""), &options(), now()).unwrap();
    let id = calls_of(store, sub.id).0[0].0.clone();
    store.set_call_reminders(&id, false).unwrap();
    store.record_fetch(sub.id, fetched(body, "\"v2\""), &options(), now() + Duration::hours(7)).unwrap();
    assert!(!store.call(&id).unwrap().reminders_enabled, "the user's choice outlives a refresh");

    let call = store.call(&id).unwrap().call;
    let refused = store.update_call(&id, call).unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)) && refused.to_string().contains("unsubscribe"), "{refused:?}");

    assert!(matches!(store.delete_call(&id), Err(Error::Conflict(_))));
    assert!(matches!(store.add_subscription("webcal://calendar.example.org/team.ics", now()), Err(Error::Conflict(_))));

    store.remove_subscription(sub.id).unwrap();
    assert!(store.subscriptions().unwrap().is_empty());
    let left: Vec<String> = store.calls().unwrap().into_iter().map(|s| s.call.id).collect();
    assert_eq!(left, vec![own]);
    let gone = FetchOutcome::NotModified;
    assert!(matches!(store.record_fetch(sub.id, gone, &options(), now()), Err(Error::NotFound(_))));
}
