//! The room's clock: a member's offset from the homeserver, from the server's stamps on its own writes.

use chrono::Duration;
use stint_core::i18n::Lang;
use stint_core::room::{ClockEstimate, ClockSample};

use crate::room_support::t0;

/// A write sent at local `sent_ms`, answered `rtt_ms` later, stamped by a server whose clock is
/// `offset_ms` ahead of the local one, `stamp_at` of the way through the round trip.
fn sample(sent_ms: i64, rtt_ms: i64, offset_ms: i64, stamp_at: f64) -> ClockSample {
    let sent_at = t0() + Duration::milliseconds(sent_ms);
    let answered_at = sent_at + Duration::milliseconds(rtt_ms);
    let stamped_local = sent_at.timestamp_millis() + (rtt_ms as f64 * stamp_at) as i64;
    ClockSample { sent_at, answered_at, server_ts: stamped_local + offset_ms }
}

#[test]
fn without_samples_there_is_no_correction_and_no_warning() {
    let clock = ClockEstimate::new();
    assert_eq!(clock.correction_ms(), 0);
    assert_eq!(clock.room_now(t0()), t0());
    assert_eq!(clock.warning(), None);
}

#[test]
fn the_sample_with_the_shortest_round_trip_wins() {
    let mut clock = ClockEstimate::new();
    // A slow write stamped late in its round trip would suggest 3.9 s; the quick one is near 3 s.
    clock.record(sample(0, 1800, 3000, 1.0));
    clock.record(sample(5000, 40, 3000, 0.5));
    clock.record(sample(9000, 900, 3000, 0.0));
    assert_eq!(clock.best().unwrap().round_trip_ms(), 40);
    assert_eq!(clock.correction_ms(), 3000);
    assert_eq!(clock.room_now(t0()), t0() + Duration::milliseconds(3000));
}

#[test]
fn a_member_3_seconds_behind_is_corrected_and_told_in_a_sentence() {
    let mut clock = ClockEstimate::new();
    clock.record(sample(0, 20, 3000, 0.5));
    assert_eq!(clock.correction_ms(), 3000);
    assert_eq!(
        clock.warning().unwrap().render(Lang::En),
        "Your computer's clock is about 3 seconds behind the room's server. Stint corrects the live timer for \
         it; to fix the clock itself, turn on automatic date and time in your system settings."
    );
    let mut ahead = ClockEstimate::new();
    ahead.record(sample(0, 20, -2500, 0.5));
    assert!(ahead.warning().unwrap().render(Lang::En).contains("about 3 seconds ahead of the room's server"));
    assert!(ahead.warning().unwrap().render(Lang::Es).contains("unos 3 segundos por delante del servidor"));
    let mut just_over = ClockEstimate::new();
    just_over.record(sample(0, 20, 2100, 0.5));
    assert!(just_over.warning().unwrap().render(Lang::De).contains("etwa 2 Sekunden nach"));
}

#[test]
fn small_offsets_are_ignored_and_moderate_ones_corrected_without_a_warning() {
    let mut clock = ClockEstimate::new();
    clock.record(sample(0, 10, 249, 0.5));
    assert_eq!(clock.measured_ms(), 249);
    assert_eq!(clock.correction_ms(), 0);
    let mut clock = ClockEstimate::new();
    clock.record(sample(0, 10, -1200, 0.5));
    assert_eq!(clock.correction_ms(), -1200);
    assert_eq!(clock.warning(), None);
    let mut clock = ClockEstimate::new();
    clock.record(sample(0, 10, 2000, 0.5));
    assert_eq!(clock.warning(), None, "2 s exactly is not more than 2 s");
}

#[test]
fn a_sample_whose_answer_came_before_it_was_sent_is_ignored() {
    let mut clock = ClockEstimate::new();
    assert!(!clock.record(sample(0, -500, 9000, 0.5)));
    assert_eq!(clock.correction_ms(), 0);
}

#[test]
fn a_changed_local_clock_is_picked_up_once_the_old_samples_are_out_of_the_window() {
    let mut clock = ClockEstimate::new();
    clock.record(sample(0, 5, 3000, 0.5));
    for i in 1..=8 {
        clock.record(sample(i * 1000, 30, 0, 0.5));
    }
    assert_eq!(clock.correction_ms(), 0, "the user fixed their clock");
}
