//! Opening the database: pragmas, migrations with a backup first, refusing a newer schema, recovering
//! a damaged file, and how deep the check at open goes (full after an unclean shutdown or when a
//! background `verify_integrity` found damage; a probe otherwise).

use std::fs;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::*;
use rusqlite::Connection;
use stint_core::i18n::Lang;
use stint_core::store::migrations::{migrations, SCHEMA_VERSION};
use stint_core::store::{OpenCheck, Store};

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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let (store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::Created);
    assert!(!report.needs_verify(), "a new file has nothing to verify");
    drop(store);
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
    let (mut store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    let backup = report.backup.clone().expect("a backup before migrating");
    assert!(backup.file_name().unwrap().to_string_lossy().starts_with("stint.db.backup-v1-"), "{backup:?}");
    assert!(report.notices.is_empty());
    assert_eq!(pragma::<u32>(&path, "user_version"), SCHEMA_VERSION);
    assert_eq!(store.format("old").unwrap().draft.name, "Old one");
    // The backup is the database as it was: still at version 1, with the row.
    assert_eq!(pragma::<u32>(&backup, "user_version"), 1);
    assert_eq!(rows(&backup, "formats"), 1);
    drop(store);
    let (_, again) = Store::open(&path, chrono::Utc::now()).unwrap();
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
    let err = Store::open(&path, chrono::Utc::now()).err().expect("refused");
    assert_eq!(err.code(), "newer_schema");
    let message = err.to_string();
    assert!(message.contains("newer version of Stint") && message.contains("99"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file must not change");
    assert_eq!(files_in(dir.path(), "stint.db").len(), 1, "no backup, no side files");
}

/// The in-use marker: present while a store has the file open, gone after a clean shutdown.
fn in_use(db: &Path) -> PathBuf {
    db.with_file_name("stint.db.in-use")
}

/// Left by `verify_integrity` when it finds damage; the next open recovers.
fn recovery_request(db: &Path) -> PathBuf {
    db.with_file_name("stint.db.needs-recovery")
}

const CHILD_DB: &str = "STINT_OPEN_CHILD_DB";
const CHILD_MODE: &str = "STINT_OPEN_CHILD_MODE";

/// Run as a child process (see `run_child_until_killed`): opens the store, does what the mode says,
/// reports "ready" and waits to be killed. Does nothing in a normal test run.
#[test]
fn open_child() {
    let Ok(path) = std::env::var(CHILD_DB) else { return };
    let (mut store, _) = Store::open(&path, chrono::Utc::now()).unwrap();
    match std::env::var(CHILD_MODE).unwrap().as_str() {
        "open" => {}
        "clean" => store.mark_clean_shutdown().unwrap(),
        "clean-then-write" => {
            store.mark_clean_shutdown().unwrap();
            sprint(&mut store);
        }
        other => panic!("unknown child mode {other}"),
    }
    println!("ready");
    std::io::stdout().flush().unwrap();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// Runs `open_child` in `mode` on `db` in another process, then kills it (SIGKILL on Unix): no
/// destructor runs, as when Stint crashes, is killed or loses power.
fn run_child_until_killed(db: &Path, mode: &str) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "store_open::open_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ready = BufReader::new(child.stdout.take().unwrap()).lines().map(Result::unwrap).any(|l| l.ends_with("ready"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(ready, "the child did not get ready");
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

/// Folds the WAL into the file, then overwrites the leaf pages of the commitments table: data the
/// probe at open never reads (header and schema stay sound), so only the full check can see the
/// damage. Returns the damaged bytes.
fn damage(path: &Path) -> Vec<u8> {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let leaves: Vec<u64> = conn
        .prepare("SELECT pageno FROM dbstat WHERE name = 'commitments' AND pagetype = 'leaf'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(conn);
    assert!(leaves.len() >= 2, "the commitments should fill several pages");
    let mut f = fs::OpenOptions::new().write(true).open(path).unwrap();
    for page in leaves {
        f.seek(SeekFrom::Start((page - 1) * page_size)).unwrap();
        f.write_all(&vec![0xA5; page_size as usize]).unwrap();
    }
    drop(f);
    fs::read(path).unwrap()
}

/// A database at schema version 1 opened (so migrated, with a backup of the empty tables), then
/// filled with sessions. Returns the backup.
fn migrated_and_filled(path: &Path) -> PathBuf {
    {
        let mut conn = Connection::open(path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
    }
    let (mut store, report) = Store::open(path, chrono::Utc::now()).unwrap();
    let format = sprint(&mut store);
    fill(&mut store, &format, 40);
    report.backup.unwrap()
}

#[test]
fn the_in_use_marker_lives_exactly_as_long_as_the_store() {
    let t = temp_store();
    assert!(in_use(&t.path).exists());
    drop(t.store);
    assert!(!in_use(&t.path).exists());
    let (_, report) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::Probe, "after a clean shutdown only the probe runs");
    assert!(report.needs_verify());
}

#[test]
fn after_a_killed_run_open_checks_the_whole_file() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    fill(&mut t.store, &format, 3);
    drop(t.store);
    run_child_until_killed(&t.path, "open");
    assert!(in_use(&t.path).exists(), "the killed run leaves its marker");

    let (mut store, report) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::FullAfterCrash);
    assert!(!report.needs_verify());
    assert!(report.notices.is_empty() && report.moved_aside.is_none(), "{report:?}");
    assert_eq!(store.sessions_page(None, 10).unwrap().len(), 3);
    drop(store);
    assert_eq!(Store::open(&t.path, chrono::Utc::now()).unwrap().1.checked, OpenCheck::Probe);
}

#[test]
fn a_clean_shutdown_marked_before_the_process_ends_skips_the_full_check() {
    let t = temp_store();
    drop(t.store);
    run_child_until_killed(&t.path, "clean");
    assert_eq!(Store::open(&t.path, chrono::Utc::now()).unwrap().1.checked, OpenCheck::Probe);
}

#[test]
fn a_write_after_the_clean_shutdown_mark_makes_the_next_start_check_again() {
    let t = temp_store();
    drop(t.store);
    run_child_until_killed(&t.path, "clean-then-write");
    let (mut store, report) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::FullAfterCrash);
    assert_eq!(store.list_formats(true).unwrap().iter().filter(|f| f.draft.name == "Sprint").count(), 1);
}

#[test]
fn a_database_damaged_in_a_crash_is_moved_aside_and_the_newest_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let backup = migrated_and_filled(&path);
    run_child_until_killed(&path, "open");
    let damaged_bytes = damage(&path);

    let (mut store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::FullAfterCrash);
    assert_eq!(report.restored_from.as_deref(), Some(backup.as_path()));
    let aside = report.moved_aside.clone().unwrap();
    assert_eq!(fs::read(&aside).unwrap(), damaged_bytes, "the damaged file is kept, byte for byte");
    assert_eq!(report.notices.len(), 1);
    let notice = report.notices[0].render(Lang::En);
    assert!(notice.contains("damaged") && notice.contains(&aside.display().to_string()), "{notice}");
    assert!(notice.contains(&backup.display().to_string()), "{notice}");
    assert!(notice.contains("Detail: "), "the reason SQLite gave goes last: {notice}");
    let german = report.notices[0].render(Lang::De);
    assert!(german.starts_with("Die Datendatei ") && german.contains("wiederhergestellt"), "{german}");
    // The backup (made before the tables had rows) is in use and migrated again.
    assert_eq!(store.sessions_page(None, 10).unwrap().len(), 0);
    assert!(backup.exists(), "the backup itself stays");
    let check: String = Connection::open(&path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(store);
}

#[test]
fn a_database_damaged_in_a_crash_without_backup_is_replaced_by_an_empty_one() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    fill(&mut t.store, &format, 40);
    drop(t.store);
    run_child_until_killed(&t.path, "open");
    damage(&t.path);

    let (mut store, report) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    assert_eq!(report.restored_from, None);
    assert!(report.moved_aside.as_ref().unwrap().exists());
    let notice = report.notices[0].render(Lang::En);
    assert!(notice.contains("no usable backup was found") && notice.contains("empty data"), "{notice}");
    assert!(report.notices[0].render(Lang::Es).contains("empezó con datos vacíos"), "{:?}", report.notices);
    assert!(store.sessions_page(None, 10).unwrap().is_empty());
}

#[test]
fn damage_without_a_crash_is_found_by_verify_and_recovered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let backup = migrated_and_filled(&path);
    let damaged_bytes = damage(&path);

    let (store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::Probe, "no crash: open only probes");
    assert!(report.needs_verify());
    assert!(report.notices.is_empty() && report.moved_aside.is_none(), "{report:?}");

    let verdict = Store::verify_integrity(&path, chrono::Utc::now()).unwrap();
    assert!(!verdict.is_sound());
    assert!(!verdict.problems.is_empty());
    let notice = verdict.notice.unwrap();
    let english = notice.render(stint_core::i18n::Lang::En);
    assert!(english.contains("damage") && english.contains("restores the newest backup"), "{english}");
    assert!(english.contains(&path.display().to_string()), "it names the file: {english}");
    let german = notice.render(stint_core::i18n::Lang::De);
    assert!(german.starts_with("Stint hat Schäden in seiner Datendatei"), "said in the language in effect: {german}");
    assert!(recovery_request(&path).exists());
    assert!(path.exists(), "nothing is moved while the store is open");
    drop(store);

    let (_, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::FullOnRequest);
    assert_eq!(report.restored_from.as_deref(), Some(backup.as_path()));
    assert_eq!(fs::read(report.moved_aside.as_ref().unwrap()).unwrap(), damaged_bytes);
    assert_eq!(report.notices.len(), 1);
    assert!(!report.needs_verify());
    assert!(!recovery_request(&path).exists(), "the request is done");
}

#[test]
fn a_sound_database_verifies_clean_from_another_thread_while_the_store_writes() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    fill(&mut t.store, &format, 20);
    let path = t.path.clone();
    let verifier = std::thread::spawn(move || Store::verify_integrity(&path, chrono::Utc::now()));
    fill(&mut t.store, &format, 20);
    let verdict = verifier.join().unwrap().unwrap();
    assert!(verdict.is_sound(), "{verdict:?}");
    assert_eq!(verdict.notice, None);
    assert!(!recovery_request(&t.path).exists());
    assert_eq!(t.store.sessions_page(None, 100).unwrap().len(), 40);
}

#[test]
fn a_stale_recovery_request_on_a_sound_file_changes_nothing() {
    let mut t = temp_store();
    let format = sprint(&mut t.store);
    fill(&mut t.store, &format, 2);
    drop(t.store);
    fs::write(recovery_request(&t.path), "left over").unwrap();

    let (mut store, report) = Store::open(&t.path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::FullOnRequest);
    assert!(report.notices.is_empty() && report.moved_aside.is_none(), "{report:?}");
    assert_eq!(store.sessions_page(None, 10).unwrap().len(), 2);
    assert!(!recovery_request(&t.path).exists());
}

#[test]
fn verifying_a_missing_file_is_a_storage_error_and_schedules_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let err = Store::verify_integrity(&path, chrono::Utc::now()).unwrap_err();
    assert_eq!(err.code(), "storage");
    assert!(!recovery_request(&path).exists());
}

#[test]
fn a_file_that_is_not_a_database_at_all_is_moved_aside_by_the_probe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let junk = b"this is not a database, just some text that happens to be here".repeat(100);
    fs::write(&path, &junk).unwrap();
    let (mut store, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, OpenCheck::Probe);
    assert_eq!(fs::read(report.moved_aside.unwrap()).unwrap(), junk);
    assert!(store.list_formats(true).is_ok());
}
