//! WebKitGTK and JavaScriptCore knobs that exist only as environment variables. WebKit's processes
//! inherit them, and they are taken out again for the programs Stint launches (see `links.rs`): a
//! browser opened on a join link must not run with Stint's choices. `STINT_WEBKIT_TUNING=off` keeps
//! WebKit's own defaults.
//!
//! Setting them in `run` is too late for Stint's own process: WebKit's allocator starts while the
//! libraries load, before `main`, and reads `Malloc` then. So when a variable is missing, Stint sets
//! them and replaces itself with a fresh start of the same program (same pid, same arguments); the
//! fresh start finds them set and goes on. With the tuning applied only from `run`, the UI process
//! kept libpas's scavenger thread; the restart took a minute's wakeups from 21–26 to 12 at rest,
//! 1,170–1,220 to 1,080 with a countdown running, and 54–69 to 41 with the window hidden.
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

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::process::Command;

/// The variables and the values Stint gives them.
const TUNING: [(&str, &str); 4] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR", "1"),
    ("JSC_useJIT", "0"),
    ("Malloc", "1"),
];

/// Set to `off` to leave WebKit's defaults alone.
const OPT_OUT: &str = "STINT_WEBKIT_TUNING";

/// Names the variables Stint set (comma-separated), for the fresh start and for `set_by_stint`. A
/// process that has it does not restart again.
const SET_MARK: &str = "STINT_WEBKIT_TUNED";

/// Makes sure this process runs with the tuning: sets the variables the user did not set and starts
/// the program afresh with them. Call first thing in `run`, before any thread exists: changing the
/// environment is only sound while nothing else reads it. Returns only when no restart is needed,
/// or with the reason a restart failed (the tuning then still reaches WebKit's own processes).
pub fn apply_defaults() -> Option<String> {
    let opted_out = std::env::var(OPT_OUT).is_ok_and(|v| v.eq_ignore_ascii_case("off"));
    if opted_out || std::env::var_os(SET_MARK).is_some() {
        return None;
    }
    let chosen = missing(|name| std::env::var_os(name).is_some());
    if chosen.is_empty() {
        return None;
    }
    for (name, value) in &chosen {
        std::env::set_var(name, value);
    }
    let names: Vec<&str> = chosen.iter().map(|(name, _)| *name).collect();
    std::env::set_var(SET_MARK, names.join(","));
    Some(restart())
}

/// Replaces this process with a fresh start of the same program and arguments; returns only on
/// failure, with the reason.
fn restart() -> String {
    let mut args = std::env::args_os();
    let program_name = args.next().unwrap_or_else(|| OsString::from("stint"));
    match std::env::current_exe() {
        // The real path, not /proc/self/exe: the process keeps its name ("stint").
        Ok(exe) => {
            format!("cannot restart {}: {}", exe.display(), Command::new(&exe).arg0(program_name).args(args).exec())
        }
        Err(e) => format!("cannot find the program to restart: {e}"),
    }
}

/// The variables Stint set, and its mark: what a launched program must not inherit. Read from the
/// mark, so nothing when the user set them all or opted out.
pub fn set_by_stint() -> Vec<&'static str> {
    match std::env::var_os(SET_MARK) {
        Some(mark) => names_in_mark(&mark).into_iter().chain([SET_MARK]).collect(),
        None => Vec::new(),
    }
}

/// The tuning variables named in the mark; anything else in it is ignored.
fn names_in_mark(mark: &std::ffi::OsStr) -> Vec<&'static str> {
    let mark = mark.to_string_lossy();
    TUNING.iter().map(|(name, _)| *name).filter(|name| mark.split(',').any(|n| n == *name)).collect()
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
    fn the_fresh_start_knows_what_stint_set_from_the_mark() {
        assert_eq!(names_in_mark("JSC_useJIT,Malloc".as_ref()), ["JSC_useJIT", "Malloc"]);
        // Only tuning variables: a mark naming PATH must not make Stint scrub PATH from a browser.
        assert_eq!(names_in_mark("PATH,Malloc,".as_ref()), ["Malloc"]);
        assert!(names_in_mark("".as_ref()).is_empty());
    }

    #[test]
    fn keeps_what_the_user_set() {
        // e.g. WEBKIT_DISABLE_COMPOSITING_MODE=0 from someone who wants the GPU compositor back.
        let left = missing(|name| name == "WEBKIT_DISABLE_COMPOSITING_MODE");
        assert!(left.iter().all(|(name, _)| *name != "WEBKIT_DISABLE_COMPOSITING_MODE"));
        assert_eq!(left.len(), TUNING.len() - 1);
    }
}
