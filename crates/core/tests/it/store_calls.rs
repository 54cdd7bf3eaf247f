//! Stored calls: personal calls, upcoming occurrences, reminders, joining an occurrence (the timer
//! synced by schedule) and calendar files.

use crate::calls_support::{local, sample_pack, utc};
use crate::common::{phase, rows};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::London;
use stint_core::calls::{Call, Recurrence, Weekday};
use stint_core::format::{CommitmentPolicy, FormatDraft, PhaseKind};
use stint_core::ics::IcsImportOptions;
use stint_core::pack::PackSource;
use stint_core::store::{CallOrigin, ExportKind, SessionStatus, Store};
use stint_core::timeline::state_at;
use stint_core::{Error, Thing};

const CAFE: &str = "turing-way-like/collaboration-cafe";
const DAILY: &str = "turing-way-like/daily-coworking";

fn store() -> crate::common::TestStore {
    crate::common::temp_store()
}

fn with_pack() -> crate::common::TestStore {
    let mut t = store();
    t.store
        .import_pack(
            &sample_pack("turing-way-like.stint.json"),
            &PackSource::file("test.stint.json"),
            utc(2025, 1, 1, 0, 0),
        )
        .unwrap();
    t
}

/// Three 5-second phases: the end-to-end fixture's format.
fn five_second_format(store: &mut Store) -> String {
    let draft = FormatDraft {
        name: "Fixture".into(),
        attribution: None,
        phases: vec![
            phase("Welcome", PhaseKind::Welcome, 5),
            phase("Focus", PhaseKind::Focus, 5),
            phase("Close", PhaseKind::Close, 5),
        ],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    };
    store.create_format(draft, chrono::Utc::now()).unwrap().id
}

fn personal(title: &str, format_id: &str, first_start: chrono::NaiveDateTime, recurrence: Recurrence) -> Call {
    Call {
        id: String::new(),
        title: title.into(),
        community_id: None,
        format_id: format_id.into(),
        first_start,
        time_zone: London,
        duration_minutes: 30,
        recurrence,
        join_link: Some("https://meet.example.org/mine".into()),
        notes_link: None,
        reminder_minutes: Some(10),
        skip_on_days_of: Vec::new(),
    }
}

fn now() -> DateTime<Utc> {
    utc(2025, 6, 1, 8, 0)
}

#[test]
fn personal_calls_are_created_updated_and_deleted_with_ids_of_their_own() {
    let mut t = store();
    let c =
        personal("Thesis writing: mornings", "pomodoro", local(2025, 6, 2, 9, 0), Recurrence::weekly(&[Weekday::Mon]));
    let created = t.store.create_call(c.clone(), now()).unwrap();
    assert_eq!(created.call.id, "thesis-writing-mornings");
    assert_eq!(created.origin, CallOrigin::Personal);
    assert!(created.reminders_enabled);
    let second = t.store.create_call(c.clone(), now()).unwrap();
    assert_eq!(second.call.id, "thesis-writing-mornings-2");

    let mut changed = c.clone();
    changed.title = "Thesis writing".into();
    changed.id = "ignored".into();
    changed.skip_on_days_of = vec![second.call.id.clone()];
    let updated = t.store.update_call(&created.call.id, changed).unwrap();
    assert_eq!((updated.call.id.as_str(), updated.call.title.as_str()), ("thesis-writing-mornings", "Thesis writing"));
    assert_eq!(t.store.call(&created.call.id).unwrap(), updated);

    t.store.delete_call(&second.call.id).unwrap();
    assert_eq!(t.store.call(&second.call.id).unwrap_err(), Error::NotFound(Thing::Call));
    assert_eq!(t.store.delete_call("nope").unwrap_err(), Error::NotFound(Thing::Call));
    assert_eq!(t.store.calls().unwrap(), [updated]);
}

#[test]
fn a_bad_call_names_its_field_and_stores_nothing() {
    let mut t = with_pack();
    let before = t.store.calls().unwrap();
    let good = personal("Mine", "pomodoro", local(2025, 6, 2, 9, 0), Recurrence::once());
    let mut cases: Vec<(Call, &str)> = Vec::new();
    let mut c = good.clone();
    c.join_link = Some("javascript:alert(1)".into());
    cases.push((c, "join_link"));
    let mut c = good.clone();
    c.format_id = "no-such-format".into();
    cases.push((c, "format_id"));
    let mut c = good.clone();
    c.skip_on_days_of = vec![DAILY.into(), "nope".into()];
    cases.push((c, "skip_on_days_of[1]"));
    let mut c = good.clone();
    c.first_start = local(2025, 3, 30, 1, 30); // the clocks skip 01:00–02:00 in London
    cases.push((c, "first_start"));
    let mut c = good.clone();
    c.title = " ".into();
    cases.push((c, "title"));
    for (call, field) in cases {
        assert_eq!(t.store.create_call(call.clone(), now()).unwrap_err().field(), Some(field));
        assert_eq!(t.store.update_call(DAILY, call).unwrap_err().code(), "conflict", "pack calls are read-only");
    }
    assert_eq!(t.store.calls().unwrap(), before);
    assert_eq!(rows(&t.path, "calls"), 2);
}

#[test]
fn a_communitys_calls_are_the_packs() {
    let mut t = with_pack();
    let good = personal("Mine", "pomodoro", local(2025, 6, 2, 9, 0), Recurrence::once());
    assert_eq!(t.store.update_call(CAFE, good).unwrap_err().code(), "conflict");
    assert_eq!(t.store.delete_call(CAFE).unwrap_err().code(), "conflict");
    assert_eq!(t.store.call(CAFE).unwrap().call.title, "Collaboration Cafe");
}

#[test]
fn upcoming_lists_stored_calls_with_the_cafe_day_skip() {
    let mut t = with_pack();
    let mine = personal(
        "Evening review",
        "pomodoro",
        local(2025, 3, 3, 18, 0),
        Recurrence::every(stint_core::calls::Frequency::Daily),
    );
    t.store.create_call(mine, now()).unwrap();
    // From Monday 3 March 2025 for 17 days: the Cafe on 5 and 19 March (1st and 3rd Wednesday).
    let from = utc(2025, 3, 3, 0, 0);
    let occurrences = t.store.upcoming(from, 17).unwrap();
    let of = |id: &str| occurrences.iter().filter(|o| o.call_id == id).map(|o| o.starts_at).collect::<Vec<_>>();
    assert_eq!(of(CAFE), [utc(2025, 3, 5, 15, 0), utc(2025, 3, 19, 15, 0)]);
    let daily = of(DAILY);
    assert_eq!(daily.len(), 11, "thirteen weekdays less the two Cafe days");
    assert!(!daily.contains(&utc(2025, 3, 5, 11, 0)) && !daily.contains(&utc(2025, 3, 19, 11, 0)));
    assert_eq!(of("evening-review").len(), 17);
    assert!(occurrences.windows(2).all(|w| w[0].starts_at <= w[1].starts_at), "in time order");
    // After the clocks change, the daily hour stays at 11:00 London time.
    let april = t.store.upcoming(utc(2025, 4, 1, 0, 0), 1).unwrap();
    assert_eq!(april.iter().find(|o| o.call_id == DAILY).unwrap().starts_at, utc(2025, 4, 1, 10, 0));
}

#[test]
fn reminders_follow_the_calls_whose_reminders_are_on() {
    let mut t = with_pack();
    // Tuesday 4 March 2025, 09:00 GMT: the Daily at 11:00 reminds at 10:55.
    let now = utc(2025, 3, 4, 9, 0);
    let next = t.store.next_reminder(now).unwrap().unwrap();
    assert_eq!((next.call.id.as_str(), next.at), (DAILY, utc(2025, 3, 4, 10, 55)));
    assert_eq!(next.occurrence.starts_at, utc(2025, 3, 4, 11, 0));
    // Wednesday is a Cafe day: no Daily then, so after Tuesday's the next is the Cafe, 15 minutes before.
    let next = t.store.next_reminder(utc(2025, 3, 4, 10, 55)).unwrap().unwrap();
    assert_eq!((next.call.id.as_str(), next.at), (CAFE, utc(2025, 3, 5, 14, 45)));

    let off = t.store.set_call_reminders(DAILY, false).unwrap();
    assert!(!off.reminders_enabled);
    let next = t.store.next_reminder(now).unwrap().unwrap();
    assert_eq!((next.call.id.as_str(), next.at), (CAFE, utc(2025, 3, 5, 14, 45)));
    // A call with reminders off still skips the daily hour, and is still listed as upcoming.
    assert!(t.store.upcoming(now, 2).unwrap().iter().any(|o| o.call_id == DAILY));

    t.store.set_call_reminders(CAFE, false).unwrap();
    assert_eq!(t.store.next_reminder(now).unwrap(), None);
    t.store.set_call_reminders(DAILY, true).unwrap();
    assert_eq!(t.store.next_reminder(now).unwrap().unwrap().call.id, DAILY);
    assert_eq!(t.store.set_call_reminders("nope", true).unwrap_err(), Error::NotFound(Thing::Call));
}

#[test]
fn joining_seven_seconds_late_starts_the_session_at_the_scheduled_start_in_the_second_phase() {
    let mut t = store();
    let format = five_second_format(&mut t.store);
    let mut c = personal("Fixture call", &format, local(2025, 6, 2, 10, 0), Recurrence::once());
    c.duration_minutes = 1;
    let call = t.store.create_call(c, now()).unwrap().call;
    let start = utc(2025, 6, 2, 9, 0); // 10:00 BST
    let joined_at = start + Duration::seconds(7);
    let session = t.store.join_call(&call.id, start, joined_at).unwrap();
    assert_eq!(session.timeline.started_at, start);
    assert_eq!(session.call_id.as_deref(), Some(call.id.as_str()));
    assert_eq!(session.format_id, format);
    let state = state_at(&session.timeline, joined_at);
    assert_eq!((state.phase_index, state.phase.label.as_str(), state.remaining_ms), (1, "Focus", 3_000));

    // Joining again (a second click) is the same session; history knows the call after a restart.
    assert_eq!(t.store.join_call(&call.id, start, joined_at + Duration::seconds(1)).unwrap().id, session.id);
    let files = t.store.export(ExportKind::Json, t.dir.path(), chrono_tz::UTC, joined_at).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(doc["sessions"][0]["call_id"], call.id.as_str(), "the history export names the call");
    drop(t.store);
    let (mut reopened, _) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    let active = reopened.active_session().unwrap().unwrap();
    assert_eq!((active.id, active.call_id.as_deref()), (session.id, Some(call.id.as_str())));
    assert_eq!(rows(&t.path, "sessions"), 1);
}

#[test]
fn joining_a_pack_call_late_lands_in_the_phase_the_call_is_in() {
    let mut t = with_pack();
    // The Cafe of 5 March 2025 at 15:00 GMT: welcome 5 min, introductions 10 min, pomodoro 1 20 min …
    let start = utc(2025, 3, 5, 15, 0);
    for (late_minutes, index, label) in [(3, 0, "Welcome"), (16, 2, "Pomodoro 1"), (37, 3, "Break"), (100, 8, "Open")] {
        let joined = start + Duration::minutes(late_minutes);
        let session = t.store.join_call(CAFE, start, joined).unwrap();
        let state = state_at(&session.timeline, joined);
        assert_eq!(state.phase_index, index, "{late_minutes} minutes late");
        assert!(state.phase.label.starts_with(label), "{late_minutes} minutes late: {}", state.phase.label);
        let stop = stint_core::timeline::Event { at: joined, kind: stint_core::timeline::EventKind::Stop };
        assert_eq!(t.store.append_event(session.id, stop).unwrap().status, SessionStatus::Finished);
    }
}

#[test]
fn joining_refuses_what_is_not_an_occurrence_and_a_running_session() {
    let mut t = with_pack();
    let cafe_day_daily = utc(2025, 3, 5, 11, 0); // the daily hour is skipped on Cafe days
    let err = t.store.join_call(DAILY, cafe_day_daily, cafe_day_daily).unwrap_err();
    assert_eq!(err.field(), Some("occurrence_start"), "{err}");
    let off_by_a_second = utc(2025, 3, 4, 11, 0) + Duration::seconds(1);
    assert_eq!(
        t.store.join_call(DAILY, off_by_a_second, off_by_a_second).unwrap_err().field(),
        Some("occurrence_start")
    );
    let over = utc(2025, 3, 4, 11, 0);
    assert_eq!(
        t.store.join_call(DAILY, over, over + Duration::hours(1)).unwrap_err().field(),
        Some("occurrence_start")
    );
    assert_eq!(t.store.join_call("nope", over, over).unwrap_err(), Error::NotFound(Thing::Call));
    assert_eq!(rows(&t.path, "sessions"), 0);

    let solo = t.store.start_session("pomodoro", over, &[]).unwrap();
    let err = t.store.join_call(DAILY, over, over + Duration::minutes(5)).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(rows(&t.path, "sessions"), 1);
    assert_eq!(t.store.active_session().unwrap().unwrap().id, solo.id);
}

fn options(format: &str) -> IcsImportOptions {
    IcsImportOptions { default_zone: London, default_format_id: format.into() }
}

#[test]
fn calls_go_out_to_a_calendar_file_and_come_back_as_personal_calls() {
    let mut t = with_pack();
    let exported = t.store.export_ics(now()).unwrap();
    assert!(exported.contains(&format!("UID:{CAFE}@stint")), "{exported}");
    assert!(exported.contains("DTSTART;TZID=Europe/London:20250102T110000"));

    // Into another store that does not have the pack: its formats are unknown there.
    let mut other = store();
    let import = other.store.import_ics(&exported, &options("pomodoro"), now()).unwrap();
    let ids: Vec<&str> = import.calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["turing-way-like-collaboration-cafe", "turing-way-like-daily-coworking"]);
    assert!(import.calls.iter().all(|c| c.format_id == "pomodoro"));
    assert!(import.ignored.iter().any(|i| i.contains(CAFE) && i.contains("pomodoro used")), "{:?}", import.ignored);
    assert_eq!(
        import.calls[1].skip_on_days_of,
        ["turing-way-like-collaboration-cafe"],
        "the skip rule follows the rename"
    );
    let stored = other.store.calls().unwrap();
    assert!(stored.iter().all(|s| s.origin == CallOrigin::Personal));
    assert_eq!(stored.iter().map(|s| s.call.clone()).collect::<Vec<_>>(), import.calls);
    // The same occurrences as in the pack's store.
    let from = utc(2025, 3, 3, 0, 0);
    let starts = |occurrences: Vec<stint_core::calls::Occurrence>| {
        occurrences.into_iter().map(|o| o.starts_at).collect::<Vec<_>>()
    };
    assert_eq!(starts(other.store.upcoming(from, 28).unwrap()), starts(t.store.upcoming(from, 28).unwrap()));

    // Into the store that has the pack: formats and skip targets are known, ids stay unique.
    let again = t.store.import_ics(&exported, &options("pomodoro"), now()).unwrap();
    assert_eq!(again.calls[0].format_id, CAFE);
    assert_eq!(again.calls[1].skip_on_days_of, ["turing-way-like-collaboration-cafe"]);
    assert_eq!(rows(&t.path, "calls"), 4);
}

#[test]
fn a_malformed_calendar_file_or_unknown_default_format_stores_nothing() {
    let mut t = with_pack();
    let exported = t.store.export_ics(now()).unwrap();
    let broken = exported.replace("END:VEVENT", "");
    let err = t.store.import_ics(&broken, &options("pomodoro"), now()).unwrap_err();
    assert!(err.field().is_some_and(|f| f.starts_with("line ")), "{err:?}");
    let err = t.store.import_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", &options("nope"), now()).unwrap_err();
    assert_eq!(err.field(), Some("default_format_id"));
    let err = t.store.import_ics(&exported, &options("nope"), now()).unwrap_err();
    assert_eq!(err.field(), Some("default_format_id"));
    let huge = format!("{exported}{}", " ".repeat(1024 * 1024));
    assert_eq!(t.store.import_ics(&huge, &options("pomodoro"), now()).unwrap_err().field(), Some("ics"));
    assert_eq!(rows(&t.path, "calls"), 2);
}
