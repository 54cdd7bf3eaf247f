//! The timer synced by schedule: a late joiner lands in the phase the call is in.

use crate::calls_support::{call, local, sample_pack, utc};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::London;
use stint_core::calls::{join, occurrences, Call, Recurrence};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::pack::{parse_pack, Pack};
use stint_core::timeline::state_at;

fn three_five_second_phases() -> FormatDraft {
    let phase = |label: &str, kind| Phase { label: label.into(), kind, seconds: 5, prompt: None };
    FormatDraft {
        name: "Fixture".into(),
        attribution: None,
        phases: vec![
            phase("Welcome", PhaseKind::Welcome),
            phase("Focus", PhaseKind::Focus),
            phase("Close", PhaseKind::Close),
        ],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    }
}

fn fixture_call() -> Call {
    let mut c = call("fixture", London, local(2025, 6, 2, 10, 0), Recurrence::once());
    c.duration_minutes = 1;
    c
}

#[test]
fn joining_seven_seconds_late_lands_in_the_second_phase_with_three_seconds_left() {
    let c = fixture_call();
    let occ = occurrences(&c, utc(2025, 6, 1, 0, 0), utc(2025, 6, 3, 0, 0)).remove(0);
    assert_eq!(occ.starts_at, utc(2025, 6, 2, 9, 0), "10:00 BST");
    let timeline = join(&c, &occ, &three_five_second_phases()).unwrap();
    assert_eq!(timeline.started_at, occ.starts_at);
    let state = state_at(&timeline, occ.starts_at + Duration::seconds(7));
    assert_eq!(state.phase_index, 1);
    assert_eq!(state.phase.label, "Focus");
    assert_eq!(state.remaining_ms, 3_000);
    assert_eq!(state.ends_at, Some(occ.starts_at + Duration::seconds(10)));
    assert!(!state.done);
}

#[test]
fn late_joins_at_several_offsets() {
    let c = fixture_call();
    let occ = occurrences(&c, utc(2025, 6, 1, 0, 0), utc(2025, 6, 3, 0, 0)).remove(0);
    let timeline = join(&c, &occ, &three_five_second_phases()).unwrap();
    // (offset ms, phase index, remaining ms)
    for (offset, index, remaining) in
        [(0, 0, 5_000), (1_500, 0, 3_500), (5_000, 1, 5_000), (9_999, 1, 1), (12_250, 2, 2_750)]
    {
        let state = state_at(&timeline, occ.starts_at + Duration::milliseconds(offset));
        assert_eq!((state.phase_index, state.remaining_ms), (index, remaining), "at +{offset} ms");
    }
    let after = state_at(&timeline, occ.starts_at + Duration::seconds(15));
    assert!(after.done);
    assert_eq!(after.remaining_ms, 0);
}

#[test]
fn joining_with_another_calls_occurrence_is_refused() {
    let c = fixture_call();
    let mut occ = occurrences(&c, utc(2025, 6, 1, 0, 0), utc(2025, 6, 3, 0, 0)).remove(0);
    occ.call_id = "other".into();
    assert_eq!(join(&c, &occ, &three_five_second_phases()).unwrap_err().field(), Some("occurrence"));
}

/// The phase a member with `pack` sees at `at`: (call id, phase index, phase end), or None between calls.
fn phase_seen(pack: &Pack, at: DateTime<Utc>) -> Vec<(String, u32, Option<DateTime<Utc>>)> {
    let mut seen = Vec::new();
    for c in &pack.calls {
        for occ in occurrences(c, at, at + Duration::milliseconds(1)) {
            let format = &pack.formats.iter().find(|f| f.id == c.format_id).unwrap().draft;
            let state = state_at(&join(c, &occ, format).unwrap(), at);
            seen.push((c.id.clone(), state.phase_index, state.ends_at));
        }
    }
    seen
}

#[test]
fn two_independently_parsed_copies_of_a_pack_agree_on_the_phase_at_1000_instants() {
    let bytes = sample_pack("turing-way-like.stint.json");
    let alice = parse_pack(&bytes).unwrap();
    let bob = parse_pack(&bytes.clone()).unwrap();
    // Instants drawn from the call hours of a year (so that most fall inside a call).
    let mut seed: u64 = 0x5EED_CAFE;
    let mut inside = 0;
    for _ in 0..1_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let day = (seed % 365) as i64;
        let second_of_window = ((seed >> 20) % (6 * 3600)) as i64; // 10:00–16:00 UTC
        let at = utc(2025, 1, 1, 10, 0) + Duration::days(day) + Duration::seconds(second_of_window);
        let (a, b) = (phase_seen(&alice, at), phase_seen(&bob, at));
        assert_eq!(a, b, "at {at}");
        inside += usize::from(!a.is_empty());
    }
    assert!(inside > 100, "only {inside} instants fell inside a call");
}
