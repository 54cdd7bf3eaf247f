//! Wall-clock time and sleeping, behind a trait so the runner can be tested with a fake clock.
//!
//! The runner measures how long it really slept with `tokio::time::Instant` (monotonic; it stops while
//! the machine is suspended on Linux and macOS) and compares that with the wall clock from `now()`.
//! The fake clock is driven by tokio's paused test time plus an offset that tests move by hand, which
//! is exactly what a suspend (wall time moves, monotonic does not) or a clock change looks like.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync + 'static {
    /// The wall-clock time.
    fn now(&self) -> DateTime<Utc>;
    /// Sleeps for `duration` of monotonic time.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(duration)
    }
}

#[cfg(test)]
pub use fake::FakeClock;

#[cfg(test)]
mod fake {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::time::Instant;

    /// Wall time = a start instant + tokio's (paused) monotonic time elapsed + a hand-moved offset.
    #[derive(Clone)]
    pub struct FakeClock {
        wall_start: DateTime<Utc>,
        mono_start: Instant,
        offset: Arc<Mutex<chrono::Duration>>,
    }

    impl FakeClock {
        /// Must be created inside a tokio runtime with paused time (`#[tokio::test(start_paused = true)]`).
        pub fn new(wall_start: DateTime<Utc>) -> Self {
            FakeClock { wall_start, mono_start: Instant::now(), offset: Arc::new(Mutex::new(chrono::Duration::zero())) }
        }

        /// Moves the wall clock without monotonic time passing: a suspend (forward) or a clock change.
        pub fn jump(&self, by: chrono::Duration) {
            *self.offset.lock().unwrap() += by;
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> DateTime<Utc> {
            let elapsed = chrono::Duration::from_std(self.mono_start.elapsed()).expect("test durations are small");
            self.wall_start + elapsed + *self.offset.lock().unwrap()
        }

        fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
            tokio::time::sleep(duration)
        }
    }
}
