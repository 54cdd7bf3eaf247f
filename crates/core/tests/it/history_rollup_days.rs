//! The rollup's whole UTC days (`time_by_day`): a period's time per kind read from days agrees with
//! the same time read day by day from hours, after recording, correcting and deleting; the migration
//! that adds the days fills them from the hours already there.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::calls_support::utc;
use crate::common::*;
use stint_core::format::{CommitmentPolicy, FormatDraft, PhaseKind};
use stint_core::store::{PhaseEdit, SessionEdit, Store};
use stint_core::timeline::PhaseOutcome;

/// UTC+5:30: no local day holds a whole UTC day, so one-day periods read hours only.
const KOLKATA: Tz = chrono_tz::Asia::Kolkata;

/// Time per kind, in `PhaseKind::ALL`'s order.
fn in_order(mut totals: Vec<(PhaseKind, u64)>) -> Vec<(PhaseKind, u64)> {
    totals.sort_by_key(|(kind, _)| PhaseKind::ALL.iter().position(|k| k == kind));
    totals
}

fn kinds(t: &mut TestStore, from: NaiveDate, to: NaiveDate) -> Vec<(PhaseKind, u64)> {
    in_order(
        t.store
            .history_period(from, to, KOLKATA, to)
            .unwrap()
            .kind_totals
            .iter()
            .map(|k| (k.kind, k.seconds))
            .collect(),
    )
}

/// The same totals summed from one-day periods, which never read `time_by_day`.
fn kinds_day_by_day(t: &mut TestStore, from: NaiveDate, to: NaiveDate) -> Vec<(PhaseKind, u64)> {
    let mut sums = std::collections::HashMap::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        for (kind, seconds) in kinds(t, day, day) {
            *sums.entry(kind).or_insert(0) += seconds;
        }
    }
    in_order(sums.into_iter().collect())
}

fn work_and_rest(store: &mut Store) -> String {
    let draft = FormatDraft {
        name: "Work and rest".into(),
        attribution: None,
        phases: vec![phase("Work", PhaseKind::Focus, 5400), phase("Rest", PhaseKind::Break, 1200)],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    };
    store.create_format(draft, chrono::Utc::now()).unwrap().id
}

#[test]
fn time_per_kind_over_days_agrees_with_the_hours_after_records_corrections_and_deletions() {
    let mut t = temp_store();
    let f = work_and_rest(&mut t.store);
    let mut ids = Vec::new();
    for day in 0..12 {
        // Sessions at odd times, some across UTC midnight.
        let start = utc(2025, 5, 1, 22, 10) + Duration::days(day) + Duration::minutes(37 * day);
        let id = t.store.start_session(&f, start, &[]).unwrap().id;
        t.store.record_phases(id, start + Duration::days(1), None).unwrap();
        ids.push(id);
    }
    let (from, to) = (date(2025, 4, 30), date(2025, 5, 15));
    let all = kinds(&mut t, from, to);
    assert_eq!(all, [(PhaseKind::Focus, 12 * 5400), (PhaseKind::Break, 12 * 1200)]);
    assert_eq!(all, kinds_day_by_day(&mut t, from, to));

    // A rest that was really work, a work phase slept through, a session deleted.
    let fix = SessionEdit {
        title: None,
        notes: None,
        phases: vec![
            PhaseEdit { index: 0, outcome: PhaseOutcome::Slept, actual_seconds: 5400 },
            PhaseEdit { index: 1, outcome: PhaseOutcome::Completed, actual_seconds: 700 },
        ],
    };
    t.store.edit_session(ids[3], &fix).unwrap();
    t.store.delete_session(ids[7]).unwrap();
    let all = kinds(&mut t, from, to);
    assert_eq!(all, [(PhaseKind::Focus, 10 * 5400), (PhaseKind::Break, 10 * 1200 + 700)]);
    assert_eq!(all, kinds_day_by_day(&mut t, from, to));

    for id in ids.iter().filter(|&&id| id != ids[7]) {
        t.store.delete_session(*id).unwrap();
    }
    assert_eq!(rows(&t.path, "time_by_day"), 0, "no empty days are left behind");
    assert!(kinds(&mut t, from, to).is_empty());
}

#[test]
fn migrating_to_version_8_fills_the_days_from_the_hours_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let mut t = temp_store();
        let f = work_and_rest(&mut t.store);
        for day in 0..3 {
            let start = utc(2025, 5, 1, 23, 0) + Duration::days(day);
            let id = t.store.start_session(&f, start, &[]).unwrap().id;
            t.store.record_phases(id, start + Duration::days(1), None).unwrap();
        }
        drop(t.store);
        std::fs::copy(&t.path, &path).unwrap();
    }
    {
        // The database as version 7 left it: hours, no days (and no later tables or columns).
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE time_by_day; DROP TABLE call_rooms; ALTER TABLE subscriptions DROP COLUMN error_words;
             ALTER TABLE subscriptions DROP COLUMN skipped_words;
             PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    let (mut store, _) = Store::open(&path, chrono::Utc::now()).unwrap();
    let period = store.history_period(date(2025, 4, 30), date(2025, 5, 10), KOLKATA, date(2025, 5, 10)).unwrap();
    let got = in_order(period.kind_totals.iter().map(|k| (k.kind, k.seconds)).collect());
    assert_eq!(got, [(PhaseKind::Focus, 3 * 5400), (PhaseKind::Break, 3 * 1200)]);
    // 23:00–00:50 UTC: an hour of work on each UTC day the session began, 50 minutes on the next.
    let conn = Connection::open(&path).unwrap();
    let focus_days: Vec<(i64, i64)> = conn
        .prepare("SELECT day, seconds FROM time_by_day WHERE kind = 'focus' ORDER BY day")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let first = utc(2025, 5, 1, 0, 0).timestamp().div_euclid(86_400);
    assert_eq!(focus_days, [(first, 3600), (first + 1, 3600 + 1800), (first + 2, 3600 + 1800), (first + 3, 1800)]);
}
