//! Reminders in the runner's wakes, in simulated time over a real store: each fires once at its
//! instant, is not repeated by a wake, a clock going back or a restart, is announced late (saying
//! so) after a suspend while the call can still be joined, and leaves phase deadlines where they were.

use chrono::{DateTime, Duration as Span, NaiveDate, Utc};
use stint_core::calls::{Call, Recurrence};
use stint_core::live::Wake;
use stint_core::timeline::PhaseOutcome;

use crate::live_support::*;

/// A one-off call on the start day at `hour:minute` UTC, lasting an hour, reminding 10 minutes before.
fn call(id: &str, title: &str, hour: u32, minute: u32) -> Call {
    Call {
        id: id.into(),
        title: title.into(),
        community_id: None,
        format_id: "pomodoro".into(),
        first_start: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap().and_hms_opt(hour, minute, 0).unwrap(),
        time_zone: chrono_tz::UTC,
        duration_minutes: 60,
        recurrence: Recurrence::once(),
        join_link: Some("https://meet.example.org/cafe".into()),
        notes_link: None,
        reminder_minutes: Some(10),
        skip_on_days_of: Vec::new(),
    }
}

fn with_calls(calls: Vec<Call>) -> Data {
    let mut data = Data::new();
    for c in calls {
        data.store.create_call(c, start_instant() - Span::days(1)).unwrap();
    }
    data
}

fn start(data: Data) -> Sim {
    Sim::start(data, PAUSE_ON_SLEEP, start_instant())
}

/// Announcements with the wall time they were handed over and whether they offered Join.
fn joins(sim: &Sim) -> Vec<(DateTime<Utc>, String, bool)> {
    sim.log
        .iter()
        .filter_map(|s| if let Seen::Announce(at, t, _, j) = s { Some((*at, t.clone(), *j)) } else { None })
        .collect()
}

#[test]
fn a_reminder_fires_once_at_its_instant_with_a_join_action() {
    let mut r = start(with_calls(vec![call("cafe", "Collaboration Cafe", 10, 0)]));
    r.pass(minutes(49) + Span::seconds(59));
    assert!(r.announced().is_empty());
    r.pass(Span::seconds(1));
    assert_eq!(joins(&r), [(at(50), "Collaboration Cafe starts in 10 min".to_string(), true)]);
    assert_eq!(r.data.store.last_announced_reminder().unwrap(), Some(at(50)), "kept for a restart");
    r.pass(minutes(180));
    assert_eq!(r.announced().len(), 1);
}

#[test]
fn a_wake_a_clock_going_back_or_a_restart_does_not_repeat_a_reminder() {
    let mut r = start(with_calls(vec![call("cafe", "Cafe", 10, 0)]));
    r.pass(minutes(51));
    assert_eq!(r.announced().len(), 1);
    r.send(Wake::SleepSignal);
    r.send(Wake::CallsChanged);
    r.jump(minutes(-5)); // back to 09:46: the reminder's instant comes round again
    r.pass(minutes(10));
    assert_eq!(r.announced().len(), 1, "not after a wake nor a clock going back");

    // Stint restarts at 09:55 with what was kept.
    let mut again = Sim::start(r.data, PAUSE_ON_SLEEP, at(55));
    again.pass(minutes(30));
    assert!(again.announced().is_empty(), "not after a restart");
}

#[test]
fn a_reminder_kept_in_the_future_does_not_silence_the_reminders_before_it() {
    let mut data = with_calls(vec![call("cafe", "Cafe", 10, 0)]);
    // A clock that was a day ahead once kept a reminder of tomorrow as the last one announced.
    data.store.set_last_announced_reminder(at(24 * 60)).unwrap();
    let mut r = start(data);
    r.pass(minutes(51));
    assert_eq!(r.announced(), ["Cafe starts in 10 min"]);
}

#[test]
fn a_reminder_slept_through_is_announced_late_while_the_call_can_still_be_joined() {
    let mut r = start(with_calls(vec![call("cafe", "Cafe", 10, 0)]));
    r.pass(minutes(40));
    r.jump(minutes(25)); // asleep from 09:40 to 10:05, through the reminder at 09:50
    r.send(Wake::SleepSignal);
    assert_eq!(joins(&r), [(at(65), "Cafe started 5 min ago".to_string(), true)]);

    // Without the logind signal, the next wake (at most a minute later) finds it.
    let mut r = start(with_calls(vec![call("cafe", "Cafe", 10, 0)]));
    r.pass(minutes(40));
    r.jump(minutes(5)); // asleep until 09:45; the 09:50 reminder is still ahead
    r.pass(minutes(1));
    assert!(r.announced().is_empty());
    r.pass(minutes(4));
    assert_eq!(r.announced(), ["Cafe starts in 10 min"]);
}

#[test]
fn a_reminder_of_a_call_that_ended_during_a_suspend_is_dropped() {
    let mut r = start(with_calls(vec![call("cafe", "Cafe", 10, 0)]));
    r.pass(minutes(40));
    r.jump(minutes(150)); // asleep from 09:40 to 12:10; the call ran 10:00–11:00
    r.send(Wake::SleepSignal);
    r.pass(minutes(60));
    assert!(r.announced().is_empty());
}

#[test]
fn two_calls_reminding_at_the_same_instant_are_both_announced() {
    let calls = vec![call("b", "Writing hour", 10, 0), call("a", "Cafe", 10, 0), call("c", "Later", 11, 0)];
    let mut r = start(with_calls(calls));
    r.pass(minutes(120));
    assert_eq!(
        r.announced_at(),
        [
            (at(50), "Cafe starts in 10 min".to_string()),
            (at(50), "Writing hour starts in 10 min".to_string()),
            (at(110), "Later starts in 10 min".to_string())
        ]
    );
}

#[test]
fn a_call_added_later_is_reminded_once_the_runner_hears_of_it() {
    let mut r = start(Data::new());
    r.pass(minutes(5));
    let now = r.now();
    r.data.store.create_call(call("cafe", "Cafe", 10, 0), now).unwrap();
    r.send(Wake::CallsChanged);
    r.pass(minutes(50));
    assert_eq!(joins(&r), [(at(50), "Cafe starts in 10 min".to_string(), true)]);
}

#[test]
fn reminders_leave_phase_deadlines_where_they_were() {
    // The reminder at 09:30 falls inside Focus 1, the one at 09:50 on its deadline.
    let mut data = with_calls(vec![call("early", "Standup", 9, 40), call("cafe", "Cafe", 10, 0)]);
    let id = data.start(three_phases(), start_instant());
    let mut r = start(data);
    r.pass(minutes(115));
    assert_eq!(
        r.announced_at(),
        [
            (at(30), "Standup starts in 10 min".to_string()),
            (at(50), "Focus done".to_string()),
            (at(50), "Cafe starts in 10 min".to_string()),
            (at(60), "Break over".to_string()),
            (at(110), "Session complete".to_string())
        ]
    );
    let ends: Vec<DateTime<Utc>> = r.recorded(id).into_iter().map(|p| p.ended_at).collect();
    assert_eq!(ends, [at(50), at(60), at(110)]);
    assert_eq!(r.recorded(id).iter().filter(|p| p.outcome == PhaseOutcome::Completed).count(), 3);
}
