//! A bound on the work one step may do, for the tests that feed hostile or pathological input (a
//! fuzzed pack, calls dated 1970 that skip each other's days): such input must be answered with
//! bounded work. The bound counts this thread's CPU time, not wall time, so that a loaded machine
//! (other tests, other builds) does not trip it; unbounded work goes far past it.

use std::time::Duration;

/// The most CPU one step may use; a debug build answers any input far below it.
pub const WORK_BOUND: Duration = Duration::from_millis(100);

/// Runs `f` and fails the test if it used more than `WORK_BOUND` of this thread's CPU.
pub fn within_work_bound<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let before = thread_cpu_time();
    let out = f();
    let used = thread_cpu_time() - before;
    assert!(used < WORK_BOUND, "{what} used {used:?} of CPU, more than {WORK_BOUND:?}");
    out
}

/// The CPU time this thread has used (Linux and macOS).
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is supported on Linux and macOS.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(status, 0, "the thread's CPU clock can be read");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}
