//! Crash safety: a child process writes sessions, events and commitments in a loop, printing each id
//! once its transaction has committed; the parent kills it with SIGKILL at random moments. After every
//! kill the database must pass `PRAGMA integrity_check` and hold everything the child reported.
//!
//! The child is this test binary itself, re-run with `CHILD_DB` set (see `crash_child`).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::Utc;
use rusqlite::Connection;
use stint_core::commitment::CommitmentStatus;
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::store::Store;
use stint_core::timeline::{Event, EventKind};

const CHILD_DB: &str = "STINT_CRASH_CHILD_DB";
const KILLS: usize = 60;

/// Writes forever when run as the child; does nothing in a normal test run.
#[test]
fn crash_child() {
    if let Ok(path) = std::env::var(CHILD_DB) {
        write_forever(Path::new(&path));
    }
}

fn report(line: String) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

fn write_forever(path: &Path) -> ! {
    let (mut store, _) = Store::open(path, chrono::Utc::now()).unwrap();
    if let Some(running) = store.active_session().unwrap() {
        let at = Utc::now().max(running.timeline.events().last().map_or(running.timeline.started_at, |e| e.at));
        store.append_event(running.id, Event { at, kind: EventKind::Stop }).unwrap();
    }
    let existing = store.list_formats(true).unwrap().into_iter().find(|f| f.draft.name == "Crash test");
    let format = match existing {
        Some(f) => f.id,
        None => {
            let draft = FormatDraft {
                name: "Crash test".into(),
                attribution: None,
                phases: vec![Phase { label: "Focus".into(), kind: PhaseKind::Focus, seconds: 60, prompt: None }],
                commitments: CommitmentPolicy::default(),
                repeat: None,
            };
            store.create_format(draft, chrono::Utc::now()).unwrap().id
        }
    };
    loop {
        let session = store.start_session(&format, Utc::now(), &["first goal".into(), "second goal".into()]).unwrap();
        report(format!("session {}", session.id));
        for c in store.session_commitments(session.id).unwrap() {
            report(format!("commitment {}", c.id));
        }
        let paused = store.append_event(session.id, Event { at: Utc::now(), kind: EventKind::Pause }).unwrap();
        report(format!("events {} {}", session.id, paused.timeline.events().len()));
        let added = store.add_commitment(session.id, "added while paused", Utc::now()).unwrap();
        report(format!("commitment {}", added.id));
        store.resolve_commitment(added.id, CommitmentStatus::Done, Some("quick"), Utc::now()).unwrap();
        report(format!("resolved {}", added.id));
        let stopped = store.append_event(session.id, Event { at: Utc::now(), kind: EventKind::Stop }).unwrap();
        report(format!("events {} {}", session.id, stopped.timeline.events().len()));
    }
}

/// A small xorshift generator: random enough for kill delays, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn count(conn: &Connection, sql: &str, id: i64) -> i64 {
    conn.query_row(sql, [id], |r| r.get(0)).unwrap()
}

/// Checks one committed line of the child's report against the database.
fn check_line(conn: &Connection, line: &str) {
    let parts: Vec<&str> = line.split(' ').collect();
    let num = |i: usize| parts[i].parse::<i64>().unwrap_or_else(|_| panic!("bad report line {line:?}"));
    let found = match parts[0] {
        "session" => count(conn, "SELECT COUNT(*) FROM sessions WHERE id = ?1", num(1)) == 1,
        "commitment" => count(conn, "SELECT COUNT(*) FROM commitments WHERE id = ?1", num(1)) == 1,
        "resolved" => count(conn, "SELECT COUNT(*) FROM commitments WHERE id = ?1 AND status = 'done'", num(1)) == 1,
        "events" => count(conn, "SELECT COUNT(*) FROM session_events WHERE session_id = ?1", num(1)) >= num(2),
        _ => panic!("unknown report line {line:?}"),
    };
    assert!(found, "reported as committed but missing after the kill: {line}");
}

#[test]
fn killing_the_writer_at_any_moment_loses_nothing_committed() {
    if std::env::var(CHILD_DB).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    let exe = std::env::current_exe().unwrap();
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = Rng(seed);
    let mut checked = HashSet::new();
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash::crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_DB, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            stdout.read_to_string(&mut text).unwrap();
            text
        });
        std::thread::sleep(Duration::from_millis(20 + rng.below(130)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let text = reader.join().unwrap();

        let conn = Connection::open(&path).unwrap();
        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(verdict, "ok", "round {round} (seed {seed})");
        // Only whole lines were committed and reported; a line cut by the kill is ignored.
        let complete = text.rsplit_once('\n').map_or("", |(whole, _)| whole);
        for line in complete.lines().filter(|l| {
            l.starts_with(|c: char| c.is_ascii_lowercase()) && !l.starts_with("test ") && !l.starts_with("running ")
        }) {
            check_line(&conn, line);
            checked.insert(line.to_string());
        }
    }
    assert!(
        checked.iter().filter(|l| l.starts_with("session ")).count() > KILLS / 2,
        "the child barely ran (seed {seed})"
    );
    let (_, report) = Store::open(&path, chrono::Utc::now()).unwrap();
    assert!(report.notices.is_empty(), "{report:?}");
}
