//! Updates: when Stint asks its release server whether a new version exists, and whether a version
//! it is offered may be installed. The shell fetches and verifies (tauri-plugin-updater, minisign);
//! these two decisions are Stint's own and are made here, with `now` passed in.
//!
//! At most one automatic check a day: a member's machine should not call home at every start, and a
//! release a day late costs nothing. The instant of the last check is kept in the store
//! (`Store::last_update_check`), so restarting Stint does not check again.

use std::cmp::Ordering;

use chrono::{DateTime, Duration, Utc};

use crate::pack::compare_versions;

/// The least time between two automatic checks.
pub const CHECK_INTERVAL: Duration = Duration::hours(24);

/// When the next automatic check is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextCheck {
    /// The user turned automatic checks off.
    Never,
    /// Due now: never checked, the last check is a day old, or its instant is in the future (the
    /// clock was set back, so it cannot be trusted).
    Now,
    /// Due at this instant: a day after the last check.
    At(DateTime<Utc>),
}

/// When to check next, from the setting, the last check (if any) and the current instant.
pub fn next_check(enabled: bool, last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> NextCheck {
    if !enabled {
        return NextCheck::Never;
    }
    match last {
        Some(last) if last <= now && now < last + CHECK_INTERVAL => NextCheck::At(last + CHECK_INTERVAL),
        _ => NextCheck::Now,
    }
}

/// What to make of the version a release server offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Newer than the running version: the user may install it.
    Newer,
    /// The running version itself: nothing to install.
    Same,
    /// Older than the running version: refused (a downgrade is never installed, even if signed).
    Older,
}

/// Compares the offered version with the running one (numeric parts as numbers, a pre-release before
/// its release; a leading `v` is ignored).
pub fn judge_offer(running: &str, offered: &str) -> Offer {
    let clean = |v: &str| v.trim().trim_start_matches('v').to_string();
    match compare_versions(&clean(offered), &clean(running)) {
        Ordering::Greater => Offer::Newer,
        Ordering::Equal => Offer::Same,
        Ordering::Less => Offer::Older,
    }
}
