//! The small state files an older Stint kept beside the database (`reminders.json`,
//! `bundled-pack.json`) are moved into it once at start, then removed: the user's data is one file.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use stint_core::store::{BundledPackMark, Store};

#[derive(Deserialize)]
struct KeptReminder {
    last_announced: DateTime<Utc>,
}

/// Moves every old state file in `dir` into `store`.
pub fn carry_over(store: &mut Store, dir: &Path) {
    move_in(&dir.join("reminders.json"), |kept: KeptReminder| store.set_last_announced_reminder(kept.last_announced));
    move_in(&dir.join("bundled-pack.json"), |mark: BundledPackMark| store.set_bundled_pack_mark(&mark));
}

/// Keeps what `file` says with `keep`, then removes it; an unreadable file is removed too (what it
/// held only spared a repeated reminder or import). A file that cannot be kept stays for next time.
fn move_in<T: DeserializeOwned>(file: &Path, keep: impl FnOnce(T) -> stint_core::Result<()>) {
    let Ok(bytes) = std::fs::read(file) else { return };
    if let Ok(value) = serde_json::from_slice::<T>(&bytes) {
        if let Err(e) = keep(value) {
            log::warn!("cannot carry over {}: {e}", file.display());
            return;
        }
    }
    if let Err(e) = std::fs::remove_file(file) {
        log::warn!("cannot remove {}: {e}", file.display());
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn an_older_stints_files_are_carried_into_the_database_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
        let marker = dir.path().join("bundled-pack.json");
        std::fs::write(&marker, r#"{"community_id": "turing-way-like", "version": "1.2.0"}"#).unwrap();
        let reminders = dir.path().join("reminders.json");
        std::fs::write(&reminders, r#"{"last_announced": "2025-03-03T09:50:00Z"}"#).unwrap();

        carry_over(&mut store, dir.path());
        assert!(!marker.exists() && !reminders.exists());
        let mark = store.bundled_pack_mark().unwrap().unwrap();
        assert_eq!((mark.community_id.as_str(), mark.version.as_str()), ("turing-way-like", "1.2.0"));
        let kept = Utc.with_ymd_and_hms(2025, 3, 3, 9, 50, 0).unwrap();
        assert_eq!(store.last_announced_reminder().unwrap(), Some(kept));
    }

    #[test]
    fn an_unreadable_old_file_is_dropped_and_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
        std::fs::write(dir.path().join("reminders.json"), b"{not json").unwrap();
        carry_over(&mut store, dir.path());
        assert!(!dir.path().join("reminders.json").exists());
        assert_eq!(store.last_announced_reminder().unwrap(), None);
    }
}
