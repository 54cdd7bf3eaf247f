//! Accountability series: three calls from a pattern, and the carry-over of unfinished commitments.

use crate::calls_support::{local, utc};
use chrono::{Datelike, NaiveTime, Weekday as ChronoWeekday};
use stint_core::calls::series::{
    carry_over, create_series, series_dates, SeriesDraft, SeriesPattern, ACCOUNTABILITY_FORMAT_IDS,
};
use stint_core::calls::{Frequency, Weekday};
use stint_core::commitment::{Commitment, CommitmentStatus};

fn draft(pattern: SeriesPattern) -> SeriesDraft {
    SeriesDraft {
        title: "Writing group".into(),
        community_id: None,
        pattern,
        time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        time_zone: chrono_tz::Europe::Berlin,
        duration_minutes: 30,
        join_link: Some("https://meet.example.org/writing".into()),
        notes_link: None,
        reminder_minutes: Some(10),
    }
}

#[test]
fn mon_wed_fri_of_a_week_at_six_pm_uses_the_three_accountability_formats() {
    // Any day of the week picks that week; days may come in any order.
    let pattern = SeriesPattern::DaysOfWeek {
        week_of: local(2025, 3, 6, 0, 0).date(),
        days: vec![Weekday::Fri, Weekday::Mon, Weekday::Wed],
    };
    let series = create_series("s1", &draft(pattern), None).unwrap();
    let starts: Vec<_> = series.calls.iter().map(|c| c.first_start).collect();
    assert_eq!(starts, [local(2025, 3, 3, 18, 0), local(2025, 3, 5, 18, 0), local(2025, 3, 7, 18, 0)]);
    let formats: Vec<_> = series.calls.iter().map(|c| c.format_id.as_str()).collect();
    assert_eq!(formats, ACCOUNTABILITY_FORMAT_IDS);
    assert_eq!(formats, ["accountability-1", "accountability-2", "accountability-3"]);
    let ids: Vec<_> = series.calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["s1-1", "s1-2", "s1-3"]);
    assert!(series.calls.iter().all(|c| c.recurrence.frequency == Frequency::Once && c.reminder_minutes == Some(10)));
    assert_eq!(series.calls[2].title, "Writing group (3/3)");
    assert_eq!(series.previous_series_id, None);
}

#[test]
fn the_next_three_wednesdays() {
    let from = local(2025, 3, 6, 0, 0).date(); // a Thursday
    let dates = series_dates(&SeriesPattern::Weekly { weekday: Weekday::Wed, from }).unwrap();
    assert_eq!(dates.map(|d| d.to_string()), ["2025-03-12", "2025-03-19", "2025-03-26"]);
    let on_a_wednesday =
        series_dates(&SeriesPattern::Weekly { weekday: Weekday::Wed, from: local(2025, 3, 12, 0, 0).date() }).unwrap();
    assert_eq!(on_a_wednesday[0].to_string(), "2025-03-12", "on or after");
    assert!(dates.iter().all(|d| d.weekday() == ChronoWeekday::Wed));
}

#[test]
fn a_pattern_needs_three_different_days_and_the_calls_must_be_valid() {
    let two = SeriesPattern::DaysOfWeek {
        week_of: local(2025, 3, 3, 0, 0).date(),
        days: vec![Weekday::Mon, Weekday::Mon, Weekday::Fri],
    };
    assert_eq!(create_series("s", &draft(two), None).unwrap_err().field(), Some("pattern.days"));
    let week = SeriesPattern::Weekly { weekday: Weekday::Mon, from: local(2025, 3, 3, 0, 0).date() };
    let mut bad = draft(week.clone());
    bad.join_link = Some("file:///etc/passwd".into());
    assert_eq!(create_series("s", &bad, None).unwrap_err().field(), Some("join_link"));
    let mut bad = draft(week.clone());
    bad.title = " ".into();
    assert_eq!(create_series("s", &bad, None).unwrap_err().field(), Some("title"));
    let next = create_series("s2", &draft(week), Some("s1")).unwrap();
    assert_eq!(next.previous_series_id.as_deref(), Some("s1"));
}

#[test]
fn open_partial_and_not_done_commitments_carry_over_linked_to_their_original() {
    let c = |id: i64, text: &str, status, carried_from: Option<i64>| Commitment {
        id,
        session_id: None,
        text: text.into(),
        status,
        note: None,
        carried_from,
        created_at: utc(2025, 3, 3, 18, 0),
        resolved_at: None,
    };
    let previous = vec![
        c(1, "Draft chapter 2", CommitmentStatus::Done, None),
        c(2, "Submit the grant", CommitmentStatus::Partial, None),
        c(3, "Read two papers", CommitmentStatus::NotDone, None),
        c(4, "Reply to reviewers", CommitmentStatus::Open, None),
        c(5, "Clean the data", CommitmentStatus::NotDone, Some(40)),
        c(6, "Learn Haskell", CommitmentStatus::Dropped, None),
    ];
    let carried = carry_over(&previous);
    let summary: Vec<_> = carried.iter().map(|c| (c.text.as_str(), c.carried_from)).collect();
    assert_eq!(
        summary,
        [("Submit the grant", 2), ("Read two papers", 3), ("Reply to reviewers", 4), ("Clean the data", 40)]
    );
    assert!(carry_over(&[]).is_empty());
}
