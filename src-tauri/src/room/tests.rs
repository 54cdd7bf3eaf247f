//! The client against a real Synapse (scripts/synapse.sh): sign-in, rooms, timed writes, power levels,
//! and the long-poll loop through a server restart. Core decides what the content means; these tests
//! feed what the client delivers to core's `Follow`, as the runner will.

use std::time::Duration;

use chrono::{DateTime, Utc};
use stint_core::format::{FormatDraft, Phase, PhaseKind};
use stint_core::room::{ClockEstimate, Follow, FollowChange, SessionDoc, MEMBER_EVENT_TYPE, SESSION_EVENT_TYPE};
use stint_core::timeline::{Event, EventKind};
use tokio::sync::mpsc;

use super::synapse::Synapse;
use super::*;

/// Focus 25 min, break 5 min (also the service's tests' format).
pub(super) fn format() -> FormatDraft {
    FormatDraft {
        name: "Cafe".into(),
        attribution: None,
        phases: vec![
            Phase { label: "Focus".into(), kind: PhaseKind::Focus, seconds: 1500, prompt: None },
            Phase { label: "Break".into(), kind: PhaseKind::Break, seconds: 300, prompt: None },
        ],
        commitments: Default::default(),
        repeat: None,
    }
}

async fn signed_in(server: &Synapse, user: &str, password: &str) -> RoomClient {
    let homeserver = Homeserver::connect(&server.base_url).await.unwrap();
    let session = login_password(&homeserver, user, password).await.unwrap();
    RoomClient::new(homeserver, session)
}

/// A user `host` (admin) with a room `#cafe` set up for live calls, and a member `ada` in it.
async fn room_with_host_and_member(server: &Synapse) -> (RoomClient, RoomClient, String) {
    server.register("host", "host-pw", true);
    server.register("ada", "ada-pw", false);
    let host = signed_in(server, "host", "host-pw").await;
    let room_id = host.create_room("Cafe", Some("cafe")).await.unwrap();
    let ada = signed_in(server, "ada", "ada-pw").await;
    assert_eq!(ada.join("#cafe:localhost").await.unwrap(), room_id);
    (host, ada, room_id)
}

async fn write_session(client: &RoomClient, room_id: &str, doc: &SessionDoc) -> Written {
    client.write_state(room_id, SESSION_EVENT_TYPE, "", &doc.to_content(), Utc::now).await.unwrap()
}

/// The next update, failing after `seconds`.
async fn next(updates: &mut mpsc::Receiver<RoomUpdate>, seconds: u64) -> RoomUpdate {
    tokio::time::timeout(Duration::from_secs(seconds), updates.recv())
        .await
        .unwrap_or_else(|_| panic!("no room update within {seconds} s"))
        .expect("the loop is running")
}

/// Offers every session event of an update to `follow`, with the power levels of `levels_from`.
fn apply(follow: &mut Follow, update: &RoomUpdate, levels_from: &RoomState) -> Vec<FollowChange> {
    let events: Vec<&StateEvent> = match update {
        RoomUpdate::Snapshot(state) => state.events.iter().collect(),
        RoomUpdate::Changed(events) => events.iter().collect(),
        _ => Vec::new(),
    };
    let levels = levels_from.power_levels();
    events
        .into_iter()
        .filter(|e| e.event_type == SESSION_EVENT_TYPE)
        .filter_map(|e| follow.offer(&e.content, &e.sender, &levels).ok())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_join_read_the_state_in_one_request_and_write_timed_events() {
    let server = Synapse::start();
    let homeserver = Homeserver::connect(&server.base_url).await.unwrap();
    let options = login_options(&homeserver).await.unwrap();
    assert!(options.password, "{options:?}");
    assert!(!options.sso && options.oauth.is_none(), "the test server offers only passwords: {options:?}");
    assert!(sso_redirect_url(&homeserver, Some("oidc-x"), "http://127.0.0.1:7777/done")
        .unwrap()
        .contains("/login/sso/redirect/oidc-x?redirectUrl=http%3A%2F%2F127.0.0.1%3A7777%2Fdone"));

    let (host, ada, room_id) = room_with_host_and_member(&server).await;
    server.register("eve", "eve-pw", false);
    assert_eq!(login_password(&homeserver, "eve", "wrong").await.unwrap_err(), RoomError::BadLogin);
    let eve = signed_in(&server, "eve", "eve-pw").await;
    assert_eq!(eve.join("#nowhere:localhost").await.unwrap_err(), RoomError::NotFound);
    assert!(matches!(eve.join("cafe").await.unwrap_err(), RoomError::Invalid { .. }));
    eve.join(&room_id).await.unwrap();

    // The host writes the session; the write is timed and stamped by the server.
    let doc = SessionDoc::start("s-1", host.user_id(), &format(), Utc::now()).unwrap();
    let written = write_session(&host, &room_id, &doc).await;
    let sample = written.sample.expect("the server's stamp on the write");
    assert!(sample.round_trip_ms() >= 0);
    let mut clock = ClockEstimate::new();
    clock.record(sample);
    assert_eq!(clock.correction_ms(), 0, "one machine, one clock: {} ms", clock.measured_ms());

    // A late joiner reads everything in one request and lands in the session.
    let state = ada.room_state(&room_id).await.unwrap();
    let session = state.get(SESSION_EVENT_TYPE, "").expect("the session is in the room's state");
    let mut follow = Follow::new();
    assert_eq!(follow.offer(&session.content, &session.sender, &state.power_levels()), Ok(FollowChange::Started));
    assert_eq!(follow.current().unwrap(), &doc);

    // Members announce themselves; someone without the power level cannot host, the server says so.
    let member = stint_core::room::member_content("s-1", stint_core::room::MemberStatus::Working, Utc::now(), None);
    ada.write_state(&room_id, MEMBER_EVENT_TYPE, ada.user_id(), &member, Utc::now).await.unwrap();
    let hijack = SessionDoc::start("s-2", eve.user_id(), &format(), Utc::now()).unwrap();
    let refused = eve.write_state(&room_id, SESSION_EVENT_TYPE, "", &hijack.to_content(), Utc::now).await;
    assert!(matches!(refused, Err(RoomError::Forbidden { .. })), "{refused:?}");
    assert!(refused.unwrap_err().to_string().starts_with("The homeserver refused this"));
    let state = ada.room_state(&room_id).await.unwrap();
    assert_eq!(state.all(MEMBER_EVENT_TYPE).count(), 1);
    assert_eq!(state.get(SESSION_EVENT_TYPE, "").unwrap().sender, host.user_id());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_whose_clock_is_3_seconds_behind_is_corrected_and_warned() {
    let server = Synapse::start();
    let (_host, ada, room_id) = room_with_host_and_member(&server).await;
    let behind = || -> DateTime<Utc> { Utc::now() - chrono::Duration::seconds(3) };
    let mut clock = ClockEstimate::new();
    for _ in 0..3 {
        let member = stint_core::room::member_content("s-1", stint_core::room::MemberStatus::Working, behind(), None);
        let written = ada.write_state(&room_id, MEMBER_EVENT_TYPE, ada.user_id(), &member, behind).await.unwrap();
        clock.record(written.sample.unwrap());
    }
    let correction = clock.correction_ms();
    assert!((2_800..=3_200).contains(&correction), "measured {correction} ms");
    assert!(clock.warning().unwrap().render(stint_core::i18n::Lang::En).contains("behind the room's server"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_long_poll_delivers_host_actions_and_resyncs_after_the_server_restarts() {
    let server = Synapse::start();
    let (host, ada, room_id) = room_with_host_and_member(&server).await;
    let doc = SessionDoc::start("s-1", host.user_id(), &format(), Utc::now()).unwrap();
    write_session(&host, &room_id, &doc).await;

    let (tx, mut updates) = mpsc::channel(16);
    let thread = spawn_room_thread(ada.clone(), room_id.clone(), tx).unwrap();
    let RoomUpdate::Snapshot(state) = next(&mut updates, 20).await else { panic!("a snapshot comes first") };
    let mut follow = Follow::new();
    assert_eq!(apply(&mut follow, &RoomUpdate::Snapshot(state.clone()), &state), [FollowChange::Started]);

    // The host pauses: the member's long-poll returns with it.
    let paused = doc.with_event(Event { at: Utc::now(), kind: EventKind::Pause }).unwrap();
    write_session(&host, &room_id, &paused).await;
    let update = next(&mut updates, 10).await;
    assert_eq!(apply(&mut follow, &update, &state), [FollowChange::Updated]);
    assert!(follow.state_at(Utc::now()).unwrap().paused);

    // The server goes away: the member is told once and keeps the last known state.
    server.stop();
    let update = next(&mut updates, 60).await;
    assert!(matches!(update, RoomUpdate::Offline(RoomError::Unreachable { .. })), "{update:?}");
    let down = host.write_state(&room_id, SESSION_EVENT_TYPE, "", &paused.to_content(), Utc::now).await;
    assert!(matches!(down, Err(RoomError::Unreachable { .. })), "{down:?}");
    assert_eq!(follow.current().unwrap().rev, 2);

    // Back up: the member resyncs the whole state, then follows the next action again.
    server.restart();
    let update = next(&mut updates, 60).await;
    let RoomUpdate::Snapshot(state) = &update else { panic!("a resync after the outage, got {update:?}") };
    assert_eq!(apply(&mut follow, &update, state), [FollowChange::Unchanged]);
    let resumed = paused.with_event(Event { at: Utc::now(), kind: EventKind::Resume }).unwrap();
    write_session(&host, &room_id, &resumed).await;
    let update = next(&mut updates, 10).await;
    assert_eq!(apply(&mut follow, &update, state), [FollowChange::Updated]);
    assert_eq!(follow.current().unwrap().rev, 3);
    assert!(!follow.state_at(Utc::now()).unwrap().paused);
    thread.stop();
}
