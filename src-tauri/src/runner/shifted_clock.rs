//! The wall clock the runner and the live room read: the system's, or — for the end-to-end tests
//! only — the system's shifted by a fixed amount, so that one Stint can play a member whose computer
//! clock is off (tests/e2e/specs/room.e2e.ts) while the others on the same machine keep the true time.
//! `app_clock()` is the one the app reads: the runner, the live room and the commands.
//!
//! The shift is switched on by `STINT_TEST_CLOCK_SHIFT_MS` at start, in the style of
//! `STINT_TEST_DIALOG_PATH`: it is not a setting, nothing in the app writes it, and Stint logs a warning
//! when it is set. Unset (every real start) the clock is exactly `SystemClock`. The webview keeps the
//! system clock: a test reads the shift's effects from what the backend decides (phase changes,
//! notifications, the agenda's current step, the room's clock warning), not from the seconds on
//! screen.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::clock::{Clock, SystemClock};

/// Set only by the end-to-end tests: milliseconds added to the system clock (negative: behind).
pub const TEST_CLOCK_SHIFT: &str = "STINT_TEST_CLOCK_SHIFT_MS";

/// The most a test may shift the clock by: a day either way.
const MAX_SHIFT_MS: i64 = 86_400_000;

/// The system clock plus a fixed shift (zero outside the end-to-end tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShiftedClock {
    shift_ms: i64,
}

impl ShiftedClock {
    pub fn new(shift_ms: i64) -> Self {
        ShiftedClock { shift_ms: shift_ms.clamp(-MAX_SHIFT_MS, MAX_SHIFT_MS) }
    }

    /// The system clock, shifted when `STINT_TEST_CLOCK_SHIFT_MS` is set to a whole number of
    /// milliseconds; a value that is not one is ignored with a warning.
    pub fn from_env() -> Self {
        let Some(raw) = std::env::var_os(TEST_CLOCK_SHIFT).filter(|v| !v.is_empty()) else {
            return ShiftedClock::default();
        };
        Self::parse(&raw.to_string_lossy())
    }

    fn parse(raw: &str) -> Self {
        match raw.trim().parse::<i64>() {
            Ok(shift_ms) => {
                let clock = ShiftedClock::new(shift_ms);
                log::warn!(
                    "{TEST_CLOCK_SHIFT} is set: the timer and the live room read a clock {} ms off the \
                     system's (for tests only)",
                    clock.shift_ms
                );
                clock
            }
            Err(_) => {
                log::warn!("{TEST_CLOCK_SHIFT} is not a whole number of milliseconds; the system clock is used");
                ShiftedClock::default()
            }
        }
    }

    pub fn shift_ms(&self) -> i64 {
        self.shift_ms
    }
}

/// The clock of this run of the app, read from the environment once: the runner, the live room and
/// the commands (the session the window shows, the user's actions) all read this one, so a shifted
/// clock is shifted for all of them, as a computer's wrong clock would be.
pub fn app_clock() -> ShiftedClock {
    static CLOCK: std::sync::OnceLock<ShiftedClock> = std::sync::OnceLock::new();
    *CLOCK.get_or_init(ShiftedClock::from_env)
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        SystemClock.now() + chrono::Duration::milliseconds(self.shift_ms)
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        SystemClock.sleep(duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_or_bad_values_leave_the_system_clock() {
        assert_eq!(ShiftedClock::parse("soon").shift_ms(), 0);
        assert_eq!(ShiftedClock::parse("").shift_ms(), 0);
        assert_eq!(ShiftedClock::default().shift_ms(), 0);
    }

    #[test]
    fn a_shift_moves_now_by_that_much_and_is_bounded() {
        assert_eq!(ShiftedClock::parse(" 3000 ").shift_ms(), 3000);
        assert_eq!(ShiftedClock::parse("-250").shift_ms(), -250);
        assert_eq!(ShiftedClock::parse("999999999999").shift_ms(), MAX_SHIFT_MS);
        let ahead = ShiftedClock::new(3000).now() - Utc::now();
        assert!((2900..=3100).contains(&ahead.num_milliseconds()), "{ahead}");
    }
}
