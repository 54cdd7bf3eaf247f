//! Honest history: periods of the user's days (any zone, midnight and clock changes included), time
//! per kind and format, a session's detail, correcting and deleting a record, the migration that
//! fills the rollup from existing phases.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::calls_support::utc;
use crate::common::*;
use stint_core::commitment::CommitmentStatus;
use stint_core::format::{CommitmentPolicy, FormatDraft, PhaseKind};
use stint_core::store::migrations::migrations;
use stint_core::store::{parse_zone, Away, PhaseEdit, SessionEdit, Store};
use stint_core::timeline::{Event, EventKind, PhaseOutcome};

const BERLIN: Tz = chrono_tz::Europe::Berlin;
const TOKYO: Tz = chrono_tz::Asia::Tokyo;
const KOLKATA: Tz = chrono_tz::Asia::Kolkata;
const LONDON: Tz = chrono_tz::Europe::London;

/// A stored format: focus `focus` seconds, then a break of `rest` seconds.
fn focus_then_break(store: &mut Store, focus: u32, rest: u32) -> String {
    let draft = FormatDraft {
        name: format!("Focus {focus}"),
        attribution: None,
        phases: vec![phase("Focus", PhaseKind::Focus, focus), phase("Break", PhaseKind::Break, rest)],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    };
    store.create_format(draft, chrono::Utc::now()).unwrap().id
}

fn run(store: &mut Store, format: &str, start: DateTime<Utc>, commitments: &[&str]) -> i64 {
    let id = store.start_session(format, start, &texts(commitments)).unwrap().id;
    store.record_phases(id, start + Duration::days(1), None).unwrap();
    id
}

fn per_day(t: &mut TestStore, from: NaiveDate, to: NaiveDate, tz: Tz) -> Vec<(NaiveDate, u32)> {
    t.store.history_period(from, to, tz, to).unwrap().focus_per_day.iter().map(|d| (d.date, d.focus_seconds)).collect()
}

#[test]
fn a_session_across_local_midnight_counts_on_both_days_of_the_users_zone() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 3600, 300);
    // 22:30–23:30 UTC is 23:30–00:30 in Berlin (winter), 07:30–08:30 in Tokyo.
    run(&mut t.store, &f, utc(2025, 1, 14, 22, 30), &[]);
    assert_eq!(
        per_day(&mut t, date(2025, 1, 14), date(2025, 1, 15), BERLIN),
        [(date(2025, 1, 14), 1800), (date(2025, 1, 15), 1800)]
    );
    assert_eq!(
        per_day(&mut t, date(2025, 1, 14), date(2025, 1, 15), TOKYO),
        [(date(2025, 1, 14), 0), (date(2025, 1, 15), 3600)]
    );
    // India is UTC+5:30: 04:00–05:00 on the 15th — a half-hour zone needs the quarter hours.
    assert_eq!(
        per_day(&mut t, date(2025, 1, 14), date(2025, 1, 15), KOLKATA),
        [(date(2025, 1, 14), 0), (date(2025, 1, 15), 3600)]
    );
    // The same session in a day view: its Berlin hours.
    let day = t.store.history_period(date(2025, 1, 14), date(2025, 1, 14), BERLIN, date(2025, 1, 15)).unwrap();
    assert_eq!(day.focus_per_hour.len(), 24);
    assert_eq!(day.focus_per_hour[23].focus_seconds, 1800);
    assert_eq!(day.focus_per_hour[23].starts_at, utc(2025, 1, 14, 22, 0));
    assert_eq!(day.focus_seconds, 1800);
}

#[test]
fn days_on_which_the_clocks_change_have_23_and_25_hours() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 1800, 60);
    // Berlin springs forward on 30 March 2025 at 02:00 and falls back on 26 October 2025 at 03:00.
    run(&mut t.store, &f, utc(2025, 3, 30, 1, 0), &[]); // 03:00–03:30 CEST
    let spring = t.store.history_period(date(2025, 3, 30), date(2025, 3, 30), BERLIN, date(2025, 3, 30)).unwrap();
    assert_eq!(spring.focus_per_hour.len(), 23);
    let busy: Vec<_> = spring.focus_per_hour.iter().filter(|h| h.focus_seconds > 0).collect();
    assert_eq!((busy.len(), busy[0].starts_at, busy[0].focus_seconds), (1, utc(2025, 3, 30, 1, 0), 1800));
    run(&mut t.store, &f, utc(2025, 10, 25, 23, 30), &[]); // 01:30–02:00 CEST, the first 02:00 follows
    let autumn = t.store.history_period(date(2025, 10, 26), date(2025, 10, 26), BERLIN, date(2025, 10, 26)).unwrap();
    assert_eq!(autumn.focus_per_hour.len(), 25);
    assert_eq!(autumn.focus_seconds, 1800);
    // A week across the change counts each session on its own local day.
    let week = per_day(&mut t, date(2025, 10, 20), date(2025, 10, 26), BERLIN);
    assert_eq!(week.last(), Some(&(date(2025, 10, 26), 1800)));
    assert_eq!(week.iter().map(|d| d.1).sum::<u32>(), 1800);
}

#[test]
fn a_period_has_time_per_kind_and_format_sessions_and_the_first_day() {
    let mut t = temp_store();
    let short = focus_then_break(&mut t.store, 600, 120);
    let long = focus_then_break(&mut t.store, 3000, 600);
    assert_eq!(
        t.store.history_period(date(2025, 5, 1), date(2025, 5, 7), LONDON, date(2025, 5, 7)).unwrap().first_day,
        None
    );
    run(&mut t.store, &short, utc(2025, 5, 2, 9, 0), &["a"]);
    run(&mut t.store, &long, utc(2025, 5, 3, 9, 0), &[]);
    run(&mut t.store, &long, utc(2025, 5, 9, 9, 0), &[]); // outside the week
    let week = t.store.history_period(date(2025, 5, 1), date(2025, 5, 7), LONDON, date(2025, 5, 7)).unwrap();
    assert_eq!(week.zone, "Europe/London");
    assert_eq!(week.focus_seconds, 3600);
    assert_eq!(week.sessions, 2);
    let kinds: Vec<_> = week.kind_totals.iter().map(|k| (k.kind, k.seconds)).collect();
    assert_eq!(kinds, [(PhaseKind::Focus, 3600), (PhaseKind::Break, 720)]);
    let formats: Vec<_> =
        week.format_totals.iter().map(|f| (f.format_name.as_str(), f.sessions, f.focus_seconds)).collect();
    assert_eq!(formats, [("Focus 3000", 1, 3000), ("Focus 600", 1, 600)]);
    assert_eq!(week.commitments_kept.total, 1);
    assert_eq!(week.first_day, Some(date(2025, 5, 2)));
    // Holding all history, the period counts the streaks from its own days: the same as over all days.
    assert_eq!(week.streaks, t.store.streaks(date(2025, 5, 7), LONDON).unwrap());
    assert_eq!(week.streaks.longest_days, 2);
    let later = t.store.history_period(date(2025, 5, 8), date(2025, 5, 14), LONDON, date(2025, 5, 9)).unwrap();
    assert_eq!((later.streaks.current_days, later.streaks.longest_days), (1, 2), "from all days, not the period's");
    assert!(week.focus_per_hour.is_empty(), "hours only for one day");
    // The sessions of the week, newest first; and a page over all days.
    let listed = t.store.sessions_in_days(date(2025, 5, 1), date(2025, 5, 7), LONDON, None, 10).unwrap();
    assert_eq!(listed.iter().map(|s| s.format_name.as_str()).collect::<Vec<_>>(), ["Focus 3000", "Focus 600"]);
    let next = t.store.sessions_in_days(date(2025, 5, 1), date(2025, 5, 7), LONDON, Some(listed[0].id), 10).unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(t.store.sessions_page(None, 10).unwrap().len(), 3);
}

#[test]
fn kind_totals_split_hours_at_the_edges_of_a_period() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 3600, 60);
    // 23:30–00:30 London (GMT): half of it on each day, each day's edge cutting an hour in two.
    run(&mut t.store, &f, utc(2025, 2, 10, 23, 30), &[]);
    let first = t.store.history_period(date(2025, 2, 10), date(2025, 2, 10), LONDON, date(2025, 2, 11)).unwrap();
    assert_eq!(first.kind_totals.iter().map(|k| (k.kind, k.seconds)).collect::<Vec<_>>(), [(PhaseKind::Focus, 1800)]);
    let second = t.store.history_period(date(2025, 2, 11), date(2025, 2, 11), KOLKATA, date(2025, 2, 11)).unwrap();
    assert_eq!(
        second.kind_totals.iter().map(|k| (k.kind, k.seconds)).collect::<Vec<_>>(),
        [(PhaseKind::Focus, 3600), (PhaseKind::Break, 60)]
    );
}

#[test]
fn a_sessions_detail_shows_planned_against_actual_pauses_and_what_is_left_over() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 1500, 300);
    let start = t0();
    let id = t.store.start_session(&f, start, &texts(&["Draft", "Reply", "Tidy"])).unwrap().id;
    t.store.append_event(id, Event { at: at(start, 600), kind: EventKind::Pause }).unwrap();
    t.store.append_event(id, Event { at: at(start, 660), kind: EventKind::Resume }).unwrap();
    t.store.append_event(id, Event { at: at(start, 1500), kind: EventKind::Skip }).unwrap(); // ran 1440
    t.store.append_event(id, Event { at: at(start, 1600), kind: EventKind::Stop }).unwrap();
    let cs = t.store.session_commitments(id).unwrap();
    t.store.resolve_commitment(cs[0].id, CommitmentStatus::Done, None, at(start, 1700)).unwrap();
    t.store.resolve_commitment(cs[1].id, CommitmentStatus::Partial, None, at(start, 1700)).unwrap();

    let d = t.store.session_detail(id).unwrap();
    assert_eq!(d.session.focus_seconds, 1440);
    let focus = &d.phases[0];
    assert_eq!(
        (focus.planned_seconds, focus.actual_seconds, focus.paused_seconds, focus.outcome),
        (1500, 1440, 60, PhaseOutcome::Skipped)
    );
    assert_eq!((d.phases[1].actual_seconds, d.phases[1].outcome), (100, PhaseOutcome::Stopped));
    let counts: Vec<_> = d.outcome_counts.iter().map(|c| (c.outcome, c.phases)).collect();
    assert_eq!(counts, [(PhaseOutcome::Skipped, 1), (PhaseOutcome::Stopped, 1)]);
    let left: Vec<_> = d.left_over.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(left, ["Reply", "Tidy"], "done is not left over; partly done and open are");
    assert_eq!(d.outcome_choices, PhaseOutcome::ALL);
    assert_eq!(t.store.session_detail(9999).unwrap_err().code(), "not_found");
}

fn edit(title: Option<&str>, notes: Option<&str>, phases: Vec<PhaseEdit>) -> SessionEdit {
    SessionEdit { title: title.map(str::to_string), notes: notes.map(str::to_string), phases }
}

#[test]
fn correcting_a_mis_tracked_phase_moves_its_time_out_of_focus_everywhere() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 3000, 600);
    let id = run(&mut t.store, &f, utc(2025, 6, 2, 9, 0), &[]);
    let day = date(2025, 6, 2);
    // The focus phase ran while the user was away: not counted. The break really was 5 minutes.
    let fixed = t
        .store
        .edit_session(
            id,
            &edit(
                Some("  Thesis, chapter 2  "),
                Some("Fell asleep."),
                vec![
                    PhaseEdit { index: 0, outcome: PhaseOutcome::Slept, actual_seconds: 3000 },
                    PhaseEdit { index: 1, outcome: PhaseOutcome::Completed, actual_seconds: 300 },
                ],
            ),
        )
        .unwrap();
    assert_eq!(fixed.session.title.as_deref(), Some("Thesis, chapter 2"));
    assert_eq!(fixed.notes.as_deref(), Some("Fell asleep."));
    assert_eq!((fixed.session.focus_seconds, fixed.phases[0].counts), (0, false));
    let period = t.store.history_period(day, day, LONDON, day).unwrap();
    assert_eq!(period.focus_seconds, 0);
    assert_eq!(period.kind_totals.iter().map(|k| (k.kind, k.seconds)).collect::<Vec<_>>(), [(PhaseKind::Break, 300)]);
    assert_eq!(t.store.streaks(day, LONDON).unwrap().longest_days, 0);
    // And back: focus again, 40 minutes of it.
    let back = edit(None, None, vec![PhaseEdit { index: 0, outcome: PhaseOutcome::Completed, actual_seconds: 2400 }]);
    let fixed = t.store.edit_session(id, &back).unwrap();
    assert_eq!((fixed.session.title, fixed.notes), (None, None), "blank or missing text clears it");
    assert_eq!(t.store.history_period(day, day, LONDON, day).unwrap().focus_seconds, 2400);
    assert_eq!(t.store.sessions_page(None, 1).unwrap()[0].focus_seconds, 2400);
}

#[test]
fn a_bad_correction_names_its_field_and_changes_nothing() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 1500, 300);
    let id = run(&mut t.store, &f, utc(2025, 6, 3, 9, 0), &[]);
    let before = t.store.session_detail(id).unwrap();
    let keep = PhaseEdit { index: 0, outcome: PhaseOutcome::Skipped, actual_seconds: 100 };
    let cases = [
        (edit(Some(&"x".repeat(121)), None, vec![]), "title"),
        (edit(Some("two\nlines"), None, vec![]), "title"),
        (edit(None, Some(&"n".repeat(5001)), vec![]), "notes"),
        (edit(None, None, vec![keep, PhaseEdit { index: 9, ..keep }]), "phases[1].index"),
        (edit(None, None, vec![keep, keep]), "phases[1].index"),
        (edit(None, None, vec![keep, PhaseEdit { index: 1, actual_seconds: 301, ..keep }]), "phases[1].actual_seconds"),
    ];
    for (bad, field) in cases {
        let err = t.store.edit_session(id, &bad).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(t.store.session_detail(id).unwrap(), before, "nothing changed after {err}");
    }
    let day = date(2025, 6, 3);
    assert_eq!(t.store.history_period(day, day, LONDON, day).unwrap().focus_seconds, 1500);
    assert_eq!(t.store.edit_session(4242, &edit(None, None, vec![])).unwrap_err().code(), "not_found");
    let running = t.store.start_session(&f, utc(2025, 6, 4, 9, 0), &[]).unwrap().id;
    assert_eq!(t.store.edit_session(running, &edit(Some("x"), None, vec![])).unwrap_err().code(), "conflict");
}

#[test]
fn deleting_a_session_takes_its_time_out_of_every_total() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 1500, 300);
    let day = date(2025, 7, 1);
    let keep = run(&mut t.store, &f, utc(2025, 7, 1, 9, 0), &[]);
    let gone = run(&mut t.store, &f, utc(2025, 7, 1, 9, 30), &["x"]);
    assert_eq!(t.store.history_period(day, day, LONDON, day).unwrap().focus_seconds, 3000);
    t.store.delete_session(gone).unwrap();
    let period = t.store.history_period(day, day, LONDON, day).unwrap();
    assert_eq!((period.focus_seconds, period.sessions, period.commitments_kept.total), (1500, 1, 0));
    assert_eq!(period.kind_totals.iter().map(|k| k.seconds).sum::<u64>(), 1800);
    assert_eq!(t.store.delete_session(gone).unwrap_err().code(), "not_found");
    t.store.delete_session(keep).unwrap();
    assert_eq!(rows(&t.path, "time_by_hour"), 0, "no empty rows are left behind");
}

#[test]
fn time_slept_through_never_counts_as_focus() {
    let mut t = temp_store();
    let f = focus_then_break(&mut t.store, 1500, 300);
    let start = utc(2025, 8, 1, 9, 0);
    let id = t.store.start_session(&f, start, &[]).unwrap().id;
    t.store.record_phases(id, at(start, 9000), Some(Away::slept(at(start, 600), at(start, 9000)))).unwrap();
    let day = date(2025, 8, 1);
    let period = t.store.history_period(day, day, LONDON, day).unwrap();
    assert_eq!((period.focus_seconds, period.kind_totals.len()), (0, 0));
}

#[test]
fn zones_and_dates_from_the_ui_are_checked() {
    assert_eq!(parse_zone("Europe/Berlin").unwrap(), BERLIN);
    assert_eq!(parse_zone("Mars/Olympus").unwrap_err().field(), Some("zone"));
    assert_eq!(stint_core::store::parse_day("2025-02-30", "from").unwrap_err().field(), Some("from"));
    let mut t = temp_store();
    let err = t.store.history_period(date(2025, 1, 2), date(2025, 1, 1), LONDON, date(2025, 1, 2)).unwrap_err();
    assert_eq!(err.field(), Some("to"));
    let err = t.store.history_period(date(1990, 1, 1), date(2025, 1, 1), LONDON, date(2025, 1, 1)).unwrap_err();
    assert_eq!(err.field(), Some("from"));
}

#[test]
fn migrating_to_version_5_fills_the_rollup_from_the_phases_already_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stint.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 4).unwrap();
        conn.execute(
            "INSERT INTO format_snapshots (id, draft) VALUES (1, ?1)",
            [serde_json::to_string(&sprint_draft("Old")).unwrap()],
        )
        .unwrap();
        let start = utc(2024, 12, 31, 23, 0).timestamp_nanos_opt().unwrap();
        let s = |secs: i64| start + secs * 1_000_000_000;
        conn.execute(
            "INSERT INTO sessions (id, format_id, format_name, snapshot_id, started_at, ended_at, status, focus_seconds)
             VALUES (1, 'old', 'Old', 1, ?1, ?2, 'finished', 1500)",
            [s(0), s(3000)],
        )
        .unwrap();
        for (idx, kind, from, to, outcome) in [
            (0, "focus", 0, 1500, "completed"),
            (1, "break", 1500, 1800, "completed"),
            (2, "focus", 1800, 3000, "slept"),
        ] {
            conn.execute(
                "INSERT INTO phases (session_id, idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome)
                 VALUES (1, ?1, 'P', ?2, ?3, ?4, ?5, ?3, ?6)",
                rusqlite::params![idx, kind, to - from, s(from), s(to), outcome],
            )
            .unwrap();
        }
    }
    let (mut store, _) = Store::open(&path, chrono::Utc::now()).unwrap();
    // 23:00–23:25 UTC on New Year's Eve is 00:00–00:25 in Berlin.
    let days = store.focus_per_day(date(2024, 12, 31), date(2025, 1, 1), BERLIN).unwrap();
    assert_eq!(days.iter().map(|d| d.focus_seconds).collect::<Vec<_>>(), [0, 1500]);
    let london = store.focus_per_day(date(2024, 12, 31), date(2025, 1, 1), LONDON).unwrap();
    assert_eq!(london.iter().map(|d| d.focus_seconds).collect::<Vec<_>>(), [1500, 0]);
}
