//! Helpers shared by the store tests: a store on a real temp file, known formats, row counts.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::store::Store;
use tempfile::TempDir;

mod work_bound;
pub use work_bound::within_work_bound;

pub struct TestStore {
    pub store: Store,
    pub path: PathBuf,
    pub dir: TempDir,
}

pub fn temp_store() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let (store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert!(report.notices.is_empty(), "{report:?}");
    TestStore { store, path, dir }
}

/// 10:00 on 2024-03-11 (a Monday), UTC.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 11, 10, 0, 0).unwrap()
}

/// A calendar day.
pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(base: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    base + Duration::seconds(seconds)
}

pub fn phase(label: &str, kind: PhaseKind, seconds: u32) -> Phase {
    Phase { label: label.into(), kind, seconds, prompt: None }
}

/// Focus 25 min · Break 5 min · Focus 20 min, no repeat.
pub fn sprint_draft(name: &str) -> FormatDraft {
    FormatDraft {
        name: name.into(),
        attribution: None,
        phases: vec![
            phase("Focus one", PhaseKind::Focus, 1500),
            phase("Break", PhaseKind::Break, 300),
            phase("Focus two", PhaseKind::Focus, 1200),
        ],
        commitments: CommitmentPolicy { ask_at_start: true, resolve_at_end: true },
        repeat: None,
    }
}

/// A stored custom format of `sprint_draft`; returns its id.
pub fn sprint(store: &mut Store) -> String {
    store.create_format(sprint_draft("Sprint"), chrono::Utc::now()).unwrap().id
}

/// Counts rows with a separate connection, so the test sees what is really on disk.
pub fn rows(path: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

pub fn texts(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
