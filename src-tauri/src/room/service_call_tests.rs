//! A call tied to a room, and commitment sharing, through the room service against a real Synapse
//! (two services with two stores, as two Stints): when the call starts in each Stint, the one the
//! room's power levels allow hosts and the other follows, nobody typing the address; a member's
//! commitments reach the host only after the member chose to share them, with their done state.

use chrono::{Duration, DurationRound, Utc};
use stint_core::calls::{Call, Recurrence};
use stint_core::commitment::CommitmentStatus;
use stint_core::i18n::Lang;
use stint_core::live::{self, JoinTarget};
use stint_core::room::SharedCommitment;

use super::service_tests::{app, until, App};
use super::synapse::Synapse;
use super::{login_password, Homeserver, RoomClient};

const ROOM: &str = "#coworking:localhost";

/// Stores today's call (started 5 minutes ago, for an hour), tied to `ROOM`, and joins it.
fn start_the_call(app: &App) -> i64 {
    let start = (Utc::now() - Duration::minutes(5)).duration_trunc(Duration::minutes(1)).unwrap();
    let call = Call {
        id: String::new(),
        title: "Coworking hour".into(),
        community_id: None,
        format_id: "pomodoro".into(),
        first_start: start.naive_utc(),
        time_zone: chrono_tz::UTC,
        duration_minutes: 60,
        recurrence: Recurrence::once(),
        join_link: None,
        notes_link: None,
        reminder_minutes: None,
        skip_on_days_of: Vec::new(),
    };
    let mut store = app.store.lock();
    let id = store.create_call(call, Utc::now()).unwrap().call.id;
    store.set_call_room(&id, Some(ROOM)).unwrap();
    let target = JoinTarget { call_id: id, occurrence_start: start };
    live::join(&mut store, &target, false, Utc::now()).unwrap().outcome.view.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_calls_room_makes_its_host_go_live_and_everyone_else_follow_and_members_may_share() {
    let server = Synapse::start();
    server.register("host", "host-pw", true);
    server.register("ada", "ada-pw", false);
    let homeserver = Homeserver::connect(&server.base_url).await.unwrap();
    let creator = RoomClient::new(homeserver.clone(), login_password(&homeserver, "host", "host-pw").await.unwrap());
    creator.create_room("Coworking", Some("coworking")).await.unwrap();

    let (host, member) = (app(), app());
    host.room.sign_in(server.base_url.clone(), "host".into(), "host-pw".into()).await.unwrap();
    member.room.sign_in(server.base_url.clone(), "ada".into(), "ada-pw".into()).await.unwrap();
    start_the_call(&host);
    let own = start_the_call(&member);
    let room = host.store.lock().call_rooms().unwrap()[0].room.clone();
    host.room.enter_call(room.clone()).await.unwrap();
    assert_eq!(host.room.status(Lang::En).role.as_deref(), Some("host"), "the room lets @host run its timer");
    member.room.enter_call(room).await.unwrap();
    assert_eq!(member.room.status(Lang::En).role.as_deref(), Some("member"), "@ada only follows");
    until("the member mirrors the host's call", || {
        member.store.lock().active_session().unwrap().is_some_and(|s| s.id != own)
    })
    .await;
    let hosted = host.store.lock().active_session().unwrap().unwrap();
    let mirrored = member.store.lock().active_session().unwrap().unwrap();
    let apart = (hosted.timeline.started_at - mirrored.timeline.started_at).num_milliseconds().abs();
    assert!(apart < 1000, "the mirror starts when the occurrence did ({apart} ms apart)");

    // Off by default: the host sees Ada, and none of her commitments.
    {
        let mut store = member.store.lock();
        store.add_commitment(mirrored.id, "Draft the intro", Utc::now()).unwrap();
        let done = store.add_commitment(mirrored.id, "Answer the reviewers", Utc::now()).unwrap();
        store.resolve_commitment(done.id, CommitmentStatus::Done, None, Utc::now()).unwrap();
    }
    member.room.session_changed();
    let ada = |app: &App| app.room.status(Lang::En).present.into_iter().find(|p| p.user_id == "@ada:localhost");
    until("the host sees Ada", || ada(&host).is_some()).await;
    assert!(ada(&host).unwrap().commitments.is_empty(), "nothing is shared before Ada chooses to");
    assert!(!member.room.status(Lang::En).sharing);

    member.room.share(true).await.unwrap();
    assert!(member.room.status(Lang::En).sharing);
    let shared = vec![
        SharedCommitment { text: "Draft the intro".into(), done: false },
        SharedCommitment { text: "Answer the reviewers".into(), done: true },
    ];
    until("Ada's commitments reach the host", || ada(&host).is_some_and(|p| p.commitments == shared)).await;

    member.room.share(false).await.unwrap();
    until("stopping sharing takes them away", || ada(&host).is_some_and(|p| p.commitments.is_empty())).await;

    member.room.leave().await.unwrap();
    until("a member who leaves drops off", || ada(&host).is_none()).await;
}
