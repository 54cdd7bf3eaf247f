//! The user's actions on the live session (core's `live` functions), as every entry point calls them.

use stint_core::live::{self, Changes, JoinTarget, SessionPrefs, StartRequest, Toggled};
use stint_core::timeline::{EventKind, PhaseOutcome};

use crate::calls_support::{call, utc};
use crate::common::{rows, sprint, t0, temp_store};

#[test]
fn an_action_with_no_session_live_is_a_conflict_that_says_so() {
    let mut t = temp_store();
    let e = live::act(&mut t.store, EventKind::Pause, t0()).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("No session is running. Start one first."), "{e}");
}

#[test]
fn each_action_returns_the_new_view_and_says_the_session_changed() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    let request = StartRequest { format_id: format, commitments: vec!["Write the intro".into()] };
    let started = live::start(&mut t.store, &request, &SessionPrefs::default(), t0()).unwrap();
    assert_eq!(started.changes, Changes::SESSION);
    assert_eq!(started.view.commitments.len(), 1);

    let paused = live::act(&mut t.store, EventKind::Pause, t0() + chrono::Duration::minutes(1)).unwrap();
    assert!(paused.view.state.paused);
    let skipped = live::act(&mut t.store, EventKind::Skip, t0() + chrono::Duration::minutes(2)).unwrap();
    assert_eq!(skipped.view.state.phase_index, 1);
    let stopped = live::act(&mut t.store, EventKind::Stop, t0() + chrono::Duration::minutes(3)).unwrap();
    assert!(stopped.view.state.done);
    assert!(t.store.active_session().unwrap().is_none());
}

#[test]
fn toggle_pauses_resumes_and_starts_the_pomodoro_with_the_users_lengths() {
    let mut t = temp_store();
    let mut prefs = SessionPrefs::default();
    prefs.pomodoro.focus_minutes = 50;
    prefs.pomodoro.short_break_minutes = 10;

    let (what, started) = live::toggle(&mut t.store, &prefs, t0()).unwrap();
    assert_eq!(what, Toggled::Started);
    assert_eq!(started.view.format_id, "pomodoro");
    assert_eq!(started.view.state.phase.seconds, 50 * 60);
    assert_eq!(started.view.agenda[1].phase.seconds, 10 * 60);

    let (what, paused) = live::toggle(&mut t.store, &prefs, t0() + chrono::Duration::minutes(5)).unwrap();
    assert_eq!(what, Toggled::Paused);
    assert!(paused.view.state.paused);
    let (what, resumed) = live::toggle(&mut t.store, &prefs, t0() + chrono::Duration::minutes(6)).unwrap();
    assert_eq!(what, Toggled::Resumed);
    assert!(!resumed.view.state.paused);
}

#[test]
fn starting_the_pomodoro_uses_the_lengths_in_the_prefs_and_other_formats_their_own() {
    let mut t = temp_store();
    let mut prefs = SessionPrefs::default();
    prefs.pomodoro.focus_minutes = 45;
    let pomodoro = live::start(&mut t.store, &StartRequest::pomodoro(), &prefs, t0()).unwrap();
    assert_eq!(pomodoro.view.state.phase.seconds, 45 * 60);
    live::act(&mut t.store, EventKind::Stop, t0() + chrono::Duration::seconds(1)).unwrap();

    let format = sprint(&mut t.store);
    let request = StartRequest { format_id: format, commitments: Vec::new() };
    let sprint = live::start(&mut t.store, &request, &prefs, t0() + chrono::Duration::seconds(2)).unwrap();
    assert_eq!(sprint.view.state.phase.seconds, 1500, "the format's own length");
}

fn joinable(t: &mut crate::common::TestStore) -> JoinTarget {
    let mut cafe = call("cafe", chrono_tz::UTC, t0().naive_utc(), stint_core::calls::Recurrence::once());
    cafe.community_id = None;
    let stored = t.store.create_call(cafe, t0() - chrono::Duration::days(1)).unwrap();
    JoinTarget { call_id: stored.call.id, occurrence_start: t0() }
}

#[test]
fn joining_stops_the_running_session_in_the_same_transaction_only_when_asked() {
    let mut t = temp_store();
    let target = joinable(&mut t);
    let format = sprint(&mut t.store);
    let request = StartRequest { format_id: format, commitments: Vec::new() };
    let solo = live::start(&mut t.store, &request, &SessionPrefs::default(), t0()).unwrap().view.id;
    let late = t0() + chrono::Duration::minutes(7);

    let e = live::join(&mut t.store, &target, false, late).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(t.store.active_session().unwrap().unwrap().id, solo, "nothing changed");

    let joined = live::join(&mut t.store, &target, true, late).unwrap();
    assert_eq!(joined.outcome.view.started_at, t0(), "a late joiner is where the call is");
    assert_eq!(joined.join_link.as_deref(), Some("https://meet.example.org/x"));
    let stopped = t.store.session_phases(solo).unwrap();
    assert_eq!(stopped.last().map(|p| p.outcome), Some(PhaseOutcome::Stopped));
    assert_eq!(t.store.active_session().unwrap().unwrap().id, joined.outcome.view.id);
}

#[test]
fn a_refused_join_leaves_the_running_session_alone_even_when_replacing() {
    let mut t = temp_store();
    let mut target = joinable(&mut t);
    let format = sprint(&mut t.store);
    let request = StartRequest { format_id: format, commitments: Vec::new() };
    live::start(&mut t.store, &request, &SessionPrefs::default(), t0()).unwrap();
    let events_before = rows(&t.path, "session_events");

    target.occurrence_start = utc(2024, 3, 11, 10, 30); // not an occurrence of the call
    let e = live::join(&mut t.store, &target, true, t0() + chrono::Duration::minutes(7)).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(rows(&t.path, "session_events"), events_before, "the running session was not stopped");
    assert!(t.store.active_session().unwrap().is_some());
}

#[test]
fn the_listed_pomodoro_shows_the_lengths_it_runs_with_and_nothing_else_changes() {
    use stint_core::builtins::POMODORO;
    use stint_core::live::PomodoroLengths;
    let mut t = temp_store();
    let own = sprint(&mut t.store);
    let listed = t.store.list_formats(false).unwrap();
    let lengths =
        PomodoroLengths { focus_minutes: 50, short_break_minutes: 10, long_break_minutes: 20, long_break_every: 2 };

    let shown = lengths.shown_in(listed.clone());
    let pomodoro = shown.iter().find(|f| f.id == POMODORO).unwrap();
    assert_eq!(pomodoro.draft, lengths.draft());
    assert_eq!(pomodoro.draft.phases[0].seconds, 50 * 60);
    let repeat = pomodoro.draft.repeat.as_ref().unwrap();
    assert_eq!((repeat.long_break_every, repeat.long_break.as_ref().unwrap().seconds), (2, 20 * 60));
    let others = |formats: &[stint_core::format::Format]| {
        formats.iter().filter(|f| f.id != POMODORO).cloned().collect::<Vec<_>>()
    };
    assert_eq!(others(&shown), others(&listed), "only the built-in pomodoro follows Settings");
    assert!(shown.iter().any(|f| f.id == own));
}
