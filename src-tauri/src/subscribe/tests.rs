//! The fetch against a real HTTP server on 127.0.0.1: validators sent back, 304, failures as
//! sentences, a body over the cap refused whether or not it says its length, a slow body cut off.

use std::time::{Duration, Instant};

use stint_core::subscription::{FetchOutcome, FetchRequest};

use super::fetch::{fetch, Limits};
use super::test_server::{Mode, TestServer};

const CALENDAR: &[u8] = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

fn request(server: &TestServer, etag: Option<&str>) -> FetchRequest {
    FetchRequest { id: 1, url: server.url.clone(), etag: etag.map(str::to_string), last_modified: None }
}

fn run(request: &FetchRequest, limits: Limits) -> FetchOutcome {
    tauri::async_runtime::block_on(fetch(request, limits))
}

fn reason(outcome: FetchOutcome) -> String {
    match outcome {
        FetchOutcome::Failed { reason } => reason.render(stint_core::i18n::Lang::En),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn a_calendar_comes_with_its_etag_and_sending_it_back_gets_a_304() {
    let server = TestServer::start(CALENDAR);
    let first = run(&request(&server, None), Limits::default());
    assert_eq!(
        first,
        FetchOutcome::Fetched { body: CALENDAR.to_vec(), etag: Some("\"v1\"".into()), last_modified: None }
    );
    assert_eq!(run(&request(&server, Some("\"v1\"")), Limits::default()), FetchOutcome::NotModified);
    assert_eq!(server.state().if_none_match, [None, Some("\"v1\"".to_string())]);
    assert_eq!(server.state().not_modified, 1);
}

#[test]
fn server_errors_and_missing_calendars_are_sentences() {
    let server = TestServer::start(CALENDAR);
    server.state().mode = Mode::Status(500);
    let why = reason(run(&request(&server, None), Limits::default()));
    assert!(why.contains("answered 500") && why.ends_with('.'), "{why}");
    server.state().mode = Mode::Status(404);
    let why = reason(run(&request(&server, None), Limits::default()));
    assert!(why.starts_with("There is no calendar at this address") && why.contains("404"), "{why}");
    let closed = FetchRequest { url: "http://127.0.0.1:9/calendar.ics".into(), ..request(&server, None) };
    let why = reason(run(&closed, Limits::default()));
    assert!(why.starts_with("Stint could not reach 127.0.0.1"), "{why}");
}

#[test]
fn a_body_over_the_cap_is_refused_with_or_without_its_length() {
    let big = vec![b'x'; 4096];
    let server = TestServer::start(&big);
    let limits = Limits { max_bytes: 2048, ..Limits::default() };
    let why = reason(run(&request(&server, None), limits));
    assert!(why.contains("larger than 2 KiB"), "{why}");
    server.state().mode = Mode::NoLength;
    let why = reason(run(&request(&server, None), limits));
    assert!(why.contains("larger than 2 KiB"), "{why}");
    server.state().body = CALENDAR.to_vec();
    assert!(matches!(run(&request(&server, None), limits), FetchOutcome::Fetched { .. }), "under the cap it is read");
}

#[test]
fn a_body_that_trickles_is_cut_off_at_the_time_limit() {
    let server = TestServer::start(&[b'x'; 100]);
    server.state().mode = Mode::Slow;
    let started = Instant::now();
    let why = reason(run(&request(&server, None), Limits { timeout: Duration::from_secs(1), ..Limits::default() }));
    assert!(why.contains("did not send the calendar within 1 s."), "{why}");

    assert!(started.elapsed() < Duration::from_secs(10), "cut off, not waited out");
}
