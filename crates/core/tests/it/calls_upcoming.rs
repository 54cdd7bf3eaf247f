//! Merging calls, the "skip on another call's day" rule, and the next reminder.

use crate::calls_support::{call, local, utc};
use chrono::{Datelike, Duration, Weekday as ChronoWeekday};
use chrono_tz::{America::New_York, Europe::London};
use stint_core::calls::{next_reminder, upcoming, Call, Recurrence, Weekday};

const WEEKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

fn cafe_and_daily() -> Vec<Call> {
    let cafe =
        call("cafe", London, local(2025, 1, 1, 15, 0), Recurrence::monthly(&[(1, Weekday::Wed), (3, Weekday::Wed)]));
    let mut daily = call("daily", London, local(2025, 1, 2, 11, 0), Recurrence::weekly(&WEEKDAYS));
    daily.skip_on_days_of = vec!["cafe".into()];
    vec![cafe, daily]
}

#[test]
fn the_daily_hour_is_skipped_on_cafe_days_only() {
    let calls = cafe_and_daily();
    let occ = upcoming(&calls, utc(2025, 3, 1, 0, 0), 31);
    let on = |date: &str| {
        occ.iter().filter(|o| o.local_start.date().to_string() == date).map(|o| o.call_id.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(on("2025-03-05"), ["cafe"], "1st Wednesday: Cafe, no daily");
    assert_eq!(on("2025-03-19"), ["cafe"], "3rd Wednesday");
    assert_eq!(on("2025-03-12"), ["daily"], "2nd Wednesday: daily as usual");
    assert_eq!(on("2025-03-26"), ["daily"]);
    assert_eq!(on("2025-03-06"), ["daily"]);
    assert!(on("2025-03-08").is_empty(), "Saturday");
    let dailies = occ.iter().filter(|o| o.call_id == "daily").count();
    assert_eq!(dailies, 21 - 2, "21 weekdays in March 2025, minus two Cafe days");
    assert!(occ.windows(2).all(|w| w[0].starts_at <= w[1].starts_at), "sorted");
}

#[test]
fn the_skip_is_decided_by_the_local_date_in_the_skipping_calls_zone() {
    // A New York call at 21:00 on Tuesday is Wednesday 02:00 in London.
    let ny = call("ny", New_York, local(2025, 3, 4, 21, 0), Recurrence::once());
    let mut daily = call("daily", London, local(2025, 3, 3, 11, 0), Recurrence::weekly(&WEEKDAYS));
    daily.skip_on_days_of = vec!["ny".into()];
    let occ = upcoming(&[ny, daily], utc(2025, 3, 3, 0, 0), 5);
    let daily_dates: Vec<_> = occ.iter().filter(|o| o.call_id == "daily").map(|o| o.local_start.weekday()).collect();
    assert_eq!(daily_dates, [ChronoWeekday::Mon, ChronoWeekday::Tue, ChronoWeekday::Thu, ChronoWeekday::Fri]);
}

#[test]
fn an_unknown_skip_id_skips_nothing() {
    let mut daily = call("daily", London, local(2025, 3, 3, 11, 0), Recurrence::weekly(&WEEKDAYS));
    daily.skip_on_days_of = vec!["gone".into()];
    assert_eq!(upcoming(&[daily], utc(2025, 3, 3, 0, 0), 7).len(), 5);
}

#[test]
fn the_next_reminder_is_the_earliest_one_after_now_and_skips_skipped_days() {
    let mut calls = cafe_and_daily();
    calls[0].reminder_minutes = Some(15);
    calls[1].reminder_minutes = Some(5);
    // Tuesday 2025-03-04 12:00 UTC: next is Wednesday the 5th. The daily is skipped (Cafe day), so
    // the next reminder is the Cafe's: 15:00 GMT − 15 min.
    let (at, occ) = next_reminder(&calls, utc(2025, 3, 4, 12, 0)).unwrap();
    assert_eq!(occ.call_id, "cafe");
    assert_eq!(at, utc(2025, 3, 5, 14, 45));
    // Right at that reminder, the next one is Thursday's daily.
    let (at, occ) = next_reminder(&calls, at).unwrap();
    assert_eq!((occ.call_id.as_str(), at), ("daily", utc(2025, 3, 6, 10, 55)));
}

#[test]
fn no_reminders_means_none_and_a_far_monthly_call_is_found() {
    let calls = cafe_and_daily();
    assert!(next_reminder(&calls, utc(2025, 3, 4, 12, 0)).is_none());
    let mut r = Recurrence::monthly(&[(1, Weekday::Mon)]);
    r.interval = 6;
    let mut rare = call("rare", London, local(2025, 1, 6, 9, 0), r);
    rare.reminder_minutes = Some(60);
    let (at, _) = next_reminder(&[rare], utc(2025, 1, 7, 0, 0)).unwrap();
    assert_eq!(at, utc(2025, 7, 7, 7, 0), "09:00 BST − 1 h");
}

#[test]
fn a_week_long_reminder_just_past_the_first_horizon_is_not_missed() {
    // A weekly call with a 10-minute reminder, and a one-off call 35 days + 1 hour ahead with a
    // one-week reminder: that reminder (day 28) comes before nothing else; the weekly one wins.
    let now = utc(2025, 1, 1, 0, 0);
    let mut far = call("far", London, local(2025, 2, 5, 1, 0), Recurrence::once());
    far.reminder_minutes = Some(7 * 24 * 60);
    let mut monthly = call("monthly", London, local(2025, 2, 4, 23, 0), Recurrence::once());
    monthly.reminder_minutes = Some(10);
    let (at, occ) = next_reminder(&[far, monthly], now).unwrap();
    assert_eq!(occ.call_id, "far");
    assert_eq!(at, utc(2025, 2, 5, 1, 0) - Duration::weeks(1));
}
