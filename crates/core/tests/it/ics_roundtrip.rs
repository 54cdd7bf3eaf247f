//! Calendar files: export, import, round trip, and errors naming the line.

use crate::calls_support::{call, local, sample_pack, utc};
use stint_core::calls::{Call, Frequency, Recurrence, Weekday};
use stint_core::ics::{export_ics, import_ics, IcsImportOptions, MAX_ICS_BYTES};
use stint_core::pack::parse_pack;

fn options() -> IcsImportOptions {
    IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() }
}

fn rich_calls() -> Vec<Call> {
    let mut cafe = call(
        "cafe",
        chrono_tz::Europe::London,
        local(2025, 1, 1, 15, 0),
        Recurrence::monthly(&[(1, Weekday::Wed), (3, Weekday::Wed)]),
    );
    cafe.title = "Cafe; with, punctuation \\ and more".into();
    cafe.recurrence.exceptions = vec![local(2025, 4, 16, 0, 0).date()];
    cafe.reminder_minutes = Some(15);
    cafe.notes_link = Some("https://notes.example.org/cafe".into());
    cafe.duration_minutes = 120;
    let mut daily = call(
        "daily",
        chrono_tz::America::New_York,
        local(2025, 1, 3, 11, 0),
        Recurrence::weekly(&[Weekday::Mon, Weekday::Fri]),
    );
    daily.recurrence.interval = 2;
    daily.recurrence.until = Some(local(2025, 12, 31, 0, 0).date());
    daily.skip_on_days_of = vec!["cafe".into()];
    daily.join_link = Some("zoommtg://zoom.us/join?confno=123".into());
    daily.community_id = None;
    let mut counted =
        call("counted", chrono_tz::Australia::Sydney, local(2025, 2, 3, 9, 0), Recurrence::every(Frequency::Daily));
    counted.recurrence.count = Some(10);
    counted.join_link = None;
    let once = call("once", chrono_tz::UTC, local(2025, 6, 1, 10, 0), Recurrence::once());
    vec![cafe, daily, counted, once]
}

#[test]
fn export_writes_the_properties_calendar_apps_read() {
    let text = export_ics(&rich_calls(), utc(2025, 1, 1, 0, 0));
    for expected in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "UID:cafe@stint",
        "DTSTART;TZID=Europe/London:20250101T150000",
        "RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE",
        "EXDATE;TZID=Europe/London:20250416T150000",
        "DURATION:PT120M",
        "SUMMARY:Cafe\\; with\\, punctuation \\\\ and more",
        "URL:https://meet.example.org/x",
        "LOCATION:https://meet.example.org/x",
        "BEGIN:VALARM",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20260101T045959Z",
        "RRULE:FREQ=DAILY;COUNT=10",
        "DTSTAMP:20250101T000000Z",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    assert!(text.contains("\r\n"), "CRLF line endings");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 4);
}

#[test]
fn export_then_import_gives_back_the_same_calls() {
    let calls = rich_calls();
    let text = export_ics(&calls, utc(2025, 1, 1, 0, 0));
    let imported = import_ics(&text, &options()).unwrap();
    assert_eq!(imported.calls, calls);
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    assert!(imported.ignored.is_empty(), "{:?}", imported.ignored);
    // And the same again: stable.
    assert_eq!(export_ics(&imported.calls, utc(2025, 1, 1, 0, 0)), text);
}

#[test]
fn the_sample_packs_calls_round_trip() {
    let pack = parse_pack(&sample_pack("turing-way-like.stint.json")).unwrap();
    let text = export_ics(&pack.calls, utc(2025, 1, 1, 0, 0));
    assert_eq!(import_ics(&text, &options()).unwrap().calls, pack.calls);
}

/// Another app's calendar: a VTIMEZONE, a folded line, attendees, an all-day yearly event, a VTODO.
const FOREIGN: &str = include_str!("calls_support/foreign.ics");

#[test]
fn importing_another_apps_calendar_reads_what_it_can_and_lists_the_rest() {
    let result = import_ics(FOREIGN, &options()).unwrap();
    assert_eq!(result.calls.len(), 2);
    let sync = &result.calls[0];
    assert_eq!(sync.id, "abc123@google.com");
    assert_eq!(sync.title, "Weekly sync with a title that is folded over two lines");
    assert_eq!(sync.time_zone, chrono_tz::America::New_York);
    assert_eq!(sync.first_start, local(2025, 1, 6, 9, 30));
    assert_eq!(sync.duration_minutes, 45);
    assert_eq!(sync.recurrence.frequency, Frequency::Weekly, "daily on weekdays = weekly on those days");
    assert_eq!(sync.recurrence.weekdays.len(), 5);
    assert_eq!(sync.recurrence.exceptions, vec![local(2025, 1, 20, 0, 0).date(), local(2025, 2, 17, 0, 0).date()]);
    assert_eq!(sync.join_link.as_deref(), Some("https://meet.example.org/sync"));
    assert_eq!(sync.reminder_minutes, Some(10));
    assert_eq!(sync.format_id, "pomodoro");
    let utc_one = &result.calls[1];
    assert_eq!(
        (utc_one.time_zone, utc_one.first_start, utc_one.duration_minutes),
        (chrono_tz::UTC, local(2025, 3, 1, 17, 0), 45)
    );
    assert_eq!(utc_one.recurrence, Recurrence::once());
    assert_eq!(
        result.ignored,
        ["ATTENDEE", "DESCRIPTION", "LOCATION (not a link Stint opens)", "ORGANIZER", "VTODO", "X-WR-CALNAME"]
    );
    assert_eq!(result.skipped.len(), 1);
    assert!(result.skipped[0].starts_with("Line 34:"), "{:?}", result.skipped);
    assert!(result.skipped[0].contains("lasts all day"));
}

fn error_line(text: &str) -> String {
    let e = import_ics(text, &options()).expect_err("should be refused");
    assert_eq!(e.code(), "invalid_input");
    e.field().unwrap().to_string()
}

#[test]
fn a_file_that_is_not_a_calendar_is_refused_naming_the_line() {
    assert_eq!(error_line(""), "line 1");
    assert_eq!(error_line("hello world"), "line 1");
    assert_eq!(error_line("BEGIN:VEVENT\nEND:VEVENT"), "line 1");
    assert_eq!(error_line(" folded first\nBEGIN:VCALENDAR"), "line 1");
    assert_eq!(error_line("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nEND:VCALENDAR\n"), "line 4");
    assert_eq!(error_line("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:x\n"), "line 3");
    assert_eq!(error_line("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR"), "line 3");
}

#[test]
fn a_broken_event_is_reported_by_line_in_a_sentence_and_the_others_import() {
    let good = "BEGIN:VEVENT\nUID:good\nSUMMARY:good\nDTSTART:20250101T100000Z\nEND:VEVENT\n";
    let file =
        |body: &str| format!("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\n{body}\nEND:VEVENT\n{good}END:VCALENDAR\n");
    for (body, line, words) in [
        ("SUMMARY:x\nthis line has no colon\nDTSTART:20250101T100000Z", 5, "has no “:” before its value"),
        ("SUMMARY:x", 3, "no start (DTSTART)"),
        ("SUMMARY:x\nDTSTART:2025-01-01 10:00", 5, "DTSTART is not a date and time"),
        ("SUMMARY:x\nDTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;INTERVAL=two", 6, "INTERVAL"),
        ("SUMMARY:x\nDTSTART:20250101T100000Z\nRRULE:INTERVAL=2", 6, "does not say how often (FREQ)"),
        ("SUMMARY:x\nDTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;BYDAY=XX", 6, "BYDAY"),
        ("SUMMARY:x\nDTSTART:20250101T100000Z\nDURATION:1 hour", 6, "DURATION"),
        ("SUMMARY:x\nDTSTART:20250101T100000Z\nEXDATE:someday", 6, "EXDATE"),
        ("SUMMARY;CN=\"unterminated:x\nDTSTART:20250101T100000Z", 4, "quoted parameter of SUMMARY is never closed"),
    ] {
        let result = import_ics(&file(body), &options()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(result.calls.len(), 1, "{body}");
        assert_eq!(result.calls[0].id, "good");
        assert_eq!(result.skipped.len(), 1, "{body}");
        let said = &result.skipped[0];
        assert!(said.starts_with(&format!("Line {line}: ")), "{body}: {said}");
        assert!(
            said.contains(words)
                && said.ends_with("Stint did not import this event; add it as a call by hand if you need it."),
            "{body}: {said}"
        );
    }
}

#[test]
fn a_file_starting_with_a_byte_order_mark_imports() {
    let text = "\u{feff}BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nSUMMARY:b\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(import_ics(text, &options()).unwrap().calls.len(), 1);
}

#[test]
fn events_stint_cannot_represent_are_skipped_with_their_line() {
    let event = |body: &str| {
        format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;TZID=Europe/London:20250101T100000\n{body}\nEND:VEVENT\nEND:VCALENDAR\n")
    };
    for (body, reason) in [
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", "BYMONTHDAY"),
        ("RRULE:FREQ=YEARLY", "YEARLY"),
        ("RRULE:FREQ=MONTHLY;BYDAY=WE", "mix of FREQ and BYDAY"),
        ("DURATION:P2D", "no length or a longer one"),
        (
            "TRIGGER:x\nURL:javascript:alert(1)\nRRULE:FREQ=WEEKLY;INTERVAL=500",
            "repeats every 1 to 99 days, weeks or months; this one says 500",
        ),
    ] {
        let result = import_ics(&event(body), &options()).unwrap();
        assert!(result.calls.is_empty(), "{body}");
        assert_eq!(result.skipped.len(), 1, "{body}");
        assert!(
            result.skipped[0].starts_with("Line 5:") || result.skipped[0].starts_with("Line 7:"),
            "{:?}",
            result.skipped
        );
        assert!(result.skipped[0].contains(reason), "{:?}", result.skipped);
    }
    let unknown_zone = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;TZID=Mars Standard Time:20250101T100000\nEND:VEVENT\nEND:VCALENDAR";
    let result = import_ics(unknown_zone, &options()).unwrap();
    assert!(
        result.skipped[0].starts_with("Line 4:") && result.skipped[0].contains("Mars Standard"),
        "{:?}",
        result.skipped
    );
}

#[test]
fn floating_times_use_the_default_zone_and_duplicate_uids_get_unique_ids() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:same\nSUMMARY:a\nDTSTART:20250101T100000\nEND:VEVENT\nBEGIN:VEVENT\nUID:same\nSUMMARY:b\nDTSTART:20250102T100000\nEND:VEVENT\nEND:VCALENDAR";
    let calls = import_ics(text, &options()).unwrap().calls;
    assert_eq!(calls[0].time_zone, chrono_tz::Europe::London);
    assert_eq!(calls[0].duration_minutes, 60, "no DTEND or DURATION");
    let ids: Vec<_> = calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["same", "same-2"]);
}

#[test]
fn files_over_1_mib_are_refused() {
    let big = format!("BEGIN:VCALENDAR\nX-PAD:{}\nEND:VCALENDAR", "x".repeat(MAX_ICS_BYTES));
    let e = import_ics(&big, &options()).unwrap_err();
    assert_eq!(e.field(), Some("ics"));
}
