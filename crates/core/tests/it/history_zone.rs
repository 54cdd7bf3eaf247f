//! History in a zone far from UTC (Pacific/Auckland, UTC+13 in March): a session across local
//! midnight is split between the user's two days in every query and in both exports, and a session
//! is filed under the local day it started on, which is not the UTC one.

use std::fs;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::calls_support::utc;
use crate::common::*;
use stint_core::format::{CommitmentPolicy, FormatDraft, PhaseKind};
use stint_core::store::{ExportKind, Store};

const AUCKLAND: Tz = chrono_tz::Pacific::Auckland;
const UTC: Tz = chrono_tz::UTC;

/// An hour of focus, then five minutes of break.
fn hour_of_focus(store: &mut Store) -> String {
    let draft = FormatDraft {
        name: "Hour".into(),
        attribution: None,
        phases: vec![phase("Focus", PhaseKind::Focus, 3600), phase("Break", PhaseKind::Break, 300)],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    };
    store.create_format(draft, Utc::now()).unwrap().id
}

fn run(store: &mut Store, format: &str, start: DateTime<Utc>) -> i64 {
    let id = store.start_session(format, start, &[]).unwrap().id;
    store.record_phases(id, start + Duration::days(1), None).unwrap();
    id
}

/// Focus 23:30 on Sunday 9 March to 00:30 on Monday 10 March in Auckland (10:30–11:30 UTC on the
/// 9th), and a second session at 09:00 on Monday 10 March in Auckland (20:00 UTC on Sunday the 9th).
fn two_sessions() -> (TestStore, i64, i64) {
    let mut t = temp_store();
    let f = hour_of_focus(&mut t.store);
    let late = run(&mut t.store, &f, utc(2025, 3, 9, 10, 30));
    let morning = run(&mut t.store, &f, utc(2025, 3, 9, 20, 0));
    (t, late, morning)
}

#[test]
fn every_query_counts_a_session_across_local_midnight_on_both_local_days() {
    let (mut t, late, morning) = two_sessions();
    let week = t.store.history_period(date(2025, 3, 3), date(2025, 3, 16), AUCKLAND, date(2025, 3, 10)).unwrap();
    let days: Vec<_> =
        week.focus_per_day.iter().filter(|d| d.focus_seconds > 0).map(|d| (d.date, d.focus_seconds)).collect();
    assert_eq!(days, [(date(2025, 3, 9), 1800), (date(2025, 3, 10), 1800 + 3600)]);
    // In UTC both sessions are on the 9th: the zone, not the system, decides.
    let utc_days = t.store.focus_per_day(date(2025, 3, 9), date(2025, 3, 10), UTC).unwrap();
    assert_eq!(utc_days.iter().map(|d| d.focus_seconds).collect::<Vec<_>>(), [7200, 0]);

    // Monday's day view starts at local midnight (11:00 UTC on the 9th), with the late session's half hour.
    let monday = t.store.history_period(date(2025, 3, 10), date(2025, 3, 10), AUCKLAND, date(2025, 3, 10)).unwrap();
    assert_eq!(monday.focus_per_hour[0].starts_at, utc(2025, 3, 9, 11, 0));
    assert_eq!(monday.focus_per_hour[0].focus_seconds, 1800);
    assert_eq!(monday.focus_per_hour[9].focus_seconds, 3600);
    assert_eq!(monday.focus_seconds, 1800 + 3600);
    let focus = monday.kind_totals.iter().find(|k| k.kind == PhaseKind::Focus).unwrap();
    assert_eq!(focus.seconds, 1800 + 3600);
    // Sessions are filed under the local day they started on.
    assert_eq!(monday.sessions, 1);
    let listed = t.store.sessions_in_days(date(2025, 3, 10), date(2025, 3, 10), AUCKLAND, None, 10).unwrap();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [morning]);
    let sunday = t.store.sessions_in_days(date(2025, 3, 9), date(2025, 3, 9), AUCKLAND, None, 10).unwrap();
    assert_eq!(sunday.iter().map(|s| s.id).collect::<Vec<_>>(), [late]);
    // Two local days running with focus, as of Monday in Auckland.
    assert_eq!(t.store.streaks(date(2025, 3, 10), AUCKLAND).unwrap().current_days, 2);
    assert_eq!(t.store.streaks(date(2025, 3, 9), UTC).unwrap().current_days, 1);
}

#[test]
fn both_exports_file_sessions_and_time_under_the_users_local_days() {
    let (mut t, _, _) = two_sessions();
    let out = t.dir.path().join("csv");
    t.store.export(ExportKind::Csv, &out, AUCKLAND, utc(2025, 3, 10, 0, 0)).unwrap();
    let sessions = fs::read_to_string(out.join("sessions.csv")).unwrap();
    let local_dates: Vec<&str> = sessions
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').find(|f| f.len() == 10 && f.starts_with("2025-")))
        .collect();
    assert_eq!(local_dates, ["2025-03-09", "2025-03-10"]);
    assert_eq!(
        fs::read_to_string(out.join("time_per_day.csv")).unwrap(),
        "date,kind,seconds\r\n2025-03-09,focus,1800\r\n2025-03-10,focus,5400\r\n2025-03-10,break,600\r\n"
    );

    let json_dir = t.dir.path().join("json");
    let files = t.store.export(ExportKind::Json, &json_dir, AUCKLAND, utc(2025, 3, 10, 0, 0)).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(doc["time_zone"], "Pacific/Auckland");
    assert_eq!(doc["sessions"][0]["local_date"], "2025-03-09");
    assert_eq!(doc["sessions"][0]["started_at"], "2025-03-09T10:30:00Z");
    assert_eq!(doc["sessions"][1]["local_date"], "2025-03-10");
    assert_eq!(doc["sessions"][1]["started_at"], "2025-03-09T20:00:00Z");
    let per_day: Vec<(String, String, u64)> = doc["time_per_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["date"].as_str().unwrap().into(), r["kind"].as_str().unwrap().into(), r["seconds"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        per_day,
        [
            ("2025-03-09".into(), "focus".into(), 1800),
            ("2025-03-10".into(), "focus".into(), 5400),
            ("2025-03-10".into(), "break".into(), 600),
        ]
    );

    // The same history exported in UTC puts all of it on the 9th.
    let utc_dir = t.dir.path().join("utc");
    t.store.export(ExportKind::Csv, &utc_dir, UTC, utc(2025, 3, 10, 0, 0)).unwrap();
    assert_eq!(
        fs::read_to_string(utc_dir.join("time_per_day.csv")).unwrap(),
        "date,kind,seconds\r\n2025-03-09,focus,7200\r\n2025-03-09,break,600\r\n"
    );
}
