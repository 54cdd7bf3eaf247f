//! WebKitGTK and JavaScriptCore knobs that exist only as environment variables. They are set first
//! thing in `run` (before any thread, and before WebKit spawns its processes, which inherit them),
//! and taken out again for the programs Stint launches (see `links.rs`): a browser opened on a join
//! link must not run with Stint's choices. `STINT_WEBKIT_TUNING=off` keeps WebKit's own defaults.
//!
//! Why, measured with scripts/footprint.sh (Xvfb, software rendering, whole process tree, a running
//! countdown in a visible window; before → after each step):
//! - `WEBKIT_DISABLE_COMPOSITING_MODE`: the page is a few boxes and one ring; painting it on the CPU
//!   is cheaper than a GL compositor (llvmpipe threads and buffers). PSS 312 → 230 MB, CPU 1.4 →
//!   0.35 s/min.
//! - `WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR`: the UI process's monitor thread re-reads the memory
//!   figures every 5 s, day and night; a one-page app has nothing to free on its signal.
//! - `JSC_useJIT=0`: Stint's own code is small and runs once a second at most; without the JIT
//!   there are no compiler threads waking in bursts. PSS −10 MB, idle wakeups 72 → 43 a minute.
//! - `Malloc=1`: WebKit's allocator (libpas) wakes a scavenger thread ten times in 50 ms after every
//!   repaint; the system allocator does not. Wakeups 1,620 → 1,120 a minute, same PSS.
//!
//! Both the JIT and libpas's hardening guard against hostile web content; Stint's webviews only
//! ever load Stint's own bundled pages.

use std::sync::OnceLock;

/// The variables and the values Stint gives them.
const TUNING: [(&str, &str); 4] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR", "1"),
    ("JSC_useJIT", "0"),
    ("Malloc", "1"),
];

/// Set to `off` to leave WebKit's defaults alone.
const OPT_OUT: &str = "STINT_WEBKIT_TUNING";

static SET_BY_STINT: OnceLock<Vec<&'static str>> = OnceLock::new();

/// Sets the tuning variables the user did not set. Call first thing in `run`, before any thread
/// exists: changing the environment is only sound while nothing else reads it.
pub fn apply_defaults() {
    let opted_out = std::env::var(OPT_OUT).is_ok_and(|v| v.eq_ignore_ascii_case("off"));
    let chosen = if opted_out { Vec::new() } else { missing(|name| std::env::var_os(name).is_some()) };
    for (name, value) in &chosen {
        std::env::set_var(name, value);
    }
    let _ = SET_BY_STINT.set(chosen.into_iter().map(|(name, _)| name).collect());
}

/// The variables Stint set (none before `apply_defaults`): what a launched program must not inherit.
pub fn set_by_stint() -> &'static [&'static str] {
    SET_BY_STINT.get().map_or(&[], Vec::as_slice)
}

/// The tuning variables `is_set` says are absent.
fn missing(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    TUNING.into_iter().filter(|(name, _)| !is_set(name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_every_variable_when_nothing_is_set() {
        let names: Vec<_> = missing(|_| false).into_iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            ["WEBKIT_DISABLE_COMPOSITING_MODE", "WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR", "JSC_useJIT", "Malloc"]
        );
    }

    #[test]
    fn keeps_what_the_user_set() {
        // e.g. WEBKIT_DISABLE_COMPOSITING_MODE=0 from someone who wants the GPU compositor back.
        let left = missing(|name| name == "WEBKIT_DISABLE_COMPOSITING_MODE");
        assert!(left.iter().all(|(name, _)| *name != "WEBKIT_DISABLE_COMPOSITING_MODE"));
        assert_eq!(left.len(), TUNING.len() - 1);
    }
}
