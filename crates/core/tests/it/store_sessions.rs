//! Sessions: start with commitments, events, recorded phases, replay after a restart, deletion.

use crate::common::*;
use stint_core::builtins::pomodoro_with;
use stint_core::commitment::CommitmentStatus;
use stint_core::format::PhaseKind;
use stint_core::store::{Away, SessionStatus, Store};
use stint_core::timeline::{finished_phases, state_at, Event, EventKind, PhaseOutcome, Timeline};
use stint_core::{Error, Thing};

fn ev(seconds: i64, kind: EventKind) -> Event {
    Event { at: at(t0(), seconds), kind }
}

#[test]
fn starting_stores_a_snapshot_and_the_commitments() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let session = t.store.start_session(&format, t0(), &texts(&["  Draft chapter 2 ", "Reply to Sam"])).unwrap();
    assert_eq!(session.format_id, format);
    assert_eq!(session.format_name, "Sprint");
    assert_eq!(session.status, SessionStatus::Active);
    assert_eq!(session.timeline, Timeline::new(sprint_draft("Sprint"), t0()));
    let commitments = t.store.session_commitments(session.id).unwrap();
    let got: Vec<(&str, CommitmentStatus)> = commitments.iter().map(|c| (c.text.as_str(), c.status)).collect();
    assert_eq!(got, [("Draft chapter 2", CommitmentStatus::Open), ("Reply to Sam", CommitmentStatus::Open)]);
    assert!(commitments.iter().all(|c| c.session_id == Some(session.id) && c.created_at == t0()));

    // Editing the format later does not change the session's snapshot.
    let mut changed = sprint_draft("Sprint v2");
    changed.phases.truncate(1);
    t.store.update_format(&format, changed).unwrap();
    assert_eq!(t.store.session(session.id).unwrap().timeline.format, sprint_draft("Sprint"));
}

#[test]
fn one_bad_commitment_stores_nothing_and_names_its_position() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let long = "x".repeat(501);
    for (items, field) in [(vec!["ok", "  "], "commitments[1]"), (vec![long.as_str()], "commitments[0]")] {
        let err = t.store.start_session(&format, t0(), &texts(&items)).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err:?}");
    }
    assert_eq!(rows(&t.path, "sessions"), 0);
    assert_eq!(rows(&t.path, "commitments"), 0);
}

#[test]
fn starting_an_unknown_format_or_an_impossible_time_stores_nothing() {
    let mut t = temp_store();
    let err = t.store.start_session("nope", t0(), &[]).unwrap_err();
    assert_eq!(err, Error::NotFound(Thing::Format));
    let format = sprint(&mut t.store);
    let far = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    assert_eq!(t.store.start_session(&format, far, &[]).unwrap_err().field(), Some("started_at"));
    assert_eq!(rows(&t.path, "sessions"), 0);
}

#[test]
fn a_session_can_run_its_own_draft_of_a_format() {
    let mut t = temp_store();
    let lengths = pomodoro_with(50 * 60, 10 * 60, 20 * 60, 2);
    let session = t.store.start_session_with_draft("pomodoro", lengths.clone(), t0(), &texts(&["Plan"])).unwrap();
    assert_eq!(session.format_id, "pomodoro");
    assert_eq!(session.format_name, "Pomodoro");
    assert_eq!(session.timeline, Timeline::new(lengths.clone(), t0()));
    // The lengths survive a reopen: the snapshot is what the session replays.
    assert_eq!(t.store.active_session().unwrap().unwrap().timeline.format, lengths);
    let view = t.store.session_view(session.id, at(t0(), 60)).unwrap();
    assert_eq!(view.state.remaining_ms, (50 * 60 - 60) * 1000);
    assert_eq!(t.store.session_commitments(session.id).unwrap().len(), 1);
    // The built-in itself keeps its lengths.
    let listed = t.store.list_formats(false).unwrap();
    let builtin = listed.iter().find(|f| f.id == "pomodoro").unwrap();
    assert_eq!(builtin.draft, pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4));
}

#[test]
fn an_invalid_draft_or_unknown_format_stores_nothing() {
    let mut t = temp_store();
    let err = t.store.start_session_with_draft("pomodoro", pomodoro_with(0, 300, 900, 4), t0(), &[]).unwrap_err();
    assert_eq!(err.field(), Some("phases[0].seconds"), "{err:?}");
    let err = t.store.start_session_with_draft("nope", pomodoro_with(1500, 300, 900, 4), t0(), &[]).unwrap_err();
    assert_eq!(err, Error::NotFound(Thing::Format));
    assert_eq!(rows(&t.path, "sessions"), 0);
}

#[test]
fn only_one_session_runs_at_a_time() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let first = t.store.start_session(&format, t0(), &[]).unwrap();
    let err = t.store.start_session(&format, at(t0(), 60), &[]).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(rows(&t.path, "sessions"), 1);
    // Once its timeline is over (3000 s of phases), a new start finishes it first.
    let second = t.store.start_session(&format, at(t0(), 4000), &[]).unwrap();
    assert_eq!(t.store.session(first.id).unwrap().status, SessionStatus::Finished);
    assert_eq!(t.store.session_phases(first.id).unwrap().len(), 3);
    assert_eq!(t.store.active_session().unwrap().unwrap().id, second.id);
}

#[test]
fn an_unfinished_session_replays_to_the_exact_timeline_after_reopening() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let started = t0() + chrono::Duration::nanoseconds(123_456_789);
    let session = t.store.start_session(&format, started, &texts(&["one"])).unwrap();
    let events = [
        Event { at: started + chrono::Duration::nanoseconds(600_000_000_001), kind: EventKind::Pause },
        Event { at: at(started, 700), kind: EventKind::Resume },
        Event { at: at(started, 900), kind: EventKind::Extend { seconds: 300 } },
        Event { at: at(started, 2000), kind: EventKind::Skip },
    ];
    let mut expected = Timeline::new(sprint_draft("Sprint"), started);
    for e in events {
        expected.push(e).unwrap();
        t.store.append_event(session.id, e).unwrap();
    }
    drop(t.store);

    let (mut store, _) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    let active = store.active_session().unwrap().expect("still running");
    assert_eq!(active.id, session.id);
    assert_eq!(active.timeline, expected);
    let now = at(started, 2600);
    assert_eq!(state_at(&active.timeline, now), state_at(&expected, now));
    let view = store.session_view(session.id, now).unwrap();
    assert_eq!(view.state, state_at(&expected, now));
    assert_eq!(view.commitments.len(), 1);
    assert!(view.commitment_policy.ask_at_start);
    // The phases finished by the skip (focus one, then the skipped break) were recorded with it.
    let recorded = store.session_phases(session.id).unwrap();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded, finished_phases(&expected, at(started, 2000)));
}

#[test]
fn an_invalid_event_is_refused_and_not_stored() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let s = t.store.start_session(&format, t0(), &[]).unwrap();
    t.store.append_event(s.id, ev(100, EventKind::Pause)).unwrap();
    for bad in [ev(50, EventKind::Resume), ev(200, EventKind::Pause), ev(200, EventKind::Extend { seconds: 0 })] {
        assert!(t.store.append_event(s.id, bad).is_err(), "{bad:?}");
    }
    assert_eq!(rows(&t.path, "session_events"), 1);
    assert_eq!(t.store.append_event(999, ev(300, EventKind::Resume)).unwrap_err(), Error::NotFound(Thing::Session));
    assert_eq!(rows(&t.path, "session_events"), 1);
}

#[test]
fn stop_finishes_the_session_and_later_events_conflict() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let s = t.store.start_session(&format, t0(), &[]).unwrap();
    let stopped = t.store.append_event(s.id, ev(600, EventKind::Stop)).unwrap();
    assert_eq!(stopped.status, SessionStatus::Finished);
    assert!(t.store.active_session().unwrap().is_none());
    let phases = t.store.session_phases(s.id).unwrap();
    assert_eq!(phases.len(), 1);
    assert_eq!((phases[0].outcome, phases[0].actual_seconds), (PhaseOutcome::Stopped, 600));
    assert_eq!(t.store.append_event(s.id, ev(700, EventKind::Pause)).unwrap_err().code(), "conflict");
    let summary = &t.store.sessions_page(None, 5).unwrap()[0];
    assert_eq!((summary.focus_seconds, summary.ended_at), (600, Some(at(t0(), 600))));
}

#[test]
fn record_phases_records_each_phase_once_and_marks_slept_ones() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let s = t.store.start_session(&format, t0(), &[]).unwrap();
    assert!(t.store.record_phases(s.id, at(t0(), 100), None).unwrap().is_empty());
    let first = t.store.record_phases(s.id, at(t0(), 1501), None).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(
        (first[0].kind, first[0].outcome, first[0].actual_seconds),
        (PhaseKind::Focus, PhaseOutcome::Completed, 1500)
    );
    assert!(t.store.record_phases(s.id, at(t0(), 1600), None).unwrap().is_empty(), "no phase twice");

    // The machine slept from 1700 s to 5000 s: the break (ends 1800) and focus two (ends 3000) passed.
    let slept = Some(Away::slept(at(t0(), 1700), at(t0(), 5000)));
    let rest = t.store.record_phases(s.id, at(t0(), 5000), slept).unwrap();
    let outcomes: Vec<PhaseOutcome> = rest.iter().map(|p| p.outcome).collect();
    assert_eq!(outcomes, [PhaseOutcome::Slept, PhaseOutcome::Slept]);
    assert_eq!(t.store.session(s.id).unwrap().status, SessionStatus::Finished);
    assert_eq!(t.store.sessions_page(None, 1).unwrap()[0].focus_seconds, 1500, "slept focus does not count");
    assert!(t.store.record_phases(s.id, at(t0(), 6000), None).unwrap().is_empty());
    assert_eq!(rows(&t.path, "phases"), 3);

    let err = t.store.record_phases(s.id, at(t0(), 6000), Some(Away::slept(at(t0(), 10), at(t0(), 5)))).unwrap_err();
    assert_eq!(err.field(), Some("away"));
}

#[test]
fn an_event_before_a_recorded_phase_end_is_a_conflict() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let s = t.store.start_session(&format, t0(), &[]).unwrap();
    t.store.record_phases(s.id, at(t0(), 1600), None).unwrap();
    assert_eq!(t.store.append_event(s.id, ev(1400, EventKind::Skip)).unwrap_err().code(), "conflict");
    assert_eq!(rows(&t.path, "session_events"), 0);
}

#[test]
fn deleting_a_session_removes_everything_that_hangs_off_it() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let gone = t.store.start_session(&format, t0(), &texts(&["a", "b"])).unwrap();
    t.store.append_event(gone.id, ev(60, EventKind::Pause)).unwrap();
    t.store.append_event(gone.id, ev(120, EventKind::Resume)).unwrap();
    t.store.record_phases(gone.id, at(t0(), 2000), None).unwrap();
    let carried_from = t.store.session_commitments(gone.id).unwrap()[0].id;
    t.store.append_event(gone.id, ev(2100, EventKind::Stop)).unwrap();
    let kept = t.store.start_session(&format, at(t0(), 9000), &texts(&["c"])).unwrap();
    let carried = t.store.carry_over(&[carried_from], kept.id, at(t0(), 9001)).unwrap();
    t.store.append_event(kept.id, ev(9100, EventKind::Pause)).unwrap();

    t.store.delete_session(gone.id).unwrap();
    assert_eq!(t.store.session(gone.id).unwrap_err(), Error::NotFound(Thing::Session));
    assert_eq!(rows(&t.path, "sessions"), 1);
    assert_eq!(rows(&t.path, "session_events"), 1);
    assert_eq!(rows(&t.path, "phases"), 0);
    assert_eq!(rows(&t.path, "commitments"), 2);
    let left = t.store.session_commitments(kept.id).unwrap();
    assert_eq!(left[1].id, carried[0].id);
    assert_eq!(left[1].carried_from, None, "the link to the deleted commitment is cleared");
    assert_eq!(t.store.delete_session(gone.id).unwrap_err().code(), "not_found");
}
