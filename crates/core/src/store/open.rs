//! Opening the database: pragmas, the newer-schema guard, the health check, recovery of a damaged
//! file from the newest backup, and migrations (with a backup before any of them runs).
//!
//! How deep the health check goes at open, and why, is explained in `integrity`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};

use super::files::sibling;
use super::integrity::{
    clear_recovery_request, damage_as_health, examine, recovery_requested, Depth, Health, InUseMarker,
};
use super::migrations::{migrations, SCHEMA_VERSION};
use super::Store;
use crate::error::short_detail;
use crate::i18n::Msg;
use crate::{Error, Result};

/// How the file found at open was checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OpenCheck {
    /// There was no file: a new database was created.
    #[default]
    Created,
    /// Only header and schema were read; the full check is left to `Store::verify_integrity`.
    Probe,
    /// The full check ran because the last run did not shut down cleanly.
    FullAfterCrash,
    /// The full check ran because `Store::verify_integrity` had found damage.
    FullOnRequest,
}

/// What happened while opening, for the start-up report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// What the user must be told (a damaged database was replaced …), said in the language in
    /// effect by the shell. Empty when all was well.
    pub notices: Vec<Msg>,
    /// The copy made before migrating an existing database.
    pub backup: Option<PathBuf>,
    /// Where a damaged database was moved (it is never deleted).
    pub moved_aside: Option<PathBuf>,
    /// The backup that was restored in place of a damaged database.
    pub restored_from: Option<PathBuf>,
    /// How the file found at open was checked.
    pub checked: OpenCheck,
}

impl OpenReport {
    /// Whether the full check is still due: the shell should run `Store::verify_integrity` on a
    /// background thread. False when open already checked the whole file or replaced it.
    pub fn needs_verify(&self) -> bool {
        self.checked == OpenCheck::Probe && self.moved_aside.is_none()
    }
}

impl Store {
    /// Opens (creating if need be) the database at `path`. Refuses a file written by a newer Stint
    /// with `Error::NewerSchema`, leaving it untouched. A damaged file is moved aside and replaced by
    /// the newest sound backup (or an empty database); `OpenReport::notices` says so.
    ///
    /// The whole file is checked only after an unclean shutdown or when a background check asked for
    /// it (`OpenReport::checked`); otherwise `OpenReport::needs_verify` tells the caller to run
    /// `Store::verify_integrity` off the start-up path.
    pub fn open(path: impl AsRef<Path>, now: DateTime<Utc>) -> Result<(Store, OpenReport)> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let mut report = OpenReport { checked: check_due(&path), ..OpenReport::default() };
        let depth = if report.checked == OpenCheck::Probe { Depth::Probe } else { Depth::Full };
        if let Health::Damaged(reason) = health(&path, depth)? {
            recover(&path, &reason, now, &mut report)?;
        }
        if report.checked != OpenCheck::Probe {
            clear_recovery_request(&path)?;
        }
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        let mut in_use = InUseMarker::new(&path, now);
        in_use.write()?;
        report.backup = migrate(&mut conn, &path, now, &mut in_use)?;
        Ok((Store { conn, path, in_use }, report))
    }
}

/// How deep the check of the file at `path` must go (see `integrity`).
fn check_due(path: &Path) -> OpenCheck {
    if !path.exists() {
        OpenCheck::Created
    } else if recovery_requested(path) {
        OpenCheck::FullOnRequest
    } else if InUseMarker::left_behind(path) {
        OpenCheck::FullAfterCrash
    } else {
        OpenCheck::Probe
    }
}

fn configure(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(format!("cannot switch to WAL mode, got “{mode}”")));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn newer_schema(found: u32) -> Error {
    Error::NewerSchema(
        crate::i18n::Msg::new("error_store_newer_schema")
            .count("found", found.into())
            .count("known", SCHEMA_VERSION.into()),
    )
}

/// Checks an existing file: schema version first (a newer one is refused), then as deep as `depth`.
/// Read-only: a refused file is surely not changed, and `quick_check` runs faster that way (about
/// 125 ms instead of 200–250 ms on the ten-year database; the checks are the same).
fn health(path: &Path, depth: Depth) -> Result<Health> {
    if !path.exists() {
        return Ok(Health::Sound);
    }
    let opened = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| Ok((user_version(&conn)?, conn)));
    let (version, conn) = match opened {
        Ok(found) => found,
        Err(e) => return damage_as_health(Err(e)),
    };
    if version > SCHEMA_VERSION {
        return Err(newer_schema(version));
    }
    damage_as_health(examine(&conn, depth))
}

/// `now` as it appears in the name of a file set aside.
fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// Moves the damaged file (with its WAL and shared-memory files) aside and puts the newest sound
/// backup in its place; without one, the next open starts an empty database.
fn recover(path: &Path, reason: &str, now: DateTime<Utc>, report: &mut OpenReport) -> Result<()> {
    let aside = sibling(path, &format!(".damaged-{}", stamp(now)));
    fs::rename(path, &aside)?;
    for companion in ["-wal", "-shm"] {
        let from = sibling(path, companion);
        if from.exists() {
            fs::rename(&from, sibling(&aside, companion))?;
        }
    }
    let restored = newest_sound_backup(path)?;
    if let Some(backup) = &restored {
        fs::copy(backup, path)?;
    }
    let notice = match &restored {
        Some(backup) => Msg::new("error_notice_database_restored").text("backup", backup.display().to_string()),
        None => Msg::new("error_notice_database_emptied"),
    };
    report.notices.push(
        notice
            .text("file", path.display().to_string())
            .text("aside", aside.display().to_string())
            .text("detail", short_detail(reason)),
    );
    report.moved_aside = Some(aside);
    report.restored_from = restored;
    Ok(())
}

/// The backups made before migrations, newest first (`<name>.backup-v<N>-<UTC timestamp>`).
fn backups(path: &Path) -> Result<Vec<PathBuf>> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = format!("{}.backup-v", path.file_name().unwrap_or_default().to_string_lossy());
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((_, stamp)) = name.strip_prefix(&prefix).and_then(|rest| rest.split_once('-')) {
            if !stamp.contains('-') {
                found.push((stamp.to_string(), entry.path()));
            }
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

fn newest_sound_backup(path: &Path) -> Result<Option<PathBuf>> {
    for backup in backups(path)? {
        if matches!(health(&backup, Depth::Full), Ok(Health::Sound)) {
            return Ok(Some(backup));
        }
    }
    Ok(None)
}

/// Brings the schema up to date. An existing, non-empty database is first copied with SQLite's
/// backup API; the copy's path is returned.
fn migrate(
    conn: &mut Connection,
    path: &Path,
    now: DateTime<Utc>,
    in_use: &mut InUseMarker,
) -> Result<Option<PathBuf>> {
    let version = user_version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(newer_schema(version));
    }
    if version == SCHEMA_VERSION {
        return Ok(None);
    }
    in_use.arm()?;
    let has_tables: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master)", [], |r| r.get(0))?;
    let backup = if has_tables {
        let target = sibling(path, &format!(".backup-v{version}-{}", stamp(now)));
        conn.backup(MAIN_DB, &target, None)?;
        Some(target)
    } else {
        None
    };
    migrations().to_latest(conn).map_err(|e| Error::Storage(format!("migration failed, {e}")))?;
    Ok(backup)
}
