//! Every error core shows a user reads as a sentence (docs/words.md): one representative error per
//! module, each checked for the shape of a sentence and for leaked field names, paths and seconds.

use chrono_tz::Europe::London;
use serde_json::json;
use stint_core::calls::series::{series_dates, SeriesPattern};
use stint_core::calls::{validate_call, validate_join_link, validate_web_link, Recurrence, Weekday};
use stint_core::commitment::clean_text;
use stint_core::format::PhaseKind;
use stint_core::i18n::{Lang, Msg};
use stint_core::ics::{import_ics, IcsImportOptions};
use stint_core::pack::{parse_pack, validate_logo, Logo, LogoType};
use stint_core::room::SessionDoc;
use stint_core::store::{parse_day, parse_zone, ExportKind};
use stint_core::subscription::{read_fetch, subscription_url, FetchOutcome, FetchRead};
use stint_core::timeline::{Event, EventKind, Timeline};
use stint_core::{Error, Thing};

use crate::calls_support::{call, local};
use crate::common::{at, phase, sprint, sprint_draft, t0, temp_store};

/// Why `message` is not a sentence a user should read, if it is not.
fn flaw(message: &str) -> Option<&'static str> {
    let first = message.chars().next()?;
    if !first.is_uppercase() {
        return Some("it does not start with a capital letter");
    }
    if !(message.ends_with('.') || message.ends_with('?')) {
        return Some("it does not end with '.' or '?'");
    }
    if message.contains('!') {
        return Some("it exclaims");
    }
    if message.contains('[') {
        return Some("it shows a path such as phases[2]");
    }
    if message.contains(" s)") {
        return Some("it shows a seconds count in brackets");
    }
    let snake = message.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| {
        let parts: Vec<&str> = word.split('_').collect();
        parts.len() > 1 && parts.iter().all(|p| !p.is_empty())
    });
    if snake {
        return Some("it shows a field name such as format_id");
    }
    None
}

fn representative_errors() -> Vec<(&'static str, Error)> {
    let mut errors = Vec::new();

    let mut draft = sprint_draft("Deep work");
    draft.phases[1].seconds = 9 * 3600;
    errors.push(("format", draft.validated().unwrap_err()));
    let mut unnamed = sprint_draft("  ");
    unnamed.phases.push(phase("Talk", PhaseKind::Break, 0));
    errors.push(("format name", unnamed.validated().unwrap_err()));

    let mut c = call("c1", London, local(2025, 1, 1, 15, 0), Recurrence::weekly(&[Weekday::Wed]));
    c.duration_minutes = 0;
    errors.push(("call", validate_call(&c).unwrap_err()));
    errors.push(("link", validate_join_link("javascript:alert(1)").unwrap_err()));
    errors.push(("commitment", clean_text("   ", "commitments[2]").unwrap_err()));

    let mut timeline = Timeline::new(sprint_draft("Deep work"), t0());
    timeline.push(Event { at: at(t0(), 5), kind: EventKind::Pause }).unwrap();
    errors.push(("timeline", timeline.push(Event { at: at(t0(), 6), kind: EventKind::Pause }).unwrap_err()));

    errors.push(("room", SessionDoc::start("s-1", "not a user", &sprint_draft("Deep work"), t0()).unwrap_err()));

    let pack = json!({"stint_pack": 1, "id": "p", "name": "P", "version": "1", "formats": [
        {"id": "f", "name": "F", "phases": [{"label": "Go", "kind": "focus", "seconds": 1}]}
    ]});
    errors.push(("pack", parse_pack(pack.to_string().as_bytes()).unwrap_err()));
    errors.push(("pack JSON", parse_pack(b"{\"stint_pack\": 1,,}").unwrap_err()));
    errors.push(("pack shape", parse_pack(br#"{"stint_pack": 1, "id": 7}"#).unwrap_err()));

    let options = IcsImportOptions { default_zone: London, default_format_id: "pomodoro".into() };
    errors.push(("ics", import_ics("BEGIN:VEVENT\r\nEND:VEVENT\r\n", &options).unwrap_err()));

    let mut t = temp_store();
    let format = sprint(&mut t.store);
    errors.push(("store not found", t.store.delete_call("nope").unwrap_err()));
    errors.push(("store built-in", t.store.update_format("pomodoro", sprint_draft("Mine")).unwrap_err()));
    t.store.start_session(&format, t0(), &[]).unwrap();
    errors.push(("store running", t.store.start_session(&format, at(t0(), 1), &[]).unwrap_err()));
    errors.push(("history", t.store.history_overview(t0().date_naive(), London, 0).unwrap_err()));

    errors.push(("subscription address", subscription_url("ftp://example.org/cal.ics").unwrap_err()));
    errors.push(("subscription address empty", subscription_url("  ").unwrap_err()));
    errors.push(("subscription not found", t.store.fetch_request(99).unwrap_err()));
    let mut long_commitment = sprint_draft("Deep work");
    long_commitment.phases[0].label = "x".repeat(81);
    errors.push(("format label", long_commitment.validated().unwrap_err()));
    errors.push(("commitment too long", clean_text(&"x".repeat(501), "text").unwrap_err()));

    errors.push(("store format from pack", Error::conflict("error_format_from_pack")));
    errors.push(("history day", parse_day("14/03/2025", "from").unwrap_err()));
    errors.push(("history zone", parse_zone("Mars/Olympus").unwrap_err()));
    errors.push(("history page", t.store.sessions_page(None, 0).unwrap_err()));
    errors.push(("upcoming", t.store.upcoming_view(t0(), 0).unwrap_err()));
    t.store.add_subscription("https://example.org/cal.ics", t0()).unwrap();
    errors.push(("subscription twice", t.store.add_subscription("https://example.org/cal.ics", t0()).unwrap_err()));
    let dir = t.dir.path().join("export");
    t.store.export(ExportKind::Json, &dir, London, t0()).unwrap();
    errors.push(("export", t.store.export(ExportKind::Json, &dir, London, t0()).unwrap_err()));
    errors.push(("timeline extend", {
        let mut timeline = Timeline::new(sprint_draft("Deep work"), t0());
        timeline.push(Event { at: at(t0(), 5), kind: EventKind::Extend { seconds: 0 } }).unwrap_err()
    }));
    errors.push(("timeline ended", {
        let mut timeline = Timeline::new(sprint_draft("Deep work"), t0());
        timeline.push(Event { at: at(t0(), 5), kind: EventKind::Stop }).unwrap();
        timeline.push(Event { at: at(t0(), 6), kind: EventKind::Pause }).unwrap_err()
    }));
    errors.push(("web link", validate_web_link("https://user:pw@example.org", "notes_link").unwrap_err()));
    errors.push(("join link scheme", validate_join_link("ftp://example.org/x").unwrap_err()));
    let days = vec![Weekday::Mon, Weekday::Mon, Weekday::Wed];
    let pattern = SeriesPattern::DaysOfWeek { week_of: t0().date_naive(), days };
    errors.push(("series", series_dates(&pattern).unwrap_err()));
    let logo = Logo { kind: LogoType::Svg, data: "PHN2Zz48c2NyaXB0Lz48L3N2Zz4=".into() };
    errors.push(("pack logo", validate_logo(&logo, "logo").unwrap_err()));
    let newer = json!({"stint_pack": 99, "id": "p", "name": "P", "version": "1"});
    errors.push(("pack newer", parse_pack(newer.to_string().as_bytes()).unwrap_err()));
    let bad_accent = json!({"stint_pack": 1, "id": "p", "name": "P", "version": "1", "accent": "blue"});
    errors.push(("pack accent", parse_pack(bad_accent.to_string().as_bytes()).unwrap_err()));
    errors.push(("ics not closed", import_ics("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", &options).unwrap_err()));
    let mut once = call("c2", London, local(2025, 1, 1, 15, 0), Recurrence::weekly(&[Weekday::Wed, Weekday::Wed]));
    once.title = "Standup".into();
    errors.push(("call weekdays", validate_call(&once).unwrap_err()));
    // 01:30 on 30 March 2025 does not exist in London: the clocks skip from 01:00 to 02:00.
    let skipped_time = call("c3", London, local(2025, 3, 30, 1, 30), Recurrence::once());
    errors.push(("call time skipped", validate_call(&skipped_time).unwrap_err()));
    errors.push(("not found", Error::NotFound(Thing::Community)));
    errors.push(("pending pack", Error::NotFound(Thing::PendingPack)));
    errors.push(("storage", Error::Storage("disk I/O error".into())));
    errors
}

#[test]
fn every_error_reads_as_a_sentence() {
    let errors = representative_errors();
    assert!(errors.len() >= 15);
    for (module, e) in errors {
        let message = e.to_string();
        assert_eq!(flaw(&message), None, "{module}: {message:?}");
    }
}

/// Checks that `words` reads as a sentence, with no key or placeholder left, in every language, and
/// that German and Spanish do not repeat the English; `what` names it in a failure.
fn assert_said_in_every_language(what: &str, words: &Msg) {
    for lang in Lang::ALL {
        let message = words.render(lang);
        assert_eq!(flaw(&message), None, "{what} in {lang:?}: {message:?}");
        assert!(!message.contains("error_"), "{what} in {lang:?} shows a key: {message:?}");
        assert!(!message.contains(['{', '}']), "{what} in {lang:?} leaves a placeholder: {message:?}");
        if lang != Lang::En {
            assert_ne!(message, words.render(Lang::En), "{what} is not translated into {lang:?}");
        }
    }
}

#[test]
fn every_translated_error_reads_as_a_sentence_in_every_language() {
    for (module, e) in &representative_errors() {
        assert_said_in_every_language(module, &e.words());
    }
}

/// Every error message of the catalogues, in every language, is a sentence in that language: it
/// starts with a capital (or a quote, or the sentence it wraps) and ends with a full stop, and
/// German and Spanish do not repeat the English. Parts said inside other sentences (`error_what_…`,
/// `error_place_…`, `error_shortcut_…`, a calendar line's reason `error_ics_why_…`) are left out.
#[test]
fn every_error_message_of_the_catalogues_is_a_sentence_in_its_language() {
    let parts = ["error_what_", "error_place_", "error_shortcut_", "error_ics_why_"];
    let english = stint_core::i18n::keys(Lang::En);
    let errors: Vec<&String> =
        english.iter().filter(|k| k.starts_with("error_") && !parts.iter().any(|p| k.starts_with(p))).collect();
    assert!(errors.len() > 150, "only {} error messages", errors.len());
    for key in errors {
        for lang in Lang::ALL {
            let text = stint_core::i18n::tr0(lang, key);
            let first = text.chars().next().unwrap_or(' ');
            assert!(first.is_uppercase() || "{“„«".contains(first), "{key} in {lang:?}: {text:?}");
            assert!(text.ends_with('.') || text.ends_with('}'), "{key} in {lang:?}: {text:?}");
            let exclaims = text.contains('!') && !["with !", "mit !", "por !"].iter().any(|room| text.contains(room));
            assert!(!exclaims, "{key} in {lang:?} exclaims: {text:?}");
            if lang != Lang::En && !text.starts_with('{') {
                assert_ne!(text, stint_core::i18n::tr0(Lang::En, key), "{key} is not translated into {lang:?}");
            }
        }
    }
}

#[test]
fn a_failed_subscription_refresh_reads_as_a_sentence() {
    let options = IcsImportOptions { default_zone: London, default_format_id: "pomodoro".into() };
    for outcome in [
        FetchOutcome::Fetched { body: vec![0xff, 0xfe], etag: None, last_modified: None },
        FetchOutcome::Fetched { body: b"not a calendar".to_vec(), etag: None, last_modified: None },
    ] {
        let FetchRead::Failed(reason) = read_fetch(outcome, &options) else { panic!("a failure was expected") };
        for lang in Lang::ALL {
            let reason = reason.render(lang);
            assert_eq!(flaw(&reason), None, "{lang:?}: {reason:?}");
        }
    }
}

/// One calendar event body per kind of reason an event is skipped or a change left out.
const SKIPPED_EVENTS: [&str; 23] = [
    "SUMMARY:x\n:no name\nDTSTART:20250101T100000Z",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY\nRRULE:FREQ=DAILY",
    "DTSTART:20250101T100000Z\nRRULE:WEEKLY",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=SOMETIMES",
    "DTSTART:20250101T100000Z\nRRULE:INTERVAL=2",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;UNTIL=soon",
    "SUMMARY:x\nthis line has no colon\nDTSTART:20250101T100000Z",
    "SUMMARY;CN=\"open:x\nDTSTART:20250101T100000Z",
    "SUMMARY;CN:x\nDTSTART:20250101T100000Z",
    "SUMMARY:x",
    "DTSTART:2025-01-01 10:00",
    "DTSTART;TZID=Mars/Olympus:20250101T100000",
    "DTSTART;VALUE=DATE:20250101",
    "DTSTART:20250101T100000Z\nDURATION:P2D",
    "DTSTART:20250101T100000Z\nDURATION:an hour",
    "DTSTART:20250101T100000Z\nDTEND:soon",
    "DTSTART:20250101T100000Z\nEXDATE:someday",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=YEARLY",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;INTERVAL=two",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;BYDAY=XX",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=3",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=MONTHLY;BYDAY=WE",
    "DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY;INTERVAL=500",
];

/// One file per kind of reason a whole calendar is refused.
const REFUSED_CALENDARS: [&str; 9] = [
    "VERSION:2.0",
    "BEGIN:VCALENDAR\nBEGIN:A\nBEGIN:B\nBEGIN:C\nBEGIN:D\nBEGIN:E\nBEGIN:F\nBEGIN:G\nBEGIN:H\nBEGIN:I",
    "hello",
    " continued\nBEGIN:VCALENDAR",
    "BEGIN:VCALENDAR\nBEGIN:\nEND:VCALENDAR",
    "BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\n",
    "BEGIN:VCALENDAR\nEND:VCALENDAR\nSUMMARY:x",
];

#[test]
fn every_skipped_event_and_refused_calendar_reads_as_a_sentence_in_every_language() {
    let options = IcsImportOptions { default_zone: London, default_format_id: "pomodoro".into() };
    let mut said = Vec::new();
    for body in SKIPPED_EVENTS {
        let file = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\n{body}\nEND:VEVENT\nEND:VCALENDAR\n");
        let import = import_ics(&file, &options).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(import.skipped_words.len(), 1, "{body}: {:?}", import.skipped);
        said.push((body.to_string(), import.skipped_words[0].clone()));
    }
    let series = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:s\nDTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n";
    for change in [
        "RECURRENCE-ID;RANGE=THISANDFUTURE:20250108T100000Z\nDTSTART:20250109T100000Z",
        "RECURRENCE-ID:soon\nDTSTART:20250109T100000Z",
        "RECURRENCE-ID:20250108T100000Z",
        "RECURRENCE-ID:20250108T100000Z\nDTSTART;VALUE=DATE:20250109",
        "RECURRENCE-ID:20250108T100000Z\nDTSTART:later",
    ] {
        let file = format!("{series}BEGIN:VEVENT\nUID:s\n{change}\nEND:VEVENT\nEND:VCALENDAR\n");
        let import = import_ics(&file, &options).unwrap_or_else(|e| panic!("{change}: {e}"));
        assert_eq!((import.calls.len(), import.skipped_words.len()), (1, 1), "{change}: {:?}", import.skipped);
        said.push((change.to_string(), import.skipped_words[0].clone()));
    }
    for file in REFUSED_CALENDARS {
        said.push((file.to_string(), import_ics(file, &options).expect_err(file).words()));
    }
    for (what, words) in said {
        assert_said_in_every_language(&what, &words);
    }
}

#[test]
fn a_date_inside_a_sentence_is_in_the_languages_own_form() {
    let skipped_time = call("c3", London, local(2025, 3, 30, 1, 30), Recurrence::once());
    let e = validate_call(&skipped_time).unwrap_err();
    let said: Vec<String> = Lang::ALL.iter().map(|lang| e.say(*lang)).collect();
    assert_eq!(
        said,
        [
            "The time Mar 30, 2025, 1:30 AM does not exist in Europe/London, because the clocks skip it that day. \
             Choose another start time.",
            "Die Uhrzeit 30.03.2025, 01:30 gibt es in Europe/London nicht, weil die Uhren an diesem Tag vorgestellt \
             werden. Wähle eine andere Startzeit.",
            "La hora 30 mar 2025, 1:30 no existe en Europe/London, porque ese día los relojes se la saltan. Elige \
             otra hora de inicio.",
        ]
    );
    let gb = stint_core::i18n::Speech::of(Lang::En, "en-GB");
    assert!(e.say_in(gb).starts_with("The time 30 Mar 2025, 01:30 does not exist"), "{}", e.say_in(gb));
}

#[test]
fn the_sentence_check_catches_the_old_field_dumps() {
    assert!(flaw("phases[2].seconds: must be at most 24 h").is_some());
    assert!(flaw("session 1 was not found").is_some());
    assert!(flaw("A phase lasts 5 seconds to 8 hours (28800 s), got 3 s.").is_some());
    assert!(flaw("There is no format with this format_id.").is_some());
    assert!(flaw("A phase lasts 5 s to 8 h; phase 2 lasts 9 h. Change its length and save again.").is_none());
}

#[test]
fn a_message_names_the_users_thing_and_its_limit() {
    let mut draft = sprint_draft("Deep work");
    draft.phases[1].seconds = 9 * 3600;
    let e = draft.validated().unwrap_err();
    assert_eq!(e.to_string(), "A phase lasts 5 s to 8 h; phase 2 lasts 9 h. Change its length and save again.");
    assert_eq!(e.field(), Some("phases[1].seconds"), "the field still places the sentence");
}
