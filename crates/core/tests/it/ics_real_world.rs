//! Calendar files as Google, Outlook, Apple and Nextcloud export them (fixtures written for Stint
//! in their shapes): UNTIL as an instant, WKST, RDATE, moved and cancelled occurrences
//! (RECURRENCE-ID), a byte-order mark, Windows zone names, and one broken event among good ones.

use chrono::NaiveDateTime;
use stint_core::calls::{occurrences, Call};
use stint_core::ics::{export_ics, import_ics, IcsImport, IcsImportOptions};

use crate::calls_support::{local, utc};

fn options() -> IcsImportOptions {
    IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() }
}

fn import(name: &str) -> IcsImport {
    let path = format!("{}/tests/it/calls_support/calendars/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    import_ics(&text, &options()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn starts(call: &Call, from: (i32, u32), to: (i32, u32)) -> Vec<NaiveDateTime> {
    occurrences(call, utc(from.0, from.1, 1, 0, 0), utc(to.0, to.1, 1, 0, 0)).iter().map(|o| o.local_start).collect()
}

fn wall(text: &[&str]) -> Vec<NaiveDateTime> {
    text.iter().map(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap()).collect()
}

#[test]
fn google_a_utc_until_moved_and_cancelled_occurrences_and_an_exception() {
    let result = import("google.ics");
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    assert_eq!(result.calls.len(), 2, "the series (with its two changes) and the kick-off");
    let series = &result.calls[0];
    assert_eq!(series.time_zone, chrono_tz::Europe::Berlin);
    assert_eq!((series.duration_minutes, series.reminder_minutes), (60, Some(10)));
    assert_eq!(
        starts(series, (2025, 1), (2025, 5)),
        wall(&[
            "2025-01-06 09:00",
            "2025-01-09 09:00",
            "2025-01-20 14:00",
            "2025-01-23 09:00",
            "2025-02-06 09:00",
            "2025-02-17 09:00",
            "2025-02-20 09:00",
            "2025-03-06 09:00",
            "2025-03-17 09:00",
            "2025-03-20 09:00",
        ]),
        "UNTIL 2025-03-31 06:59:59 UTC ends the series before the 31st's 09:00 CEST (07:00 UTC)"
    );
    let kickoff = &result.calls[1];
    assert_eq!(kickoff.join_link.as_deref(), Some("https://meet.google.com/xyz-abcd-efg"));
}

#[test]
fn outlook_a_byte_order_mark_crlf_a_windows_zone_and_a_teams_link() {
    let result = import("outlook.ics");
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    let call = &result.calls[0];
    assert_eq!(call.title, "Team coworking");
    assert_eq!(call.time_zone, chrono_tz::Europe::Berlin, "W. Europe Standard Time");
    assert_eq!((call.duration_minutes, call.reminder_minutes), (90, Some(15)));
    assert!(call.join_link.as_deref().is_some_and(|l| l.starts_with("https://teams.microsoft.com/")));
    let got = starts(call, (2025, 1), (2025, 6));
    assert_eq!(got.len(), 11, "Tuesdays from Jan 7 to Mar 25 (UNTIL is exactly its start), Feb 11 excepted: {got:?}");
    assert_eq!(got.last(), Some(&local(2025, 3, 25, 10, 0)));
    assert!(!got.contains(&local(2025, 2, 11, 10, 0)));
}

#[test]
fn apple_an_rdate_and_a_moved_occurrence() {
    let result = import("apple.ics");
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    assert_eq!(result.calls.len(), 1);
    let call = &result.calls[0];
    assert_eq!(call.join_link.as_deref(), Some("https://zoom.us/j/123456789"));
    assert_eq!(
        starts(call, (2025, 3), (2025, 5)),
        wall(&["2025-03-05 18:00", "2025-03-19 18:00", "2025-03-26 18:00", "2025-04-02 19:00", "2025-04-16 18:00"])
    );
}

#[test]
fn nextcloud_one_broken_event_is_reported_in_a_sentence_and_the_rest_import() {
    let result = import("nextcloud.ics");
    assert_eq!(result.calls.len(), 2);
    assert_eq!(
        result.skipped,
        ["Line 43: DTSTART is not a date and time such as 20250101T150000. Stint did not import this event; add it \
          as a call by hand if you need it."]
    );
    let retro = &result.calls[0];
    let dates: Vec<String> = starts(retro, (2025, 1), (2026, 1)).iter().map(|t| t.date().to_string()).collect();
    assert_eq!(dates, ["2025-01-31", "2025-02-28", "2025-03-28", "2025-05-30", "2025-06-27"], "COUNT=6, one excepted");
    let check_in = &result.calls[1];
    assert_eq!(check_in.reminder_minutes, Some(5));
    let got = starts(check_in, (2025, 1), (2025, 6));
    assert_eq!((got.len(), got.last()), (12, Some(&local(2025, 2, 28, 8, 30))));
}

#[test]
fn wkst_decides_which_weeks_an_every_other_week_rule_meets() {
    // RFC 5545's example: the same rule meets on different days with WKST=MO and WKST=SU.
    let rule = |wkst: &str| {
        format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nSUMMARY:w\nDTSTART;TZID=America/New_York:19970805T090000\n\
             RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST={wkst}\nEND:VEVENT\nEND:VCALENDAR\n"
        )
    };
    let days = |wkst: &str| -> Vec<u32> {
        let call = import_ics(&rule(wkst), &options()).unwrap().calls.remove(0);
        occurrences(&call, utc(1997, 8, 1, 0, 0), utc(1997, 10, 1, 0, 0))
            .iter()
            .map(|o| chrono::Datelike::day(&o.local_start))
            .collect()
    };
    assert_eq!(days("MO"), [5, 10, 19, 24]);
    assert_eq!(days("SU"), [5, 17, 19, 31]);
    // And it survives a round trip through Stint's own export.
    let call = import_ics(&rule("SU"), &options()).unwrap().calls.remove(0);
    let text = export_ics(std::slice::from_ref(&call), utc(2025, 1, 1, 0, 0));
    assert!(text.contains("WKST=SU"), "{text}");
    assert_eq!(import_ics(&text, &options()).unwrap().calls[0].recurrence, call.recurrence);
}

#[test]
fn a_utc_until_is_an_instant_not_a_local_date() {
    // Mondays 20:00 in New York; UNTIL is 2025-02-25 00:00 UTC = Monday the 24th, 19:00 local, before
    // that evening's call: the last one is the 17th.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u\nSUMMARY:u\nDTSTART;TZID=America/New_York:20250203T200000\n\
                RRULE:FREQ=WEEKLY;UNTIL=20250225T000000Z\nEND:VEVENT\nEND:VCALENDAR\n";
    let call = import_ics(text, &options()).unwrap().calls.remove(0);
    let dates: Vec<String> = starts(&call, (2025, 1), (2025, 6)).iter().map(|t| t.date().to_string()).collect();
    assert_eq!(dates, ["2025-02-03", "2025-02-10", "2025-02-17"]);
}

#[test]
fn a_dtstart_off_its_rule_counts_as_the_first_occurrence_as_rfc_5545_says() {
    // Thursday the 2nd, then Mondays: COUNT=3 includes the Thursday.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:o\nSUMMARY:o\nDTSTART;TZID=Europe/London:20250102T100000\n\
                RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3\nEND:VEVENT\nEND:VCALENDAR\n";
    let call = import_ics(text, &options()).unwrap().calls.remove(0);
    assert_eq!(
        starts(&call, (2025, 1), (2025, 3)),
        [local(2025, 1, 2, 10, 0), local(2025, 1, 6, 10, 0), local(2025, 1, 13, 10, 0)]
    );
    // Exported so that apps which do not count such a DTSTART show the same three.
    let again = import_ics(&export_ics(std::slice::from_ref(&call), utc(2025, 1, 1, 0, 0)), &options())
        .unwrap()
        .calls
        .remove(0);
    assert_eq!(starts(&again, (2025, 1), (2025, 3)), starts(&call, (2025, 1), (2025, 3)));
}

#[test]
fn durations_and_alarms_near_the_integer_limits_do_not_overflow() {
    let event = |body: &str| {
        format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:x\nDTSTART:20250101T100000Z\n{body}\nEND:VEVENT\nEND:VCALENDAR\n")
    };
    for body in [
        "DURATION:PT9223372036854775807S",
        "DURATION:-PT9223372036854775807S",
        "DURATION:P106751991167300D",
        "BEGIN:VALARM\nTRIGGER:-PT9223372036854775807S\nEND:VALARM",
        "BEGIN:VALARM\nTRIGGER:PT9223372036854775807S\nEND:VALARM",
    ] {
        let result = import_ics(&event(body), &options()).unwrap();
        assert_eq!(result.calls.len() + result.skipped.len(), 1, "{body}: {result:?}");
    }
}
