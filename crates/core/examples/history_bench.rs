//! History benchmark: builds a ten-year database (≈50k sessions, 500k phases, 100k commitments) in a
//! temp dir at schema version 4, lets `Store::open` migrate it (`migrate_to_5`: filling the history
//! rollup's hours from every phase, and from version 8 its whole UTC days from the hours, once), then prints `<query> <milliseconds>` for every query a History view
//! makes — a day, a week, the year's heat map and the full ten years, their session lists, a session's
//! detail — and for opening the file:
//! `open` (after a clean shutdown), `open_empty` (an empty database), `open_after_crash` (the last run
//! did not shut down cleanly, so open runs the full check), and `verify_integrity` (the full check the
//! shell runs on a background thread after start-up). Targets: every query ≤ 30 ms; `open` ≤ 50 ms
//! more than `open_empty`. `open_after_crash` and `verify_integrity` have no target; they show what
//! the full check costs and where it was moved.
//!
//! Each line is `<query> <wall-clock ms> <CPU ms>`: the CPU time of the bench's thread is what the
//! query costs even when other processes share the cores (the wall-clock time then grows).
//!
//!     cargo run --release -p stint-core --example history_bench

use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::store::migrations::migrations;
use stint_core::store::{OpenCheck, Store};

const DAYS: i64 = 3652;
const SESSIONS: i64 = 50_000;
const PHASES_PER_SESSION: i64 = 10;
const COMMITMENTS_PER_SESSION: i64 = 2;
const RUNS: usize = 7;

fn nanos(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap()
}

fn draft(name: &str, focus: u32) -> FormatDraft {
    let phase = |label: &str, kind, seconds| Phase { label: label.into(), kind, seconds, prompt: None };
    let mut phases = Vec::new();
    for round in 1..=PHASES_PER_SESSION / 2 {
        phases.push(phase(&format!("Focus {round}"), PhaseKind::Focus, focus));
        phases.push(phase("Break", PhaseKind::Break, 60));
    }
    FormatDraft { name: name.into(), attribution: None, phases, commitments: CommitmentPolicy::default(), repeat: None }
}

/// Fills the database directly with SQL in one transaction (the store's API would take minutes).
fn fill(path: &Path, first_day: DateTime<Utc>) {
    let mut conn = Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let formats: Vec<(String, FormatDraft)> =
        (0..5).map(|i| (format!("bench-{i}"), draft(&format!("Bench format {i}"), 240 + 30 * i))).collect();
    for (i, (_, d)) in formats.iter().enumerate() {
        tx.execute(
            "INSERT INTO format_snapshots (id, draft) VALUES (?1, ?2)",
            params![i as i64 + 1, serde_json::to_string(d).unwrap()],
        )
        .unwrap();
    }
    let mut session = tx
        .prepare(
            "INSERT INTO sessions (id, format_id, format_name, snapshot_id, started_at, ended_at, status,
                 focus_seconds, focus_first_start, focus_last_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'finished', ?7, ?8, ?9)",
        )
        .unwrap();
    let mut phase = tx
        .prepare(
            "INSERT INTO phases (session_id, idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .unwrap();
    let mut event = tx.prepare("INSERT INTO session_events (session_id, at, kind) VALUES (?1, ?2, ?3)").unwrap();
    let mut commitment = tx
        .prepare(
            "INSERT INTO commitments (session_id, text, status, created_at, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .unwrap();
    let statuses = ["done", "done", "partial", "not_done", "dropped", "open"];
    let per_day = SESSIONS / DAYS + 1;
    let mut id = 0i64;
    'days: for day in 0..DAYS {
        if day % 17 == 16 {
            continue; // a day off now and then, so streaks end
        }
        for slot in 0..per_day {
            id += 1;
            if id > SESSIONS {
                break 'days;
            }
            let f = (id % 5) as usize;
            let d = &formats[f].1;
            // Mostly daytime sessions; the last one of the day crosses midnight.
            let start_minute = if slot == per_day - 1 { 23 * 60 + 45 } else { 6 * 60 + slot * 40 };
            let start = first_day + Duration::days(day) + Duration::minutes(start_minute);
            let mut at = start;
            let (mut focus, mut first_focus, mut last_focus) = (0i64, None, None);
            let mut rows = Vec::new();
            for (idx, p) in d.phases.iter().enumerate() {
                let end = at + Duration::seconds(i64::from(p.seconds));
                let slept = id % 50 == 0 && idx == 3;
                let outcome = if slept { "slept" } else { "completed" };
                let kind = if p.kind == PhaseKind::Focus { "focus" } else { "break" };
                rows.push((idx as i64, &p.label, kind, p.seconds, nanos(at), nanos(end), outcome));
                if p.kind == PhaseKind::Focus && !slept {
                    focus += i64::from(p.seconds);
                    first_focus.get_or_insert(nanos(at));
                    last_focus = Some(nanos(end));
                }
                at = end;
            }
            session
                .execute(params![
                    id,
                    formats[f].0,
                    d.name,
                    f as i64 + 1,
                    nanos(start),
                    nanos(at),
                    focus,
                    first_focus,
                    last_focus
                ])
                .unwrap();
            for (idx, label, kind, seconds, from, to, outcome) in rows {
                phase.execute(params![id, idx, label, kind, seconds, from, to, seconds, outcome]).unwrap();
            }
            if id % 2 == 0 {
                event.execute(params![id, nanos(start + Duration::seconds(100)), "pause"]).unwrap();
                event.execute(params![id, nanos(start + Duration::seconds(100)), "resume"]).unwrap();
            }
            for c in 0..COMMITMENTS_PER_SESSION {
                let status = statuses[((id + c) % 6) as usize];
                let resolved = (status != "open").then(|| nanos(at));
                commitment
                    .execute(params![
                        id,
                        format!("Commitment {c} of session {id}: write the thing"),
                        status,
                        nanos(start),
                        resolved
                    ])
                    .unwrap();
            }
        }
    }
    drop((session, phase, event, commitment));
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
}

/// Milliseconds of CPU time this thread has used: unlike wall time, not inflated when other
/// processes compete for the cores (the machine this runs on is often shared).
#[cfg(unix)]
fn cpu_ms() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is supported on Linux and macOS.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1_000_000.0
}

#[cfg(not(unix))]
fn cpu_ms() -> f64 {
    f64::NAN
}

/// The medians of `RUNS` timings of `f`: (wall-clock, CPU) milliseconds.
fn time<T>(f: impl FnMut() -> T) -> (f64, f64) {
    time_after(|| (), f)
}

/// Like `time`, with `setup` run (untimed) before each run of `f`.
fn time_after<T>(mut setup: impl FnMut(), mut f: impl FnMut() -> T) -> (f64, f64) {
    let (mut wall, mut cpu): (Vec<f64>, Vec<f64>) = (0..RUNS)
        .map(|_| {
            setup();
            let (start, cpu_start) = (Instant::now(), cpu_ms());
            std::hint::black_box(f());
            (start.elapsed().as_secs_f64() * 1000.0, cpu_ms() - cpu_start)
        })
        .unzip();
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    (wall[RUNS / 2], cpu[RUNS / 2])
}

/// Opens the store at `path` and asserts how the file was checked.
fn open_checked(path: &Path, expected: OpenCheck) -> Store {
    let (store, report) = Store::open(path, chrono::Utc::now()).unwrap();
    assert_eq!(report.checked, expected);
    store
}

const CRASH_CHILD: &str = "STINT_BENCH_CRASH_CHILD";

/// Leaves the database as a crashed Stint would: another process opens it and ends without running
/// any destructor (this very example, re-run with `CRASH_CHILD` set; see `main`).
fn crash_while_open(path: &Path) {
    let status = std::process::Command::new(std::env::current_exe().unwrap()).env(CRASH_CHILD, path).status();
    assert!(status.unwrap().success());
}

fn main() {
    if let Some(path) = std::env::var_os(CRASH_CHILD) {
        let _store = Store::open(path, chrono::Utc::now()).unwrap();
        std::process::exit(0);
    }
    let dir = tempfile::tempdir().unwrap();
    // STINT_BENCH_KEEP=<dir> keeps the database there, for looking at it afterwards.
    let kept = std::env::var_os("STINT_BENCH_KEEP").map(std::path::PathBuf::from);
    let dir_path = kept.clone().unwrap_or_else(|| dir.path().to_path_buf());
    let empty = dir_path.join("empty.db");
    drop(Store::open(&empty, chrono::Utc::now()).unwrap());
    let open_empty = time(|| open_checked(&empty, OpenCheck::Probe));

    let path = dir_path.join("stint.db");
    migrations().to_version(&mut Connection::open(&path).unwrap(), 4).unwrap();
    let first_day = Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).unwrap();
    let build = Instant::now();
    fill(&path, first_day);
    eprintln!(
        "built {} MB in {:.1} s",
        std::fs::metadata(&path).unwrap().len() / 1_000_000,
        build.elapsed().as_secs_f64()
    );
    let migrate = Instant::now();
    drop(Store::open(&path, chrono::Utc::now()).unwrap());
    let migrate_to_5 = migrate.elapsed().as_secs_f64() * 1000.0;
    Connection::open(&path).unwrap().execute_batch("ANALYZE;").unwrap();
    let open = time(|| open_checked(&path, OpenCheck::Probe));
    let open_after_crash = time_after(|| crash_while_open(&path), || open_checked(&path, OpenCheck::FullAfterCrash));
    let verify = time(|| assert!(Store::verify_integrity(&path, chrono::Utc::now()).unwrap().is_sound()));

    let (mut store, _) = Store::open(&path, chrono::Utc::now()).unwrap();
    let tz = chrono_tz::Europe::Berlin;
    let today = (first_day + Duration::days(DAYS - 1)).date_naive();
    let year_ago = today - Duration::days(364);
    let ten_years_ago = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    // The periods the History view shows: a day, a week, the heat map's 53 weeks, all ten years.
    let week_ago = today - Duration::days(6);
    let heatmap_from = today - Duration::days(7 * 53 - 1);
    // India's half-hour offset: day edges cut the rollup's hours in two.
    let kolkata = chrono_tz::Asia::Kolkata;
    let results = [
        ("sessions_page_first", time(|| store.sessions_page(None, 50).unwrap())),
        ("sessions_page_deep", time(|| store.sessions_page(Some(SESSIONS / 2), 50).unwrap())),
        ("focus_per_day_365", time(|| store.focus_per_day(year_ago, today, tz).unwrap())),
        ("focus_per_day_3652", time(|| store.focus_per_day(ten_years_ago, today, tz).unwrap())),
        ("streaks", time(|| store.streaks(today, tz).unwrap())),
        ("commitments_kept_365", time(|| store.commitments_kept(year_ago, today, tz).unwrap())),
        ("commitments_kept_3652", time(|| store.commitments_kept(ten_years_ago, today, tz).unwrap())),
        ("format_totals", time(|| store.format_totals().unwrap())),
        ("history_overview_365", time(|| store.history_overview(today, tz, 365).unwrap())),
        ("history_period_day", time(|| store.history_period(today, today, tz, today).unwrap())),
        ("history_period_week", time(|| store.history_period(week_ago, today, tz, today).unwrap())),
        ("history_period_heatmap_371", time(|| store.history_period(heatmap_from, today, tz, today).unwrap())),
        ("history_period_all_3652", time(|| store.history_period(ten_years_ago, today, tz, today).unwrap())),
        (
            "history_period_all_3652_kolkata",
            time(|| store.history_period(ten_years_ago, today, kolkata, today).unwrap()),
        ),
        ("sessions_in_day", time(|| store.sessions_in_days(today, today, tz, None, 20).unwrap())),
        ("sessions_in_week", time(|| store.sessions_in_days(week_ago, today, tz, None, 20).unwrap())),
        ("sessions_in_heatmap_371", time(|| store.sessions_in_days(heatmap_from, today, tz, None, 20).unwrap())),
        ("sessions_in_all_3652", time(|| store.sessions_in_days(ten_years_ago, today, tz, None, 20).unwrap())),
        (
            "sessions_in_all_deep",
            time(|| store.sessions_in_days(ten_years_ago, today, tz, Some(SESSIONS / 2), 20).unwrap()),
        ),
        ("session_detail", time(|| store.session_detail(SESSIONS / 2).unwrap())),
        ("session_view", time(|| store.session_view(SESSIONS / 2, Utc::now()).unwrap())),
    ];
    println!("# query wall_ms cpu_ms (medians of {RUNS} runs)");
    for (name, (wall, cpu)) in results {
        println!("{name} {wall:.2} {cpu:.2}");
    }
    println!("migrate_to_5 {migrate_to_5:.2}");
    for (name, (wall, cpu)) in [
        ("open", open),
        ("open_empty", open_empty),
        ("open_after_crash", open_after_crash),
        ("verify_integrity", verify),
    ] {
        println!("{name} {wall:.2} {cpu:.2}");
    }
}
