//! Checking the database file without making every start-up pay for it.
//!
//! `PRAGMA quick_check` reads and checks every page. On a ten-year database (64 MB, `history_bench`,
//! 2 busy cores, release build) it takes about 125 ms over a read-only connection and 200–250 ms over a
//! read-write one (the checks are the same); a larger page cache or memory-mapping does not help, as
//! the cost is CPU. Start-up must stay within 50 ms of an empty database, so the full check runs at
//! open only when there is reason to expect damage, and otherwise off the start-up path:
//!
//! - **At open, always**, a probe: the header, the schema version and the whole schema are read
//!   (a file that is not a database, or whose first page is damaged, is recovered at once).
//! - **At open, the full check** when the last run did not shut down cleanly (the in-use marker
//!   `<db>.in-use` is still there: the process was killed, crashed or lost power while it had the file
//!   open), or when a background check asked for it (`<db>.needs-recovery`). A damaged file is then
//!   moved aside and the newest backup restored, as the design asks.
//! - **After start-up**, the shell runs [`Store::verify_integrity`] on a background thread: the full
//!   check over a second, read-only connection, which in WAL mode neither blocks nor is blocked by the
//!   store's writes. If it finds damage it leaves `<db>.needs-recovery` and returns a sentence for the
//!   user; the next open recovers.
//!
//! The in-use marker is written when the store opens, flushed to disk before its first write (an fsync
//! at open cost ~5 ms, ten times the rest of opening), and removed when the store is dropped or
//! [`Store::mark_clean_shutdown`] is called; a write after that puts it back.
//!
//! Measured (`history_bench`): open 0.6 ms against 0.3 ms for an empty database; open after a crash
//! 125 ms; `verify_integrity` 125 ms. Before, every open took 210 ms.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::files::sibling;
use super::Store;
use crate::i18n::Msg;
use crate::Result;

/// How many problems `quick_check` reports before it stops (a damaged file can have thousands).
const MAX_PROBLEMS: u32 = 5;

/// How much of the file is read before it is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Depth {
    /// Header, schema version and schema.
    Probe,
    /// The probe, then `PRAGMA quick_check` over every page.
    Full,
}

pub(super) enum Health {
    Sound,
    Damaged(String),
}

/// SQLite's verdict that the file is not a (sound) database, as opposed to e.g. a permission error.
pub(super) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
}

/// Turns SQLite's damage errors into `Health::Damaged`; other errors stay errors.
pub(super) fn damage_as_health(result: rusqlite::Result<Health>) -> Result<Health> {
    match result {
        Err(e) if is_damage(&e) => Ok(Health::Damaged(e.to_string())),
        other => Ok(other?),
    }
}

/// Reads the schema (which also reads the header), then, for `Depth::Full`, checks every page.
/// The caller has already read the schema version.
pub(super) fn examine(conn: &Connection, depth: Depth) -> rusqlite::Result<Health> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    if depth == Depth::Probe {
        return Ok(Health::Sound);
    }
    let mut stmt = conn.prepare(&format!("PRAGMA quick_check({MAX_PROBLEMS})"))?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(if lines == ["ok"] { Health::Sound } else { Health::Damaged(lines.join("; ")) })
}

/// What [`Store::verify_integrity`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityReport {
    /// SQLite's description of the damage (at most a few lines); empty when the file is sound.
    pub problems: Vec<String>,
    /// The message to show the user when damage was found, said in the language in effect by the
    /// shell; `None` when the file is sound.
    pub notice: Option<Msg>,
}

impl IntegrityReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// The full integrity check (`PRAGMA quick_check`) of the database at `path`, over its own
    /// read-only connection, so that it can run on a background thread while the store keeps working.
    /// Takes about 125 ms on a ten-year database. When it finds damage it schedules recovery for the
    /// next start (`<db>.needs-recovery`) and returns the sentence for the user. Run it after start-up
    /// when `OpenReport::needs_verify()` says so, with the path from `Store::path()`, not holding the
    /// store's lock.
    pub fn verify_integrity(path: impl AsRef<Path>, now: DateTime<Utc>) -> Result<IntegrityReport> {
        let path = path.as_ref();
        let verdict = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|conn| {
            conn.busy_timeout(Duration::from_secs(5))?;
            examine(&conn, Depth::Full)
        });
        let problems = match damage_as_health(verdict)? {
            Health::Sound => return Ok(IntegrityReport { problems: Vec::new(), notice: None }),
            Health::Damaged(reason) => {
                request_recovery(path, &reason, now)?;
                reason.split("; ").map(str::to_string).collect()
            }
        };
        let notice = Msg::new("error_notice_database_damaged").text("file", path.display().to_string());
        Ok(IntegrityReport { problems, notice: Some(notice) })
    }

    /// Records that no write is in flight, so that the next start can skip the full check. Dropping
    /// the store does the same; call this when the process ends without dropping it (Tauri's exit
    /// ends the process with the managed state alive: call it from `RunEvent::Exit`).
    /// The store stays usable; its next write marks the file in use again.
    pub fn mark_clean_shutdown(&mut self) -> Result<()> {
        self.in_use.disarm()
    }
}

/// `<db>.in-use`: present while a store may be writing the file. Found at open, it means the last run
/// did not shut down cleanly. Written (cheaply) at open, flushed to disk before the first write, so
/// that it survives a power loss whenever a write could be torn. Dropping the marker removes the file;
/// it is declared after the connection in `Store`, so the connection is closed first.
pub(super) struct InUseMarker {
    path: PathBuf,
    /// When the store was opened, as the marker says.
    opened_at: DateTime<Utc>,
    state: MarkerState,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerState {
    Absent,
    /// Written, perhaps only to the page cache.
    Written,
    /// Written and flushed, with its directory entry.
    Durable,
}

impl InUseMarker {
    pub(super) fn new(db: &Path, opened_at: DateTime<Utc>) -> Self {
        InUseMarker { path: in_use_path(db), opened_at, state: MarkerState::Absent }
    }

    /// Whether a run that had `db` open ended without a clean shutdown.
    pub(super) fn left_behind(db: &Path) -> bool {
        in_use_path(db).exists()
    }

    /// Writes the marker without waiting for the disk (open does this; nothing is written yet).
    pub(super) fn write(&mut self) -> Result<()> {
        if self.state == MarkerState::Absent {
            let text = format!(
                "Stint (process {}) has opened this database since {}. If Stint is not running, it did \
                 not shut down cleanly, and will check the whole database when it next starts.\n",
                std::process::id(),
                self.opened_at.to_rfc3339()
            );
            fs::write(&self.path, text)?;
            self.state = MarkerState::Written;
        }
        Ok(())
    }

    /// Makes sure the marker is on disk before the database is written. Cheap once done.
    pub(super) fn arm(&mut self) -> Result<()> {
        if self.state != MarkerState::Durable {
            self.write()?;
            sync_durably(&self.path)?;
            self.state = MarkerState::Durable;
        }
        Ok(())
    }

    fn disarm(&mut self) -> Result<()> {
        if self.state != MarkerState::Absent {
            remove_if_present(&self.path)?;
            self.state = MarkerState::Absent;
        }
        Ok(())
    }
}

impl Drop for InUseMarker {
    fn drop(&mut self) {
        // Failing to remove it only costs the next start a full check.
        let _ = self.disarm();
    }
}

fn in_use_path(db: &Path) -> PathBuf {
    sibling(db, ".in-use")
}

fn recovery_request_path(db: &Path) -> PathBuf {
    sibling(db, ".needs-recovery")
}

pub(super) fn recovery_requested(db: &Path) -> bool {
    recovery_request_path(db).exists()
}

fn request_recovery(db: &Path, reason: &str, now: DateTime<Utc>) -> Result<()> {
    let path = recovery_request_path(db);
    fs::write(&path, format!("Found damaged at {}: {reason}\n", now.to_rfc3339()))?;
    sync_durably(&path)
}

pub(super) fn clear_recovery_request(db: &Path) -> Result<()> {
    remove_if_present(&recovery_request_path(db))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Flushes the file at `path` to disk, then its directory entry, so that it survives a power loss.
fn sync_durably(path: &Path) -> Result<()> {
    File::open(path)?.sync_all()?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}
