//! The room service against a real Synapse, two of them as two Stints with separate databases: the
//! host goes live, the member joins and mirrors; the host's actions reach the member's store (with
//! the latency measured), a server restart loses nothing, the member cannot drive, and both are
//! present.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use stint_core::i18n::{Lang, Msg};
use stint_core::live::{self, Changes};
use stint_core::store::Store;
use stint_core::timeline::EventKind;

use super::service::{self, RoomHandle, RoomSink, RoomStatus};
use super::synapse::Synapse;
use super::tests::format;
use super::vault::MemoryVault;
use super::{login_password, Homeserver, RoomClient, RoomError};
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

#[derive(Clone, Default)]
pub(super) struct Recorded(Arc<Mutex<(Vec<Changes>, Option<RoomStatus>)>>);

impl RoomSink for Recorded {
    fn changed(&self, changes: Changes) {
        self.0.lock().unwrap().0.push(changes);
    }
    fn status(&self, status: &RoomStatus) {
        self.0.lock().unwrap().1 = Some(status.clone());
    }
}

pub(super) struct App {
    pub(super) store: SharedStore,
    pub(super) room: RoomHandle,
    _dir: tempfile::TempDir,
}

pub(super) fn app() -> App {
    app_with_clock(ShiftedClock::default())
}

/// A Stint whose runner and room read `clock` (a computer whose clock is off, for the skew test).
fn app_with_clock(clock: ShiftedClock) -> App {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path().join("stint.db"), Utc::now()).unwrap();
    let store = SharedStore::new(store);
    let room =
        service::spawn(store.clone(), Box::new(MemoryVault::default()), Box::new(Recorded::default()), clock).unwrap();
    App { store, room, _dir: dir }
}

/// Every report is numbered above the one before, a sign-out's (which resets the status) included,
/// and a command answers with the last report's number: a window keeps the highest it has seen,
/// since a command's answer and the status events can reach it out of order.
#[tokio::test]
async fn every_report_is_numbered_above_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path().join("stint.db"), Utc::now()).unwrap();
    let sink = Recorded::default();
    let room = service::spawn(
        SharedStore::new(store),
        Box::new(MemoryVault::default()),
        Box::new(sink.clone()),
        ShiftedClock::default(),
    )
    .unwrap();
    let reported = || sink.0.lock().unwrap().1.as_ref().map(|s| s.seq);
    until("the first report", || reported().is_some()).await;
    let first = reported().unwrap();
    assert!(first >= 1);
    room.sign_out().await.unwrap();
    let answered = room.status(Lang::En).seq;
    assert!(answered > first, "the sign-out's report ({answered}) is numbered after the first ({first})");
    assert_eq!(reported(), Some(answered), "the answer carries the last report's number");
}

/// A language change reports the status again, numbered above the last, so that every window
/// replaces the sentences it holds with the same ones said in the new language.
#[tokio::test]
async fn a_language_change_reports_the_status_again() {
    let app = app();
    until("the first report", || app.room.status(Lang::En).seq >= 1).await;
    let before = app.room.status(Lang::En).seq;
    app.room.report_again();
    until("the status is reported again", || app.room.status(Lang::En).seq > before).await;
}

/// Waits up to 10 s for `ready`, polling every 5 ms; the time it took.
pub(super) async fn until(what: &str, mut ready: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(10), "not within 10 s: {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    start.elapsed()
}

/// `until` for what waits on a reconnection's backoff (at most 30 s, and Synapse's start).
async fn until_long(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(90), "not within 90 s: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A Synapse with `host` (its admin) and `member` registered, and `#cafe:localhost` created by `host`.
async fn cafe_server(member: &str) -> Synapse {
    let server = Synapse::start();
    server.register("host", "host-pw", true);
    server.register(member, &format!("{member}-pw"), false);
    let homeserver = Homeserver::connect(&server.base_url).await.unwrap();
    let creator = RoomClient::new(homeserver.clone(), login_password(&homeserver, "host", "host-pw").await.unwrap());
    creator.create_room("Cafe", Some("cafe")).await.unwrap();
    server
}

fn followed_events(app: &App) -> usize {
    app.store.lock().active_session().unwrap().map_or(0, |s| s.timeline.events().len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_mirrors_the_hosts_live_session_through_a_real_homeserver() {
    let server = cafe_server("ada").await;
    let host = app();
    {
        let mut store = host.store.lock();
        let format = store.create_format(format(), Utc::now()).unwrap();
        store.start_session(&format.id, Utc::now(), &[]).unwrap();
    }
    host.room.sign_in(server.base_url.clone(), "host".into(), "host-pw".into()).await.unwrap();
    host.room.go_live("#cafe:localhost".into()).await.unwrap();
    assert_eq!(host.room.status(Lang::En).role.as_deref(), Some("host"));

    let member = app();
    let refused = member.room.go_live("#cafe:localhost".into()).await.unwrap_err();
    assert_eq!(refused, Msg::new("error_room_not_signed_in"));
    member.room.sign_in(server.base_url.clone(), "ada".into(), "ada-pw".into()).await.unwrap();
    let refused = member.room.go_live("#cafe:localhost".into()).await.unwrap_err();
    assert!(refused.render(Lang::En).contains("does not let @ada:localhost run its timer"), "{refused:?}");
    assert!(refused.render(Lang::De).starts_with("Dieser Raum lässt @ada:localhost seinen Timer nicht führen."));
    member.room.join("#cafe:localhost".into()).await.unwrap();
    until("the member follows the host's session", || member.store.lock().active_session().unwrap().is_some()).await;
    let started = member.store.lock().active_session().unwrap().unwrap();
    assert_eq!(started.format_name, format().name);

    // 20 host actions (pause, resume, …), each timed from the host's action to the member's store.
    let mut latencies = Vec::new();
    for i in 0..20 {
        let kind = if i % 2 == 0 { EventKind::Pause } else { EventKind::Resume };
        let acted = Instant::now();
        live::act(&mut host.store.lock(), kind, Utc::now()).unwrap();
        host.room.session_changed();
        until("the host's action reaches the member", || followed_events(&member) == i + 1).await;
        latencies.push(acted.elapsed());
    }
    latencies.sort();
    eprintln!(
        "host action → member's store over loopback Synapse: p50 {:?}, p95 {:?}",
        latencies[latencies.len() / 2],
        latencies[latencies.len() * 95 / 100]
    );
    live::act(&mut host.store.lock(), EventKind::Extend { seconds: 300 }, Utc::now()).unwrap();
    host.room.session_changed();
    until("+5 min reaches the member", || followed_events(&member) == 21).await;

    // The homeserver goes away: the member says so and goes on; the host pauses meanwhile, and once
    // the server is back the host's resync writes the pause and the member's resync reads it.
    server.stop();
    until("the member says it is offline", || member.room.status(Lang::En).connection.as_deref() == Some("offline"))
        .await;
    live::act(&mut host.store.lock(), EventKind::Pause, Utc::now()).unwrap();
    host.room.session_changed();
    server.restart();
    until_long("the pause made offline reaches the member", || followed_events(&member) == 22).await;
    assert_eq!(member.room.status(Lang::En).connection.as_deref(), Some("connected"));

    let refused = live::act(&mut member.store.lock(), EventKind::Skip, Utc::now()).unwrap_err();
    assert!(refused.to_string().contains("Leave the room"), "{refused}");

    until("both are present", || member.room.status(Lang::En).present.len() == 2).await;
    let present: Vec<String> = member.room.status(Lang::En).present.into_iter().map(|p| p.user_id).collect();
    assert_eq!(present, ["@ada:localhost", "@host:localhost"]);

    member.room.leave().await.unwrap();
    live::act(&mut member.store.lock(), EventKind::Skip, Utc::now()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_whose_clock_is_3_s_ahead_is_corrected_and_warned() {
    let server = cafe_server("bob").await;
    let host = app();
    let hosted_start = {
        let mut store = host.store.lock();
        let format = store.create_format(format(), Utc::now()).unwrap();
        store.start_session(&format.id, Utc::now(), &[]).unwrap();
        store.active_session().unwrap().unwrap().timeline.started_at
    };
    host.room.sign_in(server.base_url.clone(), "host".into(), "host-pw".into()).await.unwrap();
    host.room.go_live("#cafe:localhost".into()).await.unwrap();
    assert_eq!(host.room.status(Lang::En).clock_warning, None);

    let member = app_with_clock(ShiftedClock::new(3000));
    member.room.sign_in(server.base_url.clone(), "bob".into(), "bob-pw".into()).await.unwrap();
    member.room.join("#cafe:localhost".into()).await.unwrap();
    until("the member follows the host's session", || member.store.lock().active_session().unwrap().is_some()).await;

    let warning = member.room.status(Lang::En).clock_warning.expect("a clock 3 s ahead is warned about");
    assert!(warning.starts_with("Your computer's clock is about 3 seconds ahead of the room's server."), "{warning}");
    let warnung = member.room.status(Lang::De).clock_warning.unwrap();
    assert!(warnung.starts_with("Die Uhr deines Computers geht etwa 3 Sekunden vor"), "{warnung}");
    // The followed session sits in the member's own (3 s ahead) time: its phases change when the host's do.
    let followed_start = member.store.lock().active_session().unwrap().unwrap().timeline.started_at;
    let shift = (followed_start - hosted_start).num_milliseconds();
    assert!((2_500..=3_500).contains(&shift), "the member's session starts {shift} ms after the host's");
}

#[test]
fn the_status_says_its_sentences_in_the_language_asked_and_sends_no_message_keys() {
    let status = RoomStatus {
        problem: Some(RoomError::SignedOut.words()),
        clock_off: Some(Msg::new("room_clock_behind").count("seconds", 1)),
        ..RoomStatus::default()
    };
    let de = status.clone().said(Lang::De);
    assert_eq!(
        de.message.as_deref(),
        Some("Deine Matrix-Sitzung ist beendet. Melde dich unter Einstellungen → Live-Räume erneut an.")
    );
    assert!(de.clock_warning.as_deref().unwrap().starts_with("Die Uhr deines Computers geht etwa 1 Sekunde nach"));
    let en = status.said(Lang::En);
    assert_eq!(en.message.as_deref(), Some("Your Matrix session has ended. Sign in again in Settings → Live rooms."));
    assert!(en.clock_warning.as_deref().unwrap().starts_with("Your computer's clock is about 1 second behind"));
    let json = serde_json::to_value(&en).unwrap();
    assert!(json.get("problem").is_none() && json.get("clock_off").is_none(), "{json}");
    assert_eq!(json["message"], "Your Matrix session has ended. Sign in again in Settings → Live rooms.");
}
