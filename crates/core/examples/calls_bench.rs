//! Calls benchmark: 100 calls dated 1970 — daily and weekly, each with 100 exception ("skip")
//! dates and a reminder — in a store on a temp file, then prints `<query> <milliseconds>` (the
//! median of several runs, and the fastest, which is what the work costs on a machine that is busy
//! with other things) for the Calls view's upcoming list (`upcoming_view`, 14 days as the view
//! asks) and the next reminder (`next_reminder`), first without and then with "skip on the days of"
//! rules (each call skips on the days of ten others). Goal: each ≤ 10 ms in release.
//!
//!     cargo run --release -p stint-core --example calls_bench
//!
//! `STINT_BENCH_RUNS=1` runs each query once (to measure a slow build without waiting for seven).

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use stint_core::calls::{Call, Frequency, Recurrence, Weekday};
use stint_core::store::Store;

const CALLS: usize = 100;
const SKIP_DATES: usize = 100;
const SKIP_CALLS: usize = 10;
const DEFAULT_RUNS: usize = 7;
const ZONES: [chrono_tz::Tz; 5] = [
    chrono_tz::Europe::London,
    chrono_tz::America::New_York,
    chrono_tz::America::Havana,
    chrono_tz::Australia::Sydney,
    chrono_tz::Pacific::Apia,
];

fn call(i: usize) -> Call {
    let first = NaiveDate::from_ymd_opt(1970, 1, 1 + (i % 28) as u32).unwrap();
    let mut recurrence = if i.is_multiple_of(2) {
        Recurrence::every(Frequency::Daily)
    } else {
        Recurrence::weekly(&[Weekday::Mon, Weekday::Wed, Weekday::Fri])
    };
    // Skip dates spread over the decades, some of them in the weeks the queries look at.
    recurrence.exceptions = (0..SKIP_DATES)
        .map(|k| {
            NaiveDate::from_ymd_opt(1971 + (k as i32 % 55), 1 + (k as u32 % 12), 1 + ((k + i) as u32 % 28)).unwrap()
        })
        .collect();
    Call {
        id: String::new(),
        title: format!("Bench call {i:03}"),
        community_id: None,
        format_id: "pomodoro".into(),
        first_start: first.and_hms_opt(8 + (i % 10) as u32, 30, 0).unwrap(),
        time_zone: ZONES[i % ZONES.len()],
        duration_minutes: 45,
        recurrence,
        join_link: None,
        notes_link: None,
        reminder_minutes: Some(10),
        skip_on_days_of: Vec::new(),
    }
}

/// (median, fastest) in milliseconds.
fn timed_ms(mut run: impl FnMut()) -> (f64, f64) {
    let runs = std::env::var("STINT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(DEFAULT_RUNS).max(1);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[0])
}

fn scenario(label: &str, skip_calls: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).unwrap();
    let mut ids: Vec<String> = Vec::new();
    for i in 0..CALLS {
        let mut c = call(i);
        c.skip_on_days_of = ids.iter().rev().take(skip_calls).cloned().collect();
        ids.push(store.create_call(c, now).unwrap().call.id);
    }
    let mut shown = 0;
    let upcoming = timed_ms(|| shown = store.upcoming_view(now, 14).unwrap().len());
    let mut next = None;
    let reminder = timed_ms(|| next = store.next_reminder(now + Duration::hours(1)).unwrap().map(|r| r.at));
    println!("{label}upcoming_view_14_days {:.2}  (fastest {:.2}; {shown} occurrences)", upcoming.0, upcoming.1);
    let at = next.map_or("none".into(), |t| t.to_rfc3339());
    println!("{label}next_reminder {:.2}  (fastest {:.2}; at {at})", reminder.0, reminder.1);
}

fn main() {
    scenario("", 0);
    scenario(&format!("skip_on_days_of_{SKIP_CALLS}_"), SKIP_CALLS);
}
