//! What the runner's wakes do (core's `Watch`), in simulated time over a real store: phase changes,
//! suspends under both policies and for a joined call, clock jumps both ways, the auto-start hold,
//! restarts, and the tray's minutes.

use stint_core::live::{self, TrayStatus, Wake};
use stint_core::timeline::{EventKind, PhaseOutcome};

use crate::live_support::*;

fn running(format: stint_core::format::FormatDraft, prefs: stint_core::live::SessionPrefs) -> (Sim, i64) {
    let (data, id) = Data::with_session(format);
    (Sim::start(data, prefs, start_instant()), id)
}

#[test]
fn each_phase_changes_once_at_its_deadline() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    assert_eq!(h.changes(), 1, "the resumed session is shown at start-up");

    h.pass(minutes(49));
    assert!(h.outcomes(id).is_empty());
    assert_eq!(h.last_tray(), Some(TrayStatus::Running { minutes_left: 1 }));

    h.pass(minutes(1));
    assert_eq!(h.outcomes(id), completed(&["Focus 1"]));
    assert_eq!(h.announced(), ["Focus done"]);

    h.pass(minutes(70));
    assert_eq!(h.outcomes(id), completed(&["Focus 1", "Break", "Focus 2"]));
    assert_eq!(h.announced(), ["Focus done", "Break over", "Session complete"]);
    let offered: Vec<bool> =
        h.log.iter().filter_map(|s| if let Seen::Announce(_, _, a, _) = s { Some(*a) } else { None }).collect();
    assert_eq!(offered, [true, true, false], "no Skip / +5 min once the session is over");
    assert_eq!(h.changes(), 4, "start-up and one per phase change");
    assert_eq!(h.last_tray(), Some(TrayStatus::Idle));
}

#[test]
fn the_tray_counts_whole_minutes_and_the_runner_wakes_at_most_once_a_minute() {
    let (mut h, _) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(chrono::Duration::seconds(30));
    assert_eq!(h.last_tray(), Some(TrayStatus::Running { minutes_left: 50 }));
    h.pass(chrono::Duration::seconds(31));
    assert_eq!(h.last_tray(), Some(TrayStatus::Running { minutes_left: 49 }));
    assert_eq!(h.trays(), 2, "one at start-up, one after the first minute");
}

#[test]
fn a_suspend_across_a_deadline_pauses_the_session_under_the_pause_policy() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(minutes(40));
    h.jump(minutes(30)); // asleep from 09:40 to 10:10; Focus 1 would have ended at 09:50
    h.send(Wake::SleepSignal);

    assert!(h.outcomes(id).is_empty(), "nothing ended while asleep");
    assert!(h.announced().is_empty());
    let events: Vec<_> = h.events(id).into_iter().map(|e| (e.at, e.kind)).collect();
    assert_eq!(events, [(at(40), EventKind::Pause), (at(70), EventKind::Resume)]);

    h.pass(minutes(10)); // Focus 1 has 10 minutes left after the resume
    assert_eq!(h.outcomes(id), completed(&["Focus 1"]));
    assert_eq!(h.recorded(id)[0].actual_seconds, 50 * 60);
    assert_eq!(h.announced(), ["Focus done"]);
}

#[test]
fn a_suspend_across_deadlines_records_them_as_slept_under_the_wall_clock_policy() {
    let (mut h, id) = running(three_phases(), WALL_CLOCK);
    h.pass(minutes(40));
    h.jump(minutes(30)); // asleep from 09:40 to 10:10: Focus 1 and the break ended meanwhile
    h.send(Wake::SleepSignal);

    assert_eq!(h.outcomes(id), [("Focus 1".into(), PhaseOutcome::Slept), ("Break".into(), PhaseOutcome::Slept)]);
    assert_eq!(h.announced(), ["Break over"], "one announcement for what happened meanwhile");
    assert!(h.events(id).is_empty(), "the session kept wall-clock time");

    h.pass(minutes(40)); // Focus 2 started at 10:00 and ends at 10:50
    assert_eq!(h.outcomes(id).last(), Some(&("Focus 2".into(), PhaseOutcome::Completed)));
    assert_eq!(h.announced().len(), 2);
}

#[test]
fn a_joined_call_keeps_wall_clock_time_over_a_suspend_whatever_the_solo_policy() {
    let mut data = Data::new();
    let format = data.store.create_format(three_phases(), chrono::Utc::now()).unwrap();
    let mut call = crate::calls_support::call(
        "cafe",
        chrono_tz::UTC,
        start_instant().naive_utc(),
        stint_core::calls::Recurrence::once(),
    );
    call.format_id = format.id;
    call.duration_minutes = 110;
    call.community_id = None;
    let call_id = data.store.create_call(call, start_instant()).unwrap().call.id;
    let id = data.store.join_call(&call_id, start_instant(), start_instant()).unwrap().id;
    let mut h = Sim::start(data, PAUSE_ON_SLEEP, start_instant());
    h.pass(minutes(40));
    h.jump(minutes(30)); // asleep from 09:40 to 10:10: the call went on without us
    h.send(Wake::SleepSignal);

    assert_eq!(h.outcomes(id), [("Focus 1".into(), PhaseOutcome::Slept), ("Break".into(), PhaseOutcome::Slept)]);
    assert!(h.events(id).is_empty(), "not paused: the call keeps its schedule");
    assert_eq!(h.announced(), ["Break over"]);
}

#[test]
fn without_the_logind_signal_the_next_wake_notices_the_suspend() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(minutes(40));
    h.jump(minutes(30));
    h.pass(minutes(1)); // the runner's nap (≤ 60 s) ends after the resume

    let events = h.events(id);
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind, EventKind::Pause);
    assert_eq!(events[1].kind, EventKind::Resume);
    assert!(h.outcomes(id).is_empty());
    h.pass(minutes(10)); // paused at 09:41 with 9 minutes left, resumed at 10:11
    assert_eq!(h.outcomes(id), completed(&["Focus 1"]));
    assert_eq!(h.announced().len(), 1);
}

#[test]
fn the_clock_jumping_an_hour_ahead_neither_misses_nor_doubles_a_phase_change() {
    for prefs in [PAUSE_ON_SLEEP, WALL_CLOCK] {
        let (mut h, id) = running(three_phases(), prefs);
        h.pass(minutes(20));
        h.jump(minutes(60));
        h.pass(minutes(200));
        let labels: Vec<String> = h.outcomes(id).into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["Focus 1", "Break", "Focus 2"], "{prefs:?}");
        assert_eq!(h.announced().len(), if prefs == WALL_CLOCK { 2 } else { 3 }, "{prefs:?}");
    }
}

#[test]
fn the_clock_going_back_an_hour_neither_misses_nor_doubles_a_phase_change() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(minutes(65)); // in Focus 2, Focus 1 and the break recorded
    assert_eq!(h.announced().len(), 2);
    h.jump(minutes(-60)); // the wall clock now says 09:05, inside Focus 1 again
    h.pass(minutes(60)); // back at 10:05: the deadlines of 09:50 and 10:00 come round again
    assert_eq!(h.outcomes(id), completed(&["Focus 1", "Break"]));
    assert_eq!(h.announced().len(), 2, "no phase change is announced twice");
    h.pass(minutes(50));
    assert_eq!(h.outcomes(id), completed(&["Focus 1", "Break", "Focus 2"]));
    assert_eq!(h.announced().len(), 3);
}

#[test]
fn without_auto_start_the_next_phase_waits_for_the_user() {
    let (mut h, id) = running(three_phases(), HOLD);
    h.pass(minutes(55));
    assert_eq!(h.outcomes(id), completed(&["Focus 1"]));
    assert_eq!(h.announced(), ["Focus done"], "the phase end is announced");
    let events = h.events(id);
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].at, events[0].kind), (at(50), EventKind::Pause));
    assert_eq!(h.last_tray(), Some(TrayStatus::Paused));

    h.pass(minutes(60));
    assert_eq!(h.outcomes(id).len(), 1, "the break has not started");
    let now = h.now();
    live::toggle(&mut h.data.store, &HOLD, now).unwrap();
    h.send(Wake::Reload);
    h.pass(minutes(10));
    assert_eq!(h.outcomes(id), completed(&["Focus 1", "Break"]));
    assert_eq!(h.announced().len(), 2);
}

#[test]
fn a_skip_from_a_notification_is_recorded_but_not_announced() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(minutes(10));
    let now = h.now();
    live::act(&mut h.data.store, EventKind::Skip, now).unwrap();
    h.send(Wake::Reload);
    assert_eq!(h.outcomes(id), [("Focus 1".into(), PhaseOutcome::Skipped)]);
    assert!(h.announced().is_empty());
    assert_eq!(h.changes(), 2);
    h.pass(minutes(10));
    assert_eq!(h.outcomes(id).len(), 2);
    assert_eq!(h.announced(), ["Break over"]);
}

#[test]
fn a_restart_records_what_ended_while_the_app_was_closed_once() {
    let (data, id) = Data::with_session(three_phases());
    let mut h = Sim::start(data, PAUSE_ON_SLEEP, at(55));
    h.pass(chrono::Duration::seconds(1));
    assert_eq!(h.recorded(id).len(), 1);
    assert_eq!(h.announced().len(), 1);
    h.pass(chrono::Duration::seconds(240));
    assert_eq!(h.recorded(id).len(), 1, "the break ends at 10:00");
    assert_eq!(h.changes(), 1);
    assert_eq!(h.announced().len(), 1);
}

#[test]
fn a_wake_just_before_the_last_deadline_still_ends_the_session() {
    let (mut h, id) = running(three_fives(), PAUSE_ON_SLEEP);
    h.pass(chrono::Duration::seconds(12));
    assert_eq!(h.recorded(id).len(), 2);

    // The timer set for the end (at 15 s) fires half a millisecond early by the wall clock, and
    // handling that wake takes a millisecond: the deadline passes in between.
    h.jump(-chrono::Duration::microseconds(500));
    h.slow_next_wake(chrono::Duration::milliseconds(1));
    h.pass(chrono::Duration::seconds(10));

    assert_eq!(h.recorded(id).len(), 3, "the last phase is recorded");
    assert_eq!(h.announced(), ["Welcome done", "Focus done", "Session complete"]);
    assert_eq!(h.last_tray(), Some(TrayStatus::Idle));
}

#[test]
fn a_session_the_runner_was_not_told_about_is_picked_up_within_a_minute() {
    let mut h = Sim::start(Data::new(), PAUSE_ON_SLEEP, start_instant());
    h.pass(chrono::Duration::seconds(1));

    // Started in the store without a `Reload` reaching the runner.
    let now = h.now();
    let id = h.data.start(three_phases(), now);
    h.pass(chrono::Duration::seconds(61));
    assert_eq!(h.last_tray(), Some(TrayStatus::Running { minutes_left: 49 }), "49 min 1 s are left");
    assert_eq!(h.changes(), 2, "start-up, and the session once picked up");

    h.pass(minutes(50));
    assert_eq!(h.recorded(id).len(), 1);
    assert_eq!(h.announced(), ["Focus done"]);
}

#[test]
fn the_final_view_of_an_ended_session_is_shown_once() {
    let (mut h, _) = running(three_fives(), PAUSE_ON_SLEEP);
    h.pass(chrono::Duration::seconds(16));
    let shown: Vec<bool> =
        h.log.iter().filter_map(|s| if let Seen::Changed(some) = s { Some(*some) } else { None }).collect();
    assert_eq!(shown, [true, true, true, true], "start-up, two phase changes, and the ended session's view");
    h.send(Wake::Reload);
    assert_eq!(h.log.iter().rev().find(|s| matches!(s, Seen::Changed(_))), Some(&Seen::Changed(false)));
}

#[test]
fn phases_that_ended_while_stint_was_not_running_are_recorded_as_such_and_never_count() {
    let (mut h, id) = running(three_phases(), PAUSE_ON_SLEEP);
    h.pass(minutes(40)); // Stint runs until 09:40, then is killed
    let seen = h.data.store.last_seen_running().unwrap().expect("a running phase keeps the instant");
    assert!(seen > at(38) && seen <= at(40), "{seen}");

    let mut again = Sim::start(h.data, PAUSE_ON_SLEEP, at(65)); // started again at 10:05
    assert_eq!(
        again.outcomes(id),
        [("Focus 1".into(), PhaseOutcome::NotRunning), ("Break".into(), PhaseOutcome::NotRunning)]
    );
    assert_eq!(again.data.store.sessions_page(None, 1).unwrap()[0].focus_seconds, 0, "not running is not focus");
    assert_eq!(again.announced(), ["Break over"], "one word on where the session is now");
    again.pass(minutes(45)); // Focus 2 ran from 10:00 with Stint there from 10:05: it ends at 10:50
    assert_eq!(again.outcomes(id).last(), Some(&("Focus 2".into(), PhaseOutcome::Completed)));
}

#[test]
fn without_a_phase_running_nothing_is_written_at_each_wake() {
    let mut h = Sim::start(Data::new(), PAUSE_ON_SLEEP, start_instant());
    h.pass(minutes(10));
    assert_eq!(h.data.store.last_seen_running().unwrap(), None);
}
