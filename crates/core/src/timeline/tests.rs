//! Concrete scenarios of the timeline. Invariants over random scenarios are in tests/timeline_props.rs.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::format::{CommitmentPolicy, PhaseKind, Repeat};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 5, 15, 0, 0).unwrap()
}

fn at(seconds: i64) -> DateTime<Utc> {
    t0() + Duration::milliseconds(seconds * 1000)
}

fn phase(label: &str, kind: PhaseKind, seconds: u32) -> Phase {
    Phase { label: label.into(), kind, seconds, prompt: None }
}

/// A plain format of focus phases "P1", "P2", … of the given lengths.
fn plain(seconds: &[u32]) -> FormatDraft {
    FormatDraft {
        name: "Test".into(),
        attribution: None,
        phases: seconds.iter().enumerate().map(|(i, s)| phase(&format!("P{}", i + 1), PhaseKind::Focus, *s)).collect(),
        commitments: CommitmentPolicy::default(),
        repeat: None,
    }
}

/// Classic pomodoro in minutes: focus 25, break 5, long break 15 every 4th; endless.
fn pomodoro() -> FormatDraft {
    FormatDraft {
        name: "Pomodoro".into(),
        attribution: None,
        phases: vec![phase("Pomodoro {n}", PhaseKind::Focus, 1500), phase("Break", PhaseKind::Break, 300)],
        commitments: CommitmentPolicy::default(),
        repeat: Some(Repeat {
            rounds: None,
            long_break_every: 4,
            long_break: Some(phase("Long break", PhaseKind::LongBreak, 900)),
        }),
    }
}

fn ev(seconds: i64, kind: EventKind) -> Event {
    Event { at: at(seconds), kind }
}

fn timeline(format: FormatDraft, events: &[Event]) -> Timeline {
    Timeline::replay(format, t0(), events.iter().copied()).expect("valid events")
}

#[test]
fn a_late_joiner_sees_the_current_phase_and_its_time_left() {
    let t = timeline(plain(&[5, 5, 5]), &[]);
    let s = state_at(&t, at(7));
    assert_eq!(s.phase_index, 1);
    assert_eq!(s.phase.label, "P2");
    assert_eq!(s.remaining_ms, 3000);
    assert_eq!(s.phase_started_at, at(5));
    assert_eq!(s.ends_at, Some(at(10)));
    assert!(!s.paused && !s.done);
    assert_eq!(next_deadline(&t, at(7)), Some(at(10)));
}

#[test]
fn a_phase_ends_exactly_at_its_deadline() {
    let t = timeline(plain(&[5, 5]), &[]);
    assert_eq!(state_at(&t, at(5) - Duration::milliseconds(1)).phase_index, 0);
    let s = state_at(&t, at(5));
    assert_eq!((s.phase_index, s.remaining_ms), (1, 5000));
}

#[test]
fn a_finite_format_is_done_at_the_end_of_its_last_phase() {
    let t = timeline(plain(&[5, 5, 5]), &[]);
    let s = state_at(&t, at(100));
    assert!(s.done);
    assert_eq!(s.ended_at, Some(at(15)));
    assert_eq!((s.phase_index, s.remaining_ms, s.ends_at), (2, 0, None));
    assert_eq!(next_deadline(&t, at(100)), None);
    let records = finished_phases(&t, at(100));
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|r| r.outcome == PhaseOutcome::Completed && r.actual_seconds == 5));
}

#[test]
fn pausing_freezes_the_remaining_time_and_shifts_the_deadline() {
    let t = timeline(plain(&[10, 5]), &[ev(2, EventKind::Pause), ev(30, EventKind::Resume)]);
    let paused = state_at(&t, at(20));
    assert!(paused.paused);
    assert_eq!((paused.ends_at, paused.remaining_ms), (None, 8000));
    assert_eq!(next_deadline(&t, at(20)), None);
    assert_eq!(state_at(&t, at(30)).ends_at, Some(at(38)));
    let first = &finished_phases(&t, at(38))[0];
    assert_eq!((first.started_at, first.ended_at, first.actual_seconds), (at(0), at(38), 10));
}

#[test]
fn skip_ends_the_phase_at_its_instant() {
    let t = timeline(plain(&[10, 10]), &[ev(3, EventKind::Skip)]);
    let s = state_at(&t, at(4));
    assert_eq!((s.phase_index, s.phase_started_at, s.ends_at), (1, at(3), Some(at(13))));
    let r = &finished_phases(&t, at(4))[0];
    assert_eq!((r.outcome, r.ended_at, r.actual_seconds), (PhaseOutcome::Skipped, at(3), 3));
}

#[test]
fn skip_while_paused_starts_the_next_phase_paused_with_its_full_length() {
    let t = timeline(plain(&[10, 7]), &[ev(2, EventKind::Pause), ev(5, EventKind::Skip)]);
    let s = state_at(&t, at(60));
    assert_eq!((s.phase_index, s.paused, s.remaining_ms), (1, true, 7000));
    let r = &finished_phases(&t, at(60))[0];
    assert_eq!((r.actual_seconds, r.ended_at), (2, at(5)));
}

#[test]
fn skipping_the_last_phase_ends_the_session() {
    let t = timeline(plain(&[10]), &[ev(3, EventKind::Skip)]);
    let s = state_at(&t, at(4));
    assert!(s.done);
    assert_eq!(s.ended_at, Some(at(3)));
}

#[test]
fn extend_adds_to_the_current_phase_running_or_paused() {
    let t = timeline(plain(&[10, 5]), &[ev(2, EventKind::Extend { seconds: 60 })]);
    let s = state_at(&t, at(3));
    assert_eq!((s.ends_at, s.phase.seconds), (Some(at(70)), 70));

    let t = timeline(
        plain(&[10, 5]),
        &[ev(2, EventKind::Pause), ev(4, EventKind::Extend { seconds: 5 }), ev(6, EventKind::Resume)],
    );
    assert_eq!(state_at(&t, at(6)).ends_at, Some(at(19)));
    let r = &finished_phases(&t, at(19))[0];
    assert_eq!((r.planned_seconds, r.actual_seconds), (15, 15));
}

#[test]
fn stop_ends_the_session_and_records_the_stopped_phase() {
    let t = timeline(plain(&[10, 10]), &[ev(14, EventKind::Stop)]);
    let s = state_at(&t, at(20));
    assert!(s.done);
    assert_eq!((s.ended_at, s.phase_index, s.remaining_ms), (Some(at(14)), 1, 0));
    let records = finished_phases(&t, at(20));
    assert_eq!(records.len(), 2);
    assert_eq!((records[1].outcome, records[1].actual_seconds), (PhaseOutcome::Stopped, 4));
}

#[test]
fn a_stop_at_a_phase_boundary_records_no_empty_phase() {
    let t = timeline(plain(&[10, 10]), &[ev(10, EventKind::Stop)]);
    let records = finished_phases(&t, at(20));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome, PhaseOutcome::Completed);
}

#[test]
fn pomodoro_expands_rounds_and_long_breaks() {
    let f = pomodoro();
    let labels: Vec<String> = (0..10).map(|i| phase_at(&f, i).unwrap().label).collect();
    assert_eq!(
        labels,
        [
            "Pomodoro 1",
            "Break",
            "Pomodoro 2",
            "Break",
            "Pomodoro 3",
            "Break",
            "Pomodoro 4",
            "Long break",
            "Pomodoro 5",
            "Break"
        ]
    );
    assert_eq!(phase_at(&f, 15).unwrap().kind, PhaseKind::LongBreak);
    let t = timeline(f, &[]);
    let s = state_at(&t, at(1500 + 300 + 10));
    assert_eq!((s.phase.label.as_str(), s.round), ("Pomodoro 2", 2));
}

#[test]
fn a_repeat_with_rounds_ends_after_them() {
    let mut f = pomodoro();
    f.repeat.as_mut().unwrap().rounds = Some(2);
    assert!(phase_at(&f, 3).is_some());
    assert_eq!(phase_at(&f, 4), None);
    let t = timeline(f, &[]);
    assert!(state_at(&t, at(2 * 1800)).done);
}

#[test]
fn a_plain_format_keeps_braces_literally() {
    let mut f = plain(&[5]);
    f.phases[0].label = "Step {n}".into();
    assert_eq!(phase_at(&f, 0).unwrap().label, "Step {n}");
    assert_eq!(phase_at(&f, 1), None);
}

#[test]
fn a_ten_year_old_pomodoro_is_computed_by_whole_cycles() {
    // One cycle: 4 × (25 + 5) minutes, the 4th break being 15: 130 minutes, 8 phases.
    let cycle = 130 * 60;
    let cycles = 10 * 365 * 24 * 60 / 130;
    let t = timeline(pomodoro(), &[]);
    let now = at(cycles * cycle + 26 * 60);
    let s = state_at(&t, now);
    assert_eq!(s.phase_index as i64, cycles * 8 + 1);
    assert_eq!(s.round as i64, cycles * 4 + 1);
    assert_eq!((s.phase.label.as_str(), s.remaining_ms), ("Break", 4 * 60 * 1000));
    assert_eq!(next_deadline(&t, now), Some(now + Duration::minutes(4)));
}

#[test]
fn cycle_jumps_agree_with_walking_phase_by_phase() {
    let t = timeline(pomodoro(), &[ev(100, EventKind::Pause), ev(160, EventKind::Resume), ev(2000, EventKind::Skip)]);
    let now = at(1000 * 130 * 60 + 12345);
    let s = state_at(&t, now);
    let records = finished_phases(&t, now);
    assert_eq!(records.len() as u32, s.phase_index);
    assert_eq!(records.last().unwrap().ended_at, s.phase_started_at);
}

#[test]
fn push_rejects_invalid_events_and_leaves_the_timeline_unchanged() {
    let mut t = timeline(plain(&[10, 10]), &[ev(5, EventKind::Pause)]);
    let before = t.clone();
    let conflict = |e: Error| matches!(e, Error::Conflict(_));
    let field = |e: Error| e.field().map(str::to_string);

    assert!(conflict(t.push(ev(6, EventKind::Pause)).unwrap_err()));
    assert_eq!(field(t.push(ev(4, EventKind::Resume)).unwrap_err()).as_deref(), Some("at"));
    assert_eq!(field(t.push(ev(6, EventKind::Extend { seconds: 0 })).unwrap_err()).as_deref(), Some("seconds"));
    assert_eq!(
        field(t.push(ev(6, EventKind::Extend { seconds: MAX_EXTEND_SECONDS + 1 })).unwrap_err()).as_deref(),
        Some("seconds")
    );
    assert_eq!(t, before);

    let mut running = timeline(plain(&[10, 10]), &[]);
    assert!(conflict(running.push(ev(1, EventKind::Resume)).unwrap_err()));
    assert_eq!(field(running.push(ev(-1, EventKind::Pause)).unwrap_err()).as_deref(), Some("at"));
    assert!(running.events().is_empty());
}

#[test]
fn nothing_is_accepted_after_stop_or_the_end() {
    let mut stopped = timeline(plain(&[10, 10]), &[ev(3, EventKind::Stop)]);
    for kind in [EventKind::Pause, EventKind::Skip, EventKind::Stop, EventKind::Extend { seconds: 5 }] {
        assert!(matches!(stopped.push(ev(3, kind)), Err(Error::Conflict(_))));
    }
    let mut over = timeline(plain(&[10]), &[]);
    assert!(matches!(over.push(ev(10, EventKind::Pause)), Err(Error::Conflict(_))));
    assert!(over.push(ev(9, EventKind::Pause)).is_ok());
}

#[test]
fn event_instants_are_kept_to_the_millisecond() {
    let mut t = Timeline::new(plain(&[10]), t0() + Duration::nanoseconds(1_500_000));
    assert_eq!(t.started_at, t0() + Duration::milliseconds(1));
    t.push(Event { at: at(2) + Duration::nanoseconds(999_999), kind: EventKind::Pause }).unwrap();
    assert_eq!(t.events()[0].at, at(2));
}

#[test]
fn an_event_at_a_deadline_applies_to_the_phase_starting_there() {
    let t = timeline(plain(&[5, 5, 5]), &[ev(5, EventKind::Skip)]);
    let records = finished_phases(&t, at(6));
    assert_eq!(records.iter().map(|r| r.outcome).collect::<Vec<_>>(), [PhaseOutcome::Completed, PhaseOutcome::Skipped]);
    assert_eq!(state_at(&t, at(6)).phase_index, 2);
}

#[test]
fn the_agenda_shows_finished_current_and_planned_steps() {
    let t = timeline(plain(&[5, 10, 5, 5]), &[ev(2, EventKind::Pause), ev(4, EventKind::Resume)]);
    let steps = agenda(&t, at(8), 1);
    let times: Vec<_> = steps.iter().map(|s| (s.index, s.starts_at, s.ends_at)).collect();
    assert_eq!(times, [(0, at(0), at(7)), (1, at(7), at(17)), (2, at(17), at(22))]);

    let paused = timeline(plain(&[5, 10]), &[ev(2, EventKind::Pause)]);
    let steps = agenda(&paused, at(10), 5);
    assert_eq!((steps[0].ends_at, steps[1].starts_at, steps[1].ends_at), (at(13), at(13), at(23)));
}

#[test]
fn the_agenda_of_an_endless_format_stops_after_ahead_steps() {
    let t = timeline(pomodoro(), &[]);
    let steps = agenda(&t, at(0), 8);
    assert_eq!(steps.len(), 9);
    assert_eq!(steps[7].phase.label, "Long break");
    assert_eq!(steps[8].starts_at, at(130 * 60));
}

#[test]
fn a_format_without_phases_is_over_at_once() {
    let t = Timeline::new(plain(&[]), t0());
    let s = state_at(&t, at(5));
    assert!(s.done);
    assert_eq!(s.ended_at, Some(t0()));
    assert!(finished_phases(&t, at(5)).is_empty());
    assert!(agenda(&t, at(5), 3).is_empty());
}

#[test]
fn an_endless_format_of_zero_length_phases_does_not_spin() {
    let mut f = pomodoro();
    for p in &mut f.phases {
        p.seconds = 0;
    }
    f.repeat.as_mut().unwrap().long_break_every = 0;
    let t = Timeline::new(f, t0());
    assert!(state_at(&t, at(10)).done);
}
