//! Recurrence expansion in the call's own zone, across DST changes.

use crate::calls_support::{call, local, utc};
use chrono::{Datelike, Timelike, Weekday as ChronoWeekday};
use chrono_tz::{America::New_York, Australia::Sydney, Europe::London};
use stint_core::calls::{occurrences, Frequency, Recurrence, Weekday};

#[test]
fn weekly_london_call_stays_at_eleven_local_across_both_dst_changes() {
    // BST starts 2025-03-30 and ends 2025-10-26.
    let c = call("daily", London, local(2025, 3, 3, 11, 0), Recurrence::weekly(&[Weekday::Mon]));
    let occ = occurrences(&c, utc(2025, 3, 1, 0, 0), utc(2025, 11, 30, 0, 0));
    assert!(occ.len() > 30);
    for o in &occ {
        assert_eq!((o.local_start.hour(), o.local_start.minute()), (11, 0), "{o:?}");
        assert_eq!(o.local_start.weekday(), ChronoWeekday::Mon);
    }
    let march_24 = occ.iter().find(|o| o.local_start.date() == local(2025, 3, 24, 0, 0).date()).unwrap();
    let march_31 = occ.iter().find(|o| o.local_start.date() == local(2025, 3, 31, 0, 0).date()).unwrap();
    assert_eq!(march_24.starts_at, utc(2025, 3, 24, 11, 0), "GMT: 11:00 local is 11:00 UTC");
    assert_eq!(march_31.starts_at, utc(2025, 3, 31, 10, 0), "BST: 11:00 local is 10:00 UTC");
    let oct_27 = occ.iter().find(|o| o.local_start.date() == local(2025, 10, 27, 0, 0).date()).unwrap();
    assert_eq!(oct_27.starts_at, utc(2025, 10, 27, 11, 0));
    assert_eq!(march_31.ends_at - march_31.starts_at, chrono::Duration::minutes(60));
}

#[test]
fn new_york_daily_call_keeps_local_time_across_march_and_november_changes() {
    // EDT 2025-03-09 .. 2025-11-02.
    let c = call("ny", New_York, local(2025, 3, 7, 9, 30), Recurrence::every(Frequency::Daily));
    let occ = occurrences(&c, utc(2025, 3, 7, 0, 0), utc(2025, 3, 12, 0, 0));
    let starts: Vec<_> = occ.iter().map(|o| o.starts_at).collect();
    assert_eq!(
        starts,
        vec![
            utc(2025, 3, 7, 14, 30),
            utc(2025, 3, 8, 14, 30),
            utc(2025, 3, 9, 13, 30),
            utc(2025, 3, 10, 13, 30),
            utc(2025, 3, 11, 13, 30),
        ]
    );
    let autumn = occurrences(&c, utc(2025, 11, 1, 0, 0), utc(2025, 11, 4, 0, 0));
    let starts: Vec<_> = autumn.iter().map(|o| o.starts_at).collect();
    assert_eq!(starts, vec![utc(2025, 11, 1, 13, 30), utc(2025, 11, 2, 14, 30), utc(2025, 11, 3, 14, 30)]);
    assert!(autumn.iter().all(|o| o.local_start.time() == local(2025, 1, 1, 9, 30).time()));
}

#[test]
fn sydney_weekly_call_follows_southern_hemisphere_dst() {
    // AEDT ends 2025-04-06 (UTC+11 → +10) and starts 2025-10-05 (+10 → +11).
    let c = call("syd", Sydney, local(2025, 3, 31, 19, 0), Recurrence::weekly(&[Weekday::Mon]));
    let occ = occurrences(&c, utc(2025, 3, 30, 0, 0), utc(2025, 10, 14, 0, 0));
    assert_eq!(occ[0].starts_at, utc(2025, 3, 31, 8, 0));
    assert_eq!(occ[1].starts_at, utc(2025, 4, 7, 9, 0));
    let last_two: Vec<_> = occ.iter().rev().take(2).map(|o| o.starts_at).collect();
    assert_eq!(last_two, vec![utc(2025, 10, 13, 8, 0), utc(2025, 10, 6, 8, 0)]);
    let before = occ.iter().find(|o| o.local_start.date() == local(2025, 9, 29, 0, 0).date()).unwrap();
    assert_eq!(before.starts_at, utc(2025, 9, 29, 9, 0));
    assert!(occ.iter().all(|o| o.local_start.hour() == 19));
}

#[test]
fn a_call_in_the_spring_forward_gap_moves_forward_by_the_gap() {
    // 01:30 does not exist in London on 2025-03-30.
    let c = call("gap", London, local(2025, 3, 29, 1, 30), Recurrence::every(Frequency::Daily));
    let occ = occurrences(&c, utc(2025, 3, 29, 0, 0), utc(2025, 4, 1, 0, 0));
    assert_eq!(occ[1].starts_at, utc(2025, 3, 30, 1, 30), "02:30 BST");
    assert_eq!(occ[2].local_start, local(2025, 3, 31, 1, 30));
}

#[test]
fn monthly_first_and_third_wednesday() {
    let c =
        call("cafe", London, local(2025, 1, 1, 15, 0), Recurrence::monthly(&[(1, Weekday::Wed), (3, Weekday::Wed)]));
    let occ = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 5, 1, 0, 0));
    let dates: Vec<_> = occ.iter().map(|o| o.local_start.date().to_string()).collect();
    assert_eq!(
        dates,
        [
            "2025-01-01",
            "2025-01-15",
            "2025-02-05",
            "2025-02-19",
            "2025-03-05",
            "2025-03-19",
            "2025-04-02",
            "2025-04-16"
        ]
    );
    assert!(occ.iter().all(|o| o.local_start.hour() == 15));
    assert_eq!(occ[6].starts_at, utc(2025, 4, 2, 14, 0), "15:00 BST");
}

#[test]
fn last_friday_of_the_month() {
    let c = call("last", New_York, local(2025, 1, 31, 12, 0), Recurrence::monthly(&[(-1, Weekday::Fri)]));
    let dates: Vec<_> = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 4, 1, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-31", "2025-02-28", "2025-03-28"]);
}

#[test]
fn every_two_weeks_with_count_and_until() {
    let mut r = Recurrence::weekly(&[Weekday::Tue]);
    r.interval = 2;
    r.count = Some(3);
    let c = call("fortnight", London, local(2025, 1, 7, 10, 0), r.clone());
    let dates: Vec<_> = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-07", "2025-01-21", "2025-02-04"]);

    r.count = None;
    r.until = Some(local(2025, 2, 18, 0, 0).date());
    let c = call("fortnight", London, local(2025, 1, 7, 10, 0), r);
    let dates: Vec<_> = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-07", "2025-01-21", "2025-02-04", "2025-02-18"], "until is inclusive");
}

#[test]
fn exception_dates_are_left_out() {
    let mut r = Recurrence::every(Frequency::Daily);
    r.exceptions = vec![local(2025, 1, 2, 0, 0).date()];
    let c = call("d", Sydney, local(2025, 1, 1, 8, 0), r);
    let dates: Vec<_> = occurrences(&c, utc(2024, 12, 31, 0, 0), utc(2025, 1, 3, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-01", "2025-01-03"], "Sydney local dates");
}

#[test]
fn a_one_off_call_happens_once_and_an_occurrence_in_progress_is_included() {
    let c = call("once", London, local(2025, 6, 1, 10, 0), Recurrence::once());
    assert_eq!(occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2030, 1, 1, 0, 0)).len(), 1);
    // 10:00 BST = 09:00 UTC; at 09:30 UTC it is in progress.
    assert_eq!(occurrences(&c, utc(2025, 6, 1, 9, 30), utc(2025, 6, 1, 9, 31)).len(), 1);
    assert!(occurrences(&c, utc(2025, 6, 1, 10, 0), utc(2025, 6, 2, 0, 0)).is_empty(), "ended");
}

#[test]
fn an_empty_weekday_list_repeats_on_the_first_start_weekday() {
    let c = call("w", London, local(2025, 1, 2, 10, 0), Recurrence::every(Frequency::Weekly));
    let occ = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 1, 31, 0, 0));
    assert_eq!(occ.len(), 5);
    assert!(occ.iter().all(|o| o.local_start.weekday() == ChronoWeekday::Thu));
}

#[test]
fn a_long_running_daily_call_expands_only_the_window() {
    let c = call("old", London, local(1990, 1, 1, 10, 0), Recurrence::every(Frequency::Daily));
    let occ = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 1, 8, 0, 0));
    assert_eq!(occ.len(), 7);
}
