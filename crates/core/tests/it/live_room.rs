//! The live room as one more writer of the live session: a member's session mirrors the host's
//! document through `live::receive` / `live::follow`, lands a late joiner in the current phase,
//! announces each host action through the runner's wakes, refuses what is stale or malformed, applies
//! the clock offset, and cannot be driven locally; a host's actions become the next document.

use chrono::Duration;
use serde_json::json;
use stint_core::live::{self, Wake};
use stint_core::room::{parse_session, Follow, PowerLevels, Rejection, SessionDoc};
use stint_core::store::{RoomRole, ROOM_FORMAT_ID};
use stint_core::timeline::{state_at, Event, EventKind, PhaseOutcome};
use stint_core::Error;

use crate::live_support::*;

const HOST: &str = "@host:example.org";
const MEMBER: &str = "@ada:example.org";
const ROOM: &str = "#cafe:example.org";

fn levels() -> PowerLevels {
    PowerLevels::from_content(&json!({
        "users": { HOST: 50 },
        "users_default": 0,
        "events": { "app.stint.session": 50, "app.stint.member": 0 },
        "state_default": 50
    }))
}

/// The host's session: three 50/10/50 phases started at 09:00 room time.
fn hosted() -> SessionDoc {
    SessionDoc::start("cafe-1", HOST, &three_phases(), at(0)).unwrap()
}

fn with(doc: &SessionDoc, minute: i64, kind: EventKind) -> SessionDoc {
    doc.with_event(Event { at: at(minute), kind }).unwrap()
}

fn bytes(doc: &SessionDoc) -> Vec<u8> {
    serde_json::to_vec(&doc.to_content()).unwrap()
}

/// A member's app at `minute` past 09:00 that joined the room.
struct Member {
    sim: Sim,
    follow: Follow,
}

impl Member {
    fn at(minute: i64) -> Self {
        let mut sim = Sim::start(Data::new(), HOLD, at(minute));
        live::join_room(&mut sim.data.store, ROOM, MEMBER).unwrap();
        Member { sim, follow: Follow::new() }
    }

    /// The room delivers `content` from `sender`; the member's clock is `offset_ms` behind the room's.
    fn deliver_from(&mut self, content: &[u8], sender: &str, offset_ms: i64) -> live::Received {
        let now = self.sim.now();
        let received =
            live::receive(&mut self.sim.data.store, &mut self.follow, content, sender, &levels(), offset_ms, now)
                .unwrap();
        if received.changes.session {
            self.sim.send(Wake::Reload);
        }
        received
    }

    fn deliver(&mut self, doc: &SessionDoc) -> live::Received {
        self.deliver_from(&bytes(doc), HOST, 0)
    }

    fn session(&mut self) -> stint_core::store::SessionRecord {
        self.sim.data.store.active_session().unwrap().expect("a followed session")
    }

    fn label(&mut self) -> String {
        let now = self.sim.now();
        state_at(&self.session().timeline, now).phase.label
    }
}

#[test]
fn a_late_joiner_lands_in_the_current_phase_without_announcing_the_phases_it_missed() {
    let doc = with(&with(&hosted(), 10, EventKind::Pause), 15, EventKind::Resume);
    let mut member = Member::at(60);
    assert_eq!(member.deliver(&doc).rejected, None);

    let session = member.session();
    assert_eq!(session.format_id, ROOM_FORMAT_ID);
    assert_eq!(session.format_name, "Block");
    let state = state_at(&session.timeline, at(60));
    assert_eq!(state.phase.label, "Break", "50 min of focus and a 5 min pause end at 09:55, the break at 10:05");
    assert_eq!(state.ends_at, Some(at(65)));
    let id = session.id;
    assert_eq!(member.sim.outcomes(id), [("Focus 1".to_string(), PhaseOutcome::Completed)]);
    assert_eq!(member.sim.announced(), ["You follow the host's live session"]);
}

#[test]
fn the_hosts_pause_skip_and_extend_reach_the_members_session_and_notifications() {
    let mut member = Member::at(0);
    let mut doc = hosted();
    member.deliver(&doc);
    member.sim.pass(minutes(10));

    doc = with(&doc, 10, EventKind::Pause);
    member.deliver(&doc);
    assert!(state_at(&member.session().timeline, member.sim.now()).paused);

    member.sim.pass(minutes(2));
    doc = with(&doc, 12, EventKind::Resume);
    member.deliver(&doc);
    doc = with(&doc, 12, EventKind::Skip);
    member.deliver(&doc);
    assert_eq!(member.label(), "Break");

    member.sim.pass(minutes(1));
    doc = with(&doc, 13, EventKind::Extend { seconds: 300 });
    member.deliver(&doc);
    let state = state_at(&member.session().timeline, member.sim.now());
    assert_eq!(state.ends_at, Some(at(12 + 15)), "a 10 min break from 09:12, plus 5 min");

    assert_eq!(
        member.sim.announced(),
        [
            "You follow the host's live session",
            "The host paused the timer",
            "The host resumed the timer",
            "The host moved on to the next phase",
            "The host added 5 min",
        ]
    );
    let offered: Vec<bool> = member
        .sim
        .log
        .iter()
        .filter_map(|s| if let Seen::Announce(_, _, a, _) = s { Some(*a) } else { None })
        .collect();
    assert!(offered.iter().all(|a| !a), "a member is offered no Skip / +5 min: only the host drives");

    member.sim.pass(minutes(14));
    assert_eq!(member.label(), "Focus 2", "the break ends by time at 09:27 as the host's does");
    assert_eq!(member.sim.announced().last().unwrap(), "Break over");
}

#[test]
fn a_member_with_auto_start_off_does_not_hold_the_hosts_next_phase() {
    let mut member = Member::at(0);
    member.deliver(&hosted());
    member.sim.pass(minutes(51));
    assert_eq!(member.label(), "Break");
    assert!(!state_at(&member.session().timeline, member.sim.now()).paused);
}

#[test]
fn a_stale_revision_is_refused_and_changes_nothing() {
    let mut member = Member::at(20);
    let newer = with(&with(&hosted(), 10, EventKind::Pause), 11, EventKind::Resume);
    member.deliver(&newer);
    let before = member.session();

    let older_other = with(&hosted(), 5, EventKind::Skip);
    assert_eq!(older_other.rev, 2);
    let received = member.deliver(&older_other);
    assert_eq!(received.rejected, Some(Rejection::Stale { rev: 2, last: 3 }));
    assert!(!received.changes.session);
    assert_eq!(member.session(), before);
}

#[test]
fn malformed_or_unauthorised_content_is_refused_and_starts_nothing() {
    let mut member = Member::at(20);
    let own = member.sim.data.store.start_session(stint_core::builtins::POMODORO, at(19), &[]).unwrap();
    for content in [b"not json".to_vec(), br#"{"v": 1, "session_id": "x"}"#.to_vec(), vec![b' '; 70 * 1024]] {
        let received = member.deliver_from(&content, HOST, 0);
        assert!(received.rejected.is_some(), "{content:?}");
        assert!(!received.changes.session);
    }
    let mut by_eve = SessionDoc::start("cafe-1", "@eve:example.org", &three_phases(), at(0)).unwrap();
    by_eve = with(&by_eve, 1, EventKind::Skip);
    assert!(member.deliver_from(&bytes(&by_eve), "@eve:example.org", 0).rejected.is_some());

    let running = member.sim.data.store.active_session().unwrap().unwrap();
    assert_eq!(running.id, own.id, "the user's own session still runs");
    assert_eq!(member.sim.data.store.room_link().unwrap().unwrap().local_id, None);
}

#[test]
fn a_hosts_action_that_the_offset_puts_in_the_members_future_applies_at_once() {
    let mut member = Member::at(10);
    // The estimate errs by 200 ms: the host's skip at 09:10 comes out at 09:10:00.2 on this clock.
    let doc = hosted();
    member.deliver_from(&bytes(&doc), HOST, -200);
    let doc = with(&doc, 10, EventKind::Skip);
    member.deliver_from(&bytes(&doc), HOST, -200);
    assert_eq!(member.label(), "Break", "the skip shows now, not when something next redraws");
    let now = member.sim.now();
    assert!(member.session().timeline.events().iter().all(|e| e.at <= now));
}

#[test]
fn the_clock_offset_moves_the_local_session_so_deadlines_fall_with_the_hosts() {
    let mut member = Member::at(20);
    // This member's clock is 3 s behind the room's: room time = local + 3 s.
    member.deliver_from(&bytes(&hosted()), HOST, 3000);
    let session = member.session();
    assert_eq!(session.timeline.started_at, at(0) - Duration::seconds(3));
    let local_end = state_at(&session.timeline, member.sim.now()).ends_at.unwrap();
    assert_eq!(local_end + Duration::seconds(3), at(50), "the host's 09:50 is 09:49:57 on this clock");

    let doc = with(&hosted(), 21, EventKind::Pause);
    member.sim.pass(minutes(2));
    member.deliver_from(&bytes(&doc), HOST, 0);
    let events = member.session().timeline.events().to_vec();
    assert_eq!(
        events,
        [Event { at: at(21) - Duration::seconds(3), kind: EventKind::Pause }],
        "the tie keeps its offset"
    );
}

#[test]
fn a_member_cannot_drive_a_followed_session_until_they_leave_the_room() {
    let mut member = Member::at(5);
    member.deliver(&hosted());
    let now = member.sim.now();
    let refused = live::act(&mut member.sim.data.store, EventKind::Skip, now).unwrap_err();
    assert!(matches!(&refused, Error::Conflict(_)) && refused.to_string().contains("Leave the room"), "{refused:?}");

    assert!(live::toggle(&mut member.sim.data.store, &HOLD, now).is_err());
    assert!(member.session().timeline.events().is_empty());

    let (link, changes) = live::leave_room(&mut member.sim.data.store).unwrap();
    assert_eq!(link.unwrap().role, RoomRole::Member);
    assert!(changes.session);
    let outcome = live::act(&mut member.sim.data.store, EventKind::Skip, now).unwrap();
    assert_eq!(outcome.view.state.phase.label, "Break", "after leaving, the session is the user's own");
}

#[test]
fn the_first_document_replaces_the_members_own_session_and_the_hosts_stop_ends_the_mirror() {
    let mut member = Member::at(5);
    let own = member.sim.data.store.start_session(stint_core::builtins::POMODORO, at(1), &[]).unwrap();
    member.deliver(&hosted());
    assert_eq!(member.sim.data.store.session(own.id).unwrap().status, stint_core::store::SessionStatus::Finished);
    let mirror = member.session().id;

    member.sim.pass(minutes(1));
    member.deliver(&with(&hosted(), 6, EventKind::Stop));
    assert!(member.sim.data.store.active_session().unwrap().is_none());
    assert_eq!(member.sim.data.store.session(mirror).unwrap().status, stint_core::store::SessionStatus::Finished);
    assert_eq!(member.sim.announced().last().unwrap(), "The host ended the live session");
}

#[test]
fn a_cleared_room_stops_the_mirror() {
    let mut member = Member::at(5);
    member.deliver(&hosted());
    let received = member.deliver_from(b"{}", HOST, 0);
    assert!(received.changes.session);
    assert!(member.sim.data.store.active_session().unwrap().is_none());
}

#[test]
fn the_hosts_actions_become_the_next_document_in_room_time() {
    let (mut data, _) = Data::with_session(three_phases());
    let first = live::go_live(&mut data.store, ROOM, HOST, 2000, at(1)).unwrap();
    assert_eq!(first.rev, 1);
    assert_eq!(first.timeline().started_at, at(0) + Duration::seconds(2));

    live::act(&mut data.store, EventKind::Pause, at(3)).unwrap();
    live::act(&mut data.store, EventKind::Extend { seconds: 300 }, at(4)).unwrap();
    let (link, doc) = live::hosted_doc(&mut data.store).unwrap().unwrap();
    assert_eq!(link.room, ROOM);
    assert_eq!(doc.rev, 3);
    assert_eq!(doc.timeline().events()[0], Event { at: at(3) + Duration::seconds(2), kind: EventKind::Pause });

    let parsed = parse_session(&serde_json::to_vec(&doc.to_content()).unwrap(), HOST).unwrap().unwrap();
    assert_eq!(parsed, doc, "a member reads exactly what the host wrote");
}

#[test]
fn going_live_needs_a_running_session() {
    let mut data = Data::new();
    let refused = live::go_live(&mut data.store, ROOM, HOST, 0, at(0)).unwrap_err();
    assert!(matches!(refused, Error::Conflict(_)));
    assert_eq!(data.store.room_link().unwrap(), None);
}
