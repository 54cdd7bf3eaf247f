//! The room's clock: the homeserver's. Each member estimates how far its own clock is from it.
//!
//! A sample is one write of this member's: the local time the request left, the local time the answer
//! came, and the `origin_server_ts` the server stamped on the event in between. The server's stamp is
//! taken to sit at the midpoint, so the error of a sample is at most half its round trip; the estimate
//! keeps the sample with the shortest round trip among the recent ones (so a changed local clock is
//! picked up after a few writes). Offsets under 250 ms are ignored (a member's timer shows seconds);
//! over 2 s the user is told, in a sentence, that their clock is off.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

use crate::i18n::Msg;

/// Offsets smaller than this are not corrected.
pub const IGNORED_OFFSET_MS: i64 = 250;
/// Offsets larger than this are corrected and the user is told.
pub const WARN_OFFSET_MS: i64 = 2000;
/// How many recent samples the estimate chooses from.
const WINDOW: usize = 8;

/// One write of this member's, timed by its local clock, and the server's stamp on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockSample {
    pub sent_at: DateTime<Utc>,
    pub answered_at: DateTime<Utc>,
    /// The event's `origin_server_ts` (ms since the Unix epoch).
    pub server_ts: i64,
}

impl ClockSample {
    pub fn round_trip_ms(&self) -> i64 {
        (self.answered_at - self.sent_at).num_milliseconds()
    }

    /// Server time minus local time at the midpoint of the round trip.
    pub fn offset_ms(&self) -> i64 {
        let sent = self.sent_at.timestamp_millis();
        let midpoint = sent + (self.answered_at.timestamp_millis() - sent) / 2;
        self.server_ts - midpoint
    }
}

#[derive(Debug, Clone, Default)]
pub struct ClockEstimate {
    recent: VecDeque<ClockSample>,
}

impl ClockEstimate {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a sample; one whose answer came before it was sent (the local clock jumped back in
    /// between) is ignored. Returns whether the sample was kept.
    pub fn record(&mut self, sample: ClockSample) -> bool {
        if sample.round_trip_ms() < 0 {
            return false;
        }
        if self.recent.len() == WINDOW {
            self.recent.pop_front();
        }
        self.recent.push_back(sample);
        true
    }

    /// The recent sample with the shortest round trip (the latest of equals).
    pub fn best(&self) -> Option<&ClockSample> {
        self.recent.iter().rev().min_by_key(|s| s.round_trip_ms())
    }

    /// The measured offset (server minus local), 0 without samples.
    pub fn measured_ms(&self) -> i64 {
        self.best().map_or(0, ClockSample::offset_ms)
    }

    /// The correction applied to the local clock: the measured offset, or 0 when it is under 250 ms.
    pub fn correction_ms(&self) -> i64 {
        let offset = self.measured_ms();
        if offset.abs() < IGNORED_OFFSET_MS {
            0
        } else {
            offset
        }
    }

    /// Room time at local time `local_now`.
    pub fn room_now(&self, local_now: DateTime<Utc>) -> DateTime<Utc> {
        local_now + Duration::milliseconds(self.correction_ms())
    }

    /// What to tell the user when their clock is more than 2 s off the room's: how far, in whole
    /// seconds, and which way.
    pub fn warning(&self) -> Option<Msg> {
        let offset = self.measured_ms();
        if offset.abs() <= WARN_OFFSET_MS {
            return None;
        }
        let key = if offset > 0 { "room_clock_behind" } else { "room_clock_ahead" };
        let seconds = (offset.unsigned_abs() + 500) / 1000;
        Some(Msg::new(key).count("seconds", seconds))
    }
}
