//! Sharing commitments with the live room: off by default, chosen for one session (the next one
//! starts unshared), and then the session's commitments with their done state — never dropped ones.

use stint_core::commitment::CommitmentStatus;
use stint_core::live;
use stint_core::room::SharedCommitment;
use stint_core::Error;

use crate::live_support::*;

const ROOM: &str = "#cafe:example.org";
const HOST: &str = "@host:example.org";

#[test]
fn sharing_is_off_until_chosen_then_carries_each_commitments_done_state() {
    let (mut data, id) = Data::with_session(three_phases());
    let store = &mut data.store;
    assert!(matches!(live::share_commitments(store, true), Err(Error::Conflict(_))), "not in a room");
    let draft = store.add_commitment(id, "Draft the intro", at(1)).unwrap();
    let review = store.add_commitment(id, "Review two pull requests", at(1)).unwrap();
    let dropped = store.add_commitment(id, "Refactor everything", at(1)).unwrap();
    store.resolve_commitment(review.id, CommitmentStatus::Done, None, at(2)).unwrap();
    store.resolve_commitment(dropped.id, CommitmentStatus::Dropped, None, at(2)).unwrap();
    live::go_live(store, ROOM, HOST, 0, at(3)).unwrap();
    assert_eq!(live::shared_commitments(store).unwrap(), None, "off by default");
    live::share_commitments(store, true).unwrap();
    assert_eq!(
        live::shared_commitments(store).unwrap(),
        Some(vec![
            SharedCommitment { text: draft.text.clone(), done: false },
            SharedCommitment { text: "Review two pull requests".into(), done: true },
        ])
    );
    live::share_commitments(store, false).unwrap();
    assert_eq!(live::shared_commitments(store).unwrap(), None);
}

#[test]
fn a_member_chooses_once_the_room_has_a_session_and_the_next_session_starts_unshared() {
    let mut data = Data::new();
    let store = &mut data.store;
    live::join_room(store, ROOM, "@ada:example.org").unwrap();
    let e = live::share_commitments(store, true).unwrap_err();
    assert!(e.to_string().contains("no live session yet"), "{e}");
    let mut link = store.room_link().unwrap().unwrap();
    link.session_id = Some("cafe-1".into());
    store.set_room_link(Some(&link)).unwrap();
    live::share_commitments(store, true).unwrap();
    assert!(live::is_sharing(&store.room_link().unwrap().unwrap()));
    assert_eq!(live::shared_commitments(store).unwrap(), Some(vec![]), "nothing mirrored yet, nothing to share");
    let mut next = store.room_link().unwrap().unwrap();
    next.session_id = Some("cafe-2".into());
    store.set_room_link(Some(&next)).unwrap();
    assert!(!live::is_sharing(&next), "a new session of the room starts unshared");
    assert_eq!(live::shared_commitments(store).unwrap(), None);
}
