//! A calendar's import report in the user's language: a broken line, an event Stint cannot
//! represent, a change left out and a property read past for a reason are kept as catalogue
//! messages and said in the language in effect, also when a subscription's report is stored and
//! read back (old reports stored as text still read).

use chrono::{DateTime, Utc};
use stint_core::i18n::{Lang, Speech};
use stint_core::ics::{import_ics, IcsImportOptions};
use stint_core::subscription::FetchOutcome;

use crate::calls_support::utc;

fn options() -> IcsImportOptions {
    IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() }
}

fn now() -> DateTime<Utc> {
    utc(2025, 3, 1, 9, 0)
}

/// A good event, one whose start (line 11) is not a date and time, and an all-day one (line 16).
const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:good\r\nSUMMARY:Standup\r\nDTSTART:20250303T090000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:broken\r\nSUMMARY:Broken\r\nDTSTART:2025-03-04 10:00\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:allday\r\nSUMMARY:Offsite\r\nDTSTART;VALUE=DATE:20250305\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn a_german_import_says_the_broken_line_and_the_skipped_event_in_german() {
    let import = import_ics(CALENDAR, &options()).unwrap();
    assert_eq!(import.calls.len(), 1);
    assert_eq!(
        import.skipped,
        [
            "Line 11: DTSTART is not a date and time such as 20250101T150000. Stint did not import this event; add \
             it as a call by hand if you need it.",
            "Line 16: the event lasts all day, and Stint's calls have a start time. Stint did not import this event; \
             add it as a call by hand if you need it.",
        ],
        "English until said in the user's language"
    );
    let german = import.said_in(Lang::De);
    assert_eq!(
        german.skipped,
        [
            "Zeile 11: DTSTART ist kein Datum mit Uhrzeit wie 20250101T150000. Stint hat dieses Ereignis nicht \
             importiert; lege es bei Bedarf von Hand als Termin an.",
            "Zeile 16: Das Ereignis dauert den ganzen Tag, und Stints Termine haben eine Anfangszeit. Stint hat \
             dieses Ereignis nicht importiert; lege es bei Bedarf von Hand als Termin an.",
        ]
    );
}

#[test]
fn a_file_that_is_not_a_calendar_is_refused_in_the_users_language() {
    let e = import_ics("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n", &options()).unwrap_err();
    assert_eq!(
        e.say(Lang::De),
        "Zeile 2: END:VEVENT kommt, während BEGIN:VCALENDAR aus Zeile 1 noch offen ist. Stint kann diese Kalenderdatei nicht lesen, \
         deshalb wurde nichts importiert. Exportiere den Kalender erneut oder wähle eine andere Datei."
    );
    assert_eq!(e.field(), Some("line 2"), "the field still places it");
}

#[test]
fn a_change_left_out_of_a_series_is_said_in_spanish() {
    let text = "BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:Standup\r\nDTSTART:20250303T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20250310T090000Z\r\nDTSTART:20250311T090000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let import = import_ics(text, &options()).unwrap();
    assert_eq!(import.calls.len(), 1, "the series still imports");
    assert_eq!(
        import.said_in(Lang::Es).skipped,
        ["Línea 10: el cambio se aplica a una fecha y a todas las siguientes (RANGE=THISANDFUTURE), y Stint no \
          puede seguirlo. Stint importó la serie sin este cambio; si lo necesitas, mueve u omite esa fecha a mano."]
    );
}

#[test]
fn a_subscriptions_skipped_events_are_stored_as_messages_and_said_in_the_language_in_effect() {
    let mut t = crate::common::temp_store();
    let sub = t.store.add_subscription("https://example.org/team.ics", now()).unwrap();
    let fetched = FetchOutcome::Fetched { body: CALENDAR.as_bytes().to_vec(), etag: None, last_modified: None };
    let recorded = t.store.record_fetch(sub.id, fetched, &options(), now()).unwrap();
    assert_eq!(recorded.calls, 1);
    assert!(recorded.skipped[0].starts_with("Line 11: DTSTART"), "{:?}", recorded.skipped);

    let read = t.store.subscriptions().unwrap().remove(0);
    assert_eq!(read.skipped, recorded.skipped, "English as read from the database");
    let german = read.clone().said_in(Lang::De).skipped;
    assert!(german[0].starts_with("Zeile 11: DTSTART ist kein Datum") && german.len() == 2, "{german:?}");
    let spanish = read.said_in(Lang::Es).skipped;
    assert!(spanish[1].starts_with("Línea 16: el evento dura todo el día"), "{spanish:?}");

    let db = rusqlite::Connection::open(&t.path).unwrap();
    let (text, words): (String, String) = db
        .query_row("SELECT skipped, skipped_words FROM subscriptions WHERE id = ?1", [sub.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(text, "[]", "no text is stored");
    assert!(words.contains("\"error_ics_event_skipped\"") && !words.contains("Line 11"), "{words}");
}

#[test]
fn skipped_events_stored_as_text_before_still_read_and_reading_back_is_bounded() {
    let mut t = crate::common::temp_store();
    let sub = t.store.add_subscription("https://example.org/team.ics", now()).unwrap();
    let db = rusqlite::Connection::open(&t.path).unwrap();
    let old = r#"["Line 5: all-day events are not supported. The event was not imported."]"#;
    db.execute("UPDATE subscriptions SET skipped = ?2 WHERE id = ?1", rusqlite::params![sub.id, old]).unwrap();
    let read = t.store.subscriptions().unwrap().remove(0).said_in(Lang::De);
    assert_eq!(read.skipped, ["Line 5: all-day events are not supported. The event was not imported."]);

    // Messages this Stint cannot read (say, from a later one) are left out, and at most 1,000 are read.
    let one = r#"{"key": "error_ics_event_skipped", "args": [["problem", {"text": "Line 1: x."}]]}"#;
    let many = format!(r#"[{{"key": 7}}, {}]"#, vec![one; 5_000].join(", "));
    db.execute(
        "UPDATE subscriptions SET skipped = '[]', skipped_words = ?2 WHERE id = ?1",
        rusqlite::params![sub.id, many],
    )
    .unwrap();
    let read = t.store.subscriptions().unwrap().remove(0);
    assert_eq!(read.skipped_words.len(), 999, "the unreadable one is left out of the first 1,000");
    assert!(read.skipped[0].starts_with("Line 1: x. Stint did not import"), "{:?}", read.skipped[0]);
    db.execute("UPDATE subscriptions SET skipped_words = 'not JSON' WHERE id = ?1", [sub.id]).unwrap();
    assert!(t.store.subscriptions().unwrap()[0].skipped.is_empty(), "no list, not a broken one");
}

#[test]
fn what_an_import_ignored_is_said_in_the_users_language_and_the_files_names_stay_as_written() {
    let text = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Team\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Standup\r\n\
DTSTART:20250303T090000Z\r\nLOCATION:Room 4\r\nX-STINT-FORMAT:gone\r\nATTENDEE:mailto:a@example.org\r\n\
BEGIN:VALARM\r\nTRIGGER;RELATED=END:PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut t = crate::common::temp_store();
    let import = t.store.import_ics(text, &options(), now()).unwrap();
    assert_eq!(import.calls.len(), 1);
    assert_eq!(
        import.ignored,
        [
            "ATTENDEE",
            "LOCATION (not a link Stint opens)",
            "VALARM TRIGGER (only reminders before the start are used)",
            "X-WR-CALNAME",
            "X-STINT-FORMAT gone (not a format here; pomodoro used)",
        ]
    );
    assert_eq!(
        import.said_in(Lang::De).ignored,
        [
            "ATTENDEE",
            "LOCATION (kein Link, den Stint öffnet)",
            "VALARM TRIGGER (nur Erinnerungen vor dem Beginn werden verwendet)",
            "X-WR-CALNAME",
            "X-STINT-FORMAT gone (hier kein Format; pomodoro verwendet)",
        ]
    );
}

#[test]
fn a_subscriptions_reasons_write_their_dates_in_the_users_clock_style() {
    let mut t = crate::common::temp_store();
    let sub = t.store.add_subscription("https://example.org/team.ics", now()).unwrap();
    let db = rusqlite::Connection::open(&t.path).unwrap();
    let words = r#"{"key": "error_call_never_happens", "args": [["first", {"date": "2027-01-05"}]]}"#;
    db.execute("UPDATE subscriptions SET error_words = ?2 WHERE id = ?1", rusqlite::params![sub.id, words]).unwrap();
    let read = t.store.subscriptions().unwrap().remove(0);
    let british = read.clone().said_in(Speech::of(Lang::En, "en-GB")).error.unwrap();
    assert!(british.contains("from 5 Jan 2027 on"), "{british}");
    let american = read.said_in(Speech::of(Lang::En, "en-US")).error.unwrap();
    assert!(american.contains("from Jan 5, 2027 on"), "{american}");
}
