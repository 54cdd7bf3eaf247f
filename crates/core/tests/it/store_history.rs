//! History: the sessions list, focus per local day, streaks, commitments kept, totals per format.

use crate::common::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use stint_core::commitment::CommitmentStatus;
use stint_core::format::{CommitmentPolicy, FormatDraft, PhaseKind};
use stint_core::store::{Away, DayFocus, Store, Streaks};
use stint_core::timeline::{Event, EventKind};

const LONDON: Tz = chrono_tz::Europe::London;
const NEW_YORK: Tz = chrono_tz::America::New_York;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// A format of one focus phase of `minutes`.
fn solo(store: &mut Store, minutes: u32) -> String {
    let draft = FormatDraft {
        name: format!("Solo {minutes}"),
        attribution: None,
        phases: vec![phase("Focus", PhaseKind::Focus, minutes * 60)],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    };
    store.create_format(draft, chrono::Utc::now()).unwrap().id
}

/// Runs a whole session of `format` from `start`, recording its phases; returns its id.
fn run(store: &mut Store, format: &str, start: DateTime<Utc>, commitments: &[&str]) -> i64 {
    let id = store.start_session(format, start, &texts(commitments)).unwrap().id;
    store.record_phases(id, start + chrono::Duration::days(1), None).unwrap();
    id
}

fn focus(days: &[DayFocus]) -> Vec<(NaiveDate, u32)> {
    days.iter().map(|d| (d.date, d.focus_seconds)).collect()
}

#[test]
fn a_phase_across_local_midnight_is_split_between_the_days() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 25);
    run(&mut t.store, &f, utc(2024, 3, 8, 23, 40), &[]); // London is on GMT: 23:40–00:05 local.
    let london = t.store.focus_per_day(date(2024, 3, 7), date(2024, 3, 10), LONDON).unwrap();
    assert_eq!(
        focus(&london),
        [(date(2024, 3, 7), 0), (date(2024, 3, 8), 1200), (date(2024, 3, 9), 300), (date(2024, 3, 10), 0)]
    );
    // The same phase is 18:40–19:05 in New York: one day.
    let ny = t.store.focus_per_day(date(2024, 3, 8), date(2024, 3, 9), NEW_YORK).unwrap();
    assert_eq!(focus(&ny), [(date(2024, 3, 8), 1500), (date(2024, 3, 9), 0)]);
}

#[test]
fn days_follow_daylight_saving_time() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 30);
    // 23:20 UTC on 31 March 2024 is 00:20 BST on 1 April.
    run(&mut t.store, &f, utc(2024, 3, 31, 23, 20), &[]);
    let days = t.store.focus_per_day(date(2024, 3, 31), date(2024, 4, 1), LONDON).unwrap();
    assert_eq!(focus(&days), [(date(2024, 3, 31), 0), (date(2024, 4, 1), 1800)]);
}

#[test]
fn only_focus_that_was_not_slept_through_counts() {
    let mut t = temp_store();
    let f = sprint(&mut t.store); // focus 1500 · break 300 · focus 1200
    let start = utc(2024, 5, 2, 9, 0);
    let id = t.store.start_session(&f, start, &[]).unwrap().id;
    t.store.record_phases(id, at(start, 1600), None).unwrap();
    t.store.record_phases(id, at(start, 9000), Some(Away::slept(at(start, 2000), at(start, 9000)))).unwrap();
    let days = t.store.focus_per_day(date(2024, 5, 2), date(2024, 5, 2), LONDON).unwrap();
    assert_eq!(focus(&days), [(date(2024, 5, 2), 1500)]);
    assert_eq!(t.store.sessions_page(None, 1).unwrap()[0].focus_seconds, 1500);
}

#[test]
fn paused_time_is_not_focus_time() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 25);
    let start = utc(2024, 5, 2, 9, 0);
    let id = t.store.start_session(&f, start, &[]).unwrap().id;
    t.store.append_event(id, Event { at: at(start, 600), kind: EventKind::Pause }).unwrap();
    t.store.append_event(id, Event { at: at(start, 1200), kind: EventKind::Resume }).unwrap();
    t.store.record_phases(id, at(start, 3600), None).unwrap();
    let days = t.store.focus_per_day(date(2024, 5, 2), date(2024, 5, 2), LONDON).unwrap();
    assert_eq!(focus(&days), [(date(2024, 5, 2), 1500)]);
}

#[test]
fn streaks_count_consecutive_local_days_with_focus() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 25);
    for day in [1, 2, 3, 5, 6] {
        run(&mut t.store, &f, utc(2024, 6, day, 10, 0), &[]);
    }
    let streaks = |t: &mut TestStore, today| t.store.streaks(today, LONDON).unwrap();
    assert_eq!(streaks(&mut t, date(2024, 6, 6)), Streaks { current_days: 2, longest_days: 3 });
    assert_eq!(streaks(&mut t, date(2024, 6, 7)).current_days, 2, "today is not over yet");
    assert_eq!(streaks(&mut t, date(2024, 6, 8)).current_days, 0);
    assert_eq!(streaks(&mut t, date(2024, 6, 3)).current_days, 3);
}

#[test]
fn a_session_across_midnight_counts_only_days_with_focus() {
    let mut t = temp_store();
    let f = sprint(&mut t.store);
    // GMT: focus 23:30–23:55, break 23:55–00:00, focus 00:00–00:20.
    run(&mut t.store, &f, utc(2024, 1, 10, 23, 30), &[]);
    let s = t.store.streaks(date(2024, 1, 11), LONDON).unwrap();
    assert_eq!(s, Streaks { current_days: 2, longest_days: 2 });
    let g = solo(&mut t.store, 10);
    run(&mut t.store, &g, utc(2024, 2, 1, 23, 55), &[]); // focus 23:55–00:05
    assert_eq!(t.store.streaks(date(2024, 2, 2), LONDON).unwrap().current_days, 2);
}

#[test]
fn commitments_kept_counts_the_outcomes_of_the_range() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 25);
    let id = run(&mut t.store, &f, utc(2024, 7, 1, 9, 0), &["a", "b", "c", "d", "e"]);
    let ids: Vec<i64> = t.store.session_commitments(id).unwrap().iter().map(|c| c.id).collect();
    let when = utc(2024, 7, 1, 10, 0);
    for (id, status) in ids.iter().zip([
        CommitmentStatus::Done,
        CommitmentStatus::Done,
        CommitmentStatus::Partial,
        CommitmentStatus::Dropped,
    ]) {
        t.store.resolve_commitment(*id, status, None, when).unwrap();
    }
    run(&mut t.store, &f, utc(2024, 7, 3, 9, 0), &["outside the range"]);
    let kept = t.store.commitments_kept(date(2024, 7, 1), date(2024, 7, 2), LONDON).unwrap();
    assert_eq!((kept.total, kept.done, kept.partial, kept.not_done, kept.dropped, kept.open), (5, 2, 1, 0, 1, 1));
    assert_eq!(kept.kept_ratio, Some(2.0 / 3.0));
    let none = t.store.commitments_kept(date(2023, 1, 1), date(2023, 1, 1), LONDON).unwrap();
    assert_eq!((none.total, none.kept_ratio), (0, None));
}

#[test]
fn sessions_are_listed_newest_first_in_keyset_pages() {
    let mut t = temp_store();
    let f = solo(&mut t.store, 25);
    let ids: Vec<i64> = (0..5).map(|i| run(&mut t.store, &f, utc(2024, 8, 1 + i, 9, 0), &["x", "y"])).collect();
    let first_commitment = t.store.session_commitments(ids[4]).unwrap()[0].id;
    t.store.resolve_commitment(first_commitment, CommitmentStatus::Done, None, utc(2024, 8, 6, 0, 0)).unwrap();

    let page = t.store.sessions_page(None, 2).unwrap();
    assert_eq!(page.iter().map(|s| s.id).collect::<Vec<_>>(), [ids[4], ids[3]]);
    assert_eq!((page[0].commitments_done, page[0].commitments_total, page[0].focus_seconds), (1, 2, 1500));
    assert_eq!(page[0].format_name, "Solo 25");
    assert_eq!(page[0].ended_at, Some(utc(2024, 8, 5, 9, 25)));
    let next = t.store.sessions_page(Some(page[1].id), 2).unwrap();
    assert_eq!(next.iter().map(|s| s.id).collect::<Vec<_>>(), [ids[2], ids[1]]);
    let last = t.store.sessions_page(Some(next[1].id), 2).unwrap();
    assert_eq!(last.iter().map(|s| s.id).collect::<Vec<_>>(), [ids[0]]);
    for bad in [0, 501] {
        assert_eq!(t.store.sessions_page(None, bad).unwrap_err().field(), Some("limit"));
    }
}

#[test]
fn totals_per_format_and_the_overview() {
    let mut t = temp_store();
    let short = solo(&mut t.store, 10);
    let long = solo(&mut t.store, 50);
    run(&mut t.store, &short, utc(2024, 9, 1, 9, 0), &[]);
    run(&mut t.store, &short, utc(2024, 9, 2, 9, 0), &[]);
    run(&mut t.store, &long, utc(2024, 9, 2, 12, 0), &["z"]);
    let totals = t.store.format_totals().unwrap();
    let got: Vec<(&str, u32, u64)> =
        totals.iter().map(|f| (f.format_name.as_str(), f.sessions, f.focus_seconds)).collect();
    assert_eq!(got, [("Solo 50", 1, 3000), ("Solo 10", 2, 1200)]);

    let overview = t.store.history_overview(date(2024, 9, 3), LONDON, 7).unwrap();
    assert_eq!((overview.from, overview.to), (date(2024, 8, 28), date(2024, 9, 3)));
    assert_eq!(overview.focus_per_day.len(), 7);
    assert_eq!(overview.focus_per_day[5], DayFocus { date: date(2024, 9, 2), focus_seconds: 3600 });
    assert_eq!(overview.streaks, Streaks { current_days: 2, longest_days: 2 });
    assert_eq!(overview.commitments_kept.total, 1);
    assert_eq!(overview.format_totals, totals);
}

#[test]
fn bad_ranges_name_their_field() {
    let mut t = temp_store();
    let err = t.store.focus_per_day(date(2024, 1, 2), date(2024, 1, 1), LONDON).unwrap_err();
    assert_eq!(err.field(), Some("to"));
    let err = t.store.focus_per_day(date(1990, 1, 1), date(2024, 1, 1), LONDON).unwrap_err();
    assert_eq!(err.field(), Some("from"));
    assert_eq!(t.store.commitments_kept(date(2024, 1, 2), date(2024, 1, 1), LONDON).unwrap_err().field(), Some("to"));
    for days in [0, 100_000] {
        assert_eq!(t.store.history_overview(date(2024, 1, 1), LONDON, days).unwrap_err().field(), Some("days"));
    }
}
