//! Invariants of the session timeline over random formats and random event sequences.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind, Repeat};
use stint_core::timeline::{finished_phases, next_deadline, state_at, Event, EventKind, PhaseOutcome, Timeline};
use stint_core::Error;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap()
}

fn ms(n: i64) -> Duration {
    Duration::milliseconds(n)
}

fn phase(kind: PhaseKind, seconds: u32) -> Phase {
    Phase { label: format!("{kind:?} {{n}}"), kind, seconds, prompt: None }
}

/// Plain formats and repeating ones (finite or endless, with or without long breaks), of short phases.
fn formats() -> impl Strategy<Value = FormatDraft> {
    let kinds = prop_oneof![Just(PhaseKind::Focus), Just(PhaseKind::Break), Just(PhaseKind::CheckIn)];
    let phases = prop::collection::vec((kinds, 5u32..40).prop_map(|(k, s)| phase(k, s)), 1..5);
    let repeat = prop_oneof![
        Just(None),
        (prop::option::of(1u32..4), 0u32..4, 5u32..40).prop_map(|(rounds, every, long)| Some(Repeat {
            rounds,
            long_break_every: every,
            long_break: Some(phase(PhaseKind::LongBreak, long)),
        })),
    ];
    (phases, repeat).prop_map(|(phases, repeat)| FormatDraft {
        name: "Random".into(),
        attribution: None,
        phases,
        commitments: CommitmentPolicy::default(),
        repeat,
    })
}

fn kinds() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        3 => Just(EventKind::Pause),
        3 => Just(EventKind::Resume),
        2 => Just(EventKind::Skip),
        1 => (1u32..30).prop_map(|seconds| EventKind::Extend { seconds }),
        1 => Just(EventKind::Stop),
    ]
}

/// Events at random gaps (0 to 30 s), each pushed if the timeline accepts it.
fn attempts() -> impl Strategy<Value = Vec<(i64, EventKind)>> {
    prop::collection::vec((0i64..30_000, kinds()), 0..12)
}

/// Pushes every attempt in turn; a rejected one must leave the timeline as it was.
fn build(format: FormatDraft, attempts: &[(i64, EventKind)]) -> (Timeline, DateTime<Utc>) {
    let mut t = Timeline::new(format, t0());
    let mut now = t0();
    for &(gap, kind) in attempts {
        now += ms(gap);
        let before = t.clone();
        if t.push(Event { at: now, kind }).is_err() {
            assert_eq!(t, before, "a rejected event changed the timeline");
        }
    }
    (t, now)
}

fn push(t: &mut Timeline, at: DateTime<Utc>, kind: EventKind) -> stint_core::Result<()> {
    t.push(Event { at, kind })
}

fn is_conflict(result: stint_core::Result<()>) -> bool {
    matches!(result, Err(Error::Conflict(_)))
}

proptest! {
    #[test]
    fn remaining_is_never_negative(format in formats(), attempts in attempts(), later in 0i64..600_000) {
        let (t, last) = build(format, &attempts);
        for now in [t0(), last, last + ms(later)] {
            let s = state_at(&t, now);
            prop_assert!(s.remaining_ms >= 0);
            if let Some(ends) = s.ends_at {
                prop_assert_eq!(s.remaining_ms, (ends - now).num_milliseconds());
                prop_assert!(ends > now);
            }
            if s.done {
                prop_assert_eq!(s.remaining_ms, 0);
            }
        }
    }

    #[test]
    fn finished_phases_tile_the_time_from_the_start(format in formats(), attempts in attempts(), later in 0i64..600_000) {
        let (t, last) = build(format, &attempts);
        let now = last + ms(later);
        let s = state_at(&t, now);
        let records = finished_phases(&t, now);
        let mut cursor = t.started_at;
        for (i, r) in records.iter().enumerate() {
            prop_assert_eq!(r.started_at, cursor, "phase {} does not start where the previous ended", i);
            prop_assert!(r.ended_at >= r.started_at);
            prop_assert!(r.ended_at <= now);
            prop_assert!(i64::from(r.actual_seconds) * 1000 <= (r.ended_at - r.started_at).num_milliseconds() + 500);
            prop_assert!(matches!(r.outcome, PhaseOutcome::Completed | PhaseOutcome::Skipped | PhaseOutcome::Stopped));
            cursor = r.ended_at;
        }
        match s.ended_at {
            Some(ended) => prop_assert_eq!(cursor, ended),
            None => {
                prop_assert_eq!(cursor, s.phase_started_at);
                prop_assert_eq!(records.len() as u32, s.phase_index);
            }
        }
    }

    #[test]
    fn the_phase_index_never_goes_back(format in formats(), attempts in attempts(), a in 0i64..900_000, b in 0i64..900_000) {
        let (t, _) = build(format, &attempts);
        let (early, late) = (t0() + ms(a.min(b)), t0() + ms(a.max(b)));
        let (s1, s2) = (state_at(&t, early), state_at(&t, late));
        prop_assert!(s1.phase_index <= s2.phase_index);
        prop_assert!(!s1.done || s2.done);
    }

    #[test]
    fn a_pause_of_d_shifts_every_later_deadline_by_d(format in formats(), pause_at in 0i64..200_000, d in 0i64..100_000) {
        let plain = Timeline::new(format.clone(), t0());
        let mut paused = plain.clone();
        let p = t0() + ms(pause_at);
        if paused.push(Event { at: p, kind: EventKind::Pause }).is_err() {
            prop_assert!(state_at(&plain, p).done);
            return Ok(());
        }
        paused.push(Event { at: p + ms(d), kind: EventKind::Resume }).unwrap();
        let horizon = p + ms(400_000);
        let shifted = finished_phases(&paused, horizon + ms(d));
        let before: Vec<_> = finished_phases(&plain, horizon);
        prop_assert_eq!(before.len(), shifted.len());
        for (a, b) in before.iter().zip(&shifted) {
            if a.ended_at > p {
                prop_assert_eq!(a.ended_at + ms(d), b.ended_at);
            } else {
                prop_assert_eq!(a.ended_at, b.ended_at);
            }
        }
        for probe in [p + ms(d), horizon] {
            prop_assert_eq!(next_deadline(&plain, probe).map(|x| x + ms(d)), next_deadline(&paused, probe + ms(d)));
        }
    }

    #[test]
    fn skip_ends_the_current_phase_at_its_instant(format in formats(), attempts in attempts(), gap in 0i64..60_000) {
        let (mut t, last) = build(format, &attempts);
        let at = last + ms(gap);
        let before = state_at(&t, at);
        if before.done {
            prop_assert!(is_conflict(push(&mut t, at, EventKind::Skip)));
            return Ok(());
        }
        t.push(Event { at, kind: EventKind::Skip }).unwrap();
        let records = finished_phases(&t, at);
        let skipped = records.last().unwrap();
        prop_assert_eq!((skipped.index, skipped.ended_at, skipped.outcome), (before.phase_index, at, PhaseOutcome::Skipped));
        let after = state_at(&t, at);
        if !after.done {
            prop_assert_eq!((after.phase_index, after.phase_started_at, after.paused), (before.phase_index + 1, at, before.paused));
        }
    }

    #[test]
    fn invalid_events_are_rejected_and_change_nothing(format in formats(), attempts in attempts(), gap in 0i64..60_000, back in 1i64..10_000) {
        let (mut t, last) = build(format, &attempts);
        let unchanged = t.clone();
        let at = last + ms(gap);
        let s = state_at(&t, at);
        if s.done {
            for kind in [EventKind::Pause, EventKind::Resume, EventKind::Skip, EventKind::Stop, EventKind::Extend { seconds: 5 }] {
                prop_assert!(is_conflict(push(&mut t, at, kind)));
            }
        } else if s.paused {
            prop_assert!(is_conflict(push(&mut t, at, EventKind::Pause)));
        } else {
            prop_assert!(is_conflict(push(&mut t, at, EventKind::Resume)));
        }
        let zero = t.push(Event { at, kind: EventKind::Extend { seconds: 0 } }).unwrap_err();
        prop_assert!(zero.field() == Some("seconds") || matches!(zero, Error::Conflict(_)));
        if let Some(previous) = t.events().last().map(|e| e.at) {
            let err = t.push(Event { at: previous - ms(back), kind: EventKind::Stop }).unwrap_err();
            prop_assert_eq!(err.field(), Some("at"));
        }
        let err = t.push(Event { at: t0() - ms(back), kind: EventKind::Skip }).unwrap_err();
        prop_assert_eq!(err.field(), Some("at"));
        prop_assert_eq!(t, unchanged);
    }
}
