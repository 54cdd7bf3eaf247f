//! Opening the database: pragmas, migrations with a backup first, refusing a newer schema, and
//! recovering a damaged file.

mod common;

use std::fs;
use std::io::{Seek, SeekFrom, Write};

use common::*;
use rusqlite::Connection;
use stint_core::store::migrations::{migrations, SCHEMA_VERSION};
use stint_core::store::Store;

fn pragma<T: rusqlite::types::FromSql>(store_path: &std::path::Path, name: &str) -> T {
    Connection::open(store_path).unwrap().query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
}

fn files_in(dir: &std::path::Path, containing: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(containing))
        .collect();
    found.sort();
    found
}

#[test]
fn a_new_database_is_created_in_wal_mode_at_the_latest_schema() {
    let t = temp_store();
    assert_eq!(pragma::<String>(&t.path, "journal_mode"), "wal");
    assert_eq!(pragma::<u32>(&t.path, "user_version"), SCHEMA_VERSION);
    assert!(files_in(t.dir.path(), ".backup-").is_empty(), "an empty database needs no backup");
}

#[test]
fn an_older_database_is_backed_up_then_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO formats (id, origin, archived, draft, created_at) VALUES ('old', '{\"type\":\"custom\"}', 0, ?1, 0)",
            [serde_json::to_string(&sprint_draft("Old one")).unwrap()],
        )
        .unwrap();
    }
    let (mut store, report) = Store::open(&path).unwrap();
    let backup = report.backup.clone().expect("a backup before migrating");
    assert!(backup.file_name().unwrap().to_string_lossy().starts_with("stint.db.backup-v1-"), "{backup:?}");
    assert!(report.notices.is_empty());
    assert_eq!(pragma::<u32>(&path, "user_version"), SCHEMA_VERSION);
    assert_eq!(store.format("old").unwrap().draft.name, "Old one");
    // The backup is the database as it was: still at version 1, with the row.
    assert_eq!(pragma::<u32>(&backup, "user_version"), 1);
    assert_eq!(rows(&backup, "formats"), 1);
    drop(store);
    let (_, again) = Store::open(&path).unwrap();
    assert_eq!(again.backup, None, "nothing to migrate, no new backup");
}

#[test]
fn a_database_from_a_newer_stint_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "newer_schema");
    let message = err.to_string();
    assert!(message.contains("newer version of Stint") && message.contains("99"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file must not change");
    assert_eq!(files_in(dir.path(), "stint.db").len(), 1, "no backup, no side files");
}

/// Overwrites a run of bytes in the middle of a database file (keeping page 1 and its header).
fn scribble(path: &std::path::Path) {
    let len = fs::metadata(path).unwrap().len();
    assert!(len > 4 * 4096, "the database should have several pages");
    let mut f = fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(4096)).unwrap();
    f.write_all(&vec![0xA5; (len - 4096) as usize]).unwrap();
}

fn fill(store: &mut Store, format: &str, sessions: usize) {
    for i in 0..sessions {
        let s = store
            .start_session(format, at(t0(), i as i64 * 10_000), &texts(&["a commitment with some text"; 5]))
            .unwrap();
        store
            .append_event(
                s.id,
                stint_core::timeline::Event {
                    at: at(t0(), i as i64 * 10_000 + 60),
                    kind: stint_core::timeline::EventKind::Stop,
                },
            )
            .unwrap();
    }
}

#[test]
fn a_damaged_database_is_moved_aside_and_the_newest_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
    }
    let (mut store, report) = Store::open(&path).unwrap();
    let backup = report.backup.unwrap();
    let format = sprint(&mut store);
    fill(&mut store, &format, 40);
    drop(store);
    let damaged_bytes = {
        // Fold the WAL into the file first, then damage the file itself.
        Connection::open(&path).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        scribble(&path);
        fs::read(&path).unwrap()
    };

    let (mut store, report) = Store::open(&path).unwrap();
    assert_eq!(report.restored_from.as_deref(), Some(backup.as_path()));
    let aside = report.moved_aside.clone().unwrap();
    assert_eq!(fs::read(&aside).unwrap(), damaged_bytes, "the damaged file is kept, byte for byte");
    assert_eq!(report.notices.len(), 1);
    let notice = &report.notices[0];
    assert!(notice.contains("damaged") && notice.contains(&aside.display().to_string()), "{notice}");
    assert!(notice.contains(&backup.display().to_string()), "{notice}");
    // The backup (made before the tables had rows) is in use and migrated again.
    assert_eq!(store.sessions_page(None, 10).unwrap().len(), 0);
    assert!(backup.exists(), "the backup itself stays");
    let check: String = Connection::open(&path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(store);
}

#[test]
fn a_damaged_database_without_backup_is_replaced_by_an_empty_one() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    fill(&mut t.store, &format, 40);
    drop(t.store);
    Connection::open(&t.path).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    scribble(&t.path);

    let (mut store, report) = Store::open(&t.path).unwrap();
    assert_eq!(report.restored_from, None);
    assert!(report.moved_aside.as_ref().unwrap().exists());
    assert!(report.notices[0].contains("empty database"), "{:?}", report.notices);
    assert!(store.sessions_page(None, 10).unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_database_at_all_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let junk = b"this is not a database, just some text that happens to be here".repeat(100);
    fs::write(&path, &junk).unwrap();
    let (mut store, report) = Store::open(&path).unwrap();
    assert_eq!(fs::read(report.moved_aside.unwrap()).unwrap(), junk);
    assert!(store.list_formats(true).is_ok());
}
