//! The classes where Stint's recurrence used to disagree with RFC 5545: zones whose clocks change at
//! midnight, Apia's skipped day, 5th and -5th weekdays, a first start off its own pattern, and the
//! work a query may do.

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use chrono_tz::{America::Havana, America::Santiago, Europe::London, Pacific::Apia};
use stint_core::calls::{
    next_reminder, occurrences, pattern_start, upcoming, validate_call, Frequency, Recurrence, Weekday, MAX_SKIP_CALLS,
};
use stint_core::ics::{export_ics, import_ics, IcsImportOptions};

use crate::calls_support::{call, local, utc};
use crate::common::within_work_bound;

fn starts(
    c: &stint_core::calls::Call,
    from: chrono::DateTime<chrono::Utc>,
    days: i64,
) -> Vec<chrono::DateTime<chrono::Utc>> {
    occurrences(c, from, from + Duration::days(days)).iter().map(|o| o.starts_at).collect()
}

#[test]
fn havana_keeps_every_occurrence_when_its_clocks_change_at_midnight() {
    // 2025-03-09 00:00 CST → 01:00 CDT; 2025-11-02 01:00 CDT → 00:00 CST.
    let c = call("havana", Havana, local(2025, 3, 7, 0, 30), Recurrence::every(Frequency::Daily));
    assert_eq!(
        starts(&c, utc(2025, 3, 7, 0, 0), 4),
        [utc(2025, 3, 7, 5, 30), utc(2025, 3, 8, 5, 30), utc(2025, 3, 9, 5, 30), utc(2025, 3, 10, 4, 30)],
        "00:30 on the 9th does not exist: read with the offset before the gap, it is 01:30 CDT"
    );
    let autumn = occurrences(&c, utc(2025, 11, 1, 0, 0), utc(2025, 11, 4, 0, 0));
    let got: Vec<_> = autumn.iter().map(|o| o.starts_at).collect();
    assert_eq!(
        got,
        [utc(2025, 11, 1, 4, 30), utc(2025, 11, 2, 4, 30), utc(2025, 11, 3, 5, 30)],
        "00:30 on the 2nd happens twice: the first one (CDT)"
    );
    assert!(autumn.iter().all(|o| o.local_start.time() == local(2025, 1, 1, 0, 30).time()));
}

#[test]
fn santiago_keeps_the_evening_call_that_happens_twice_and_moves_the_one_that_never_happens() {
    // 2025-04-06 00:00 -03 → 2025-04-05 23:00 -04: 23:30 on the 5th happens twice.
    let evening = call("evening", Santiago, local(2025, 4, 3, 23, 30), Recurrence::every(Frequency::Daily));
    let got = starts(&evening, utc(2025, 4, 4, 0, 0), 4);
    assert_eq!(got, [utc(2025, 4, 4, 2, 30), utc(2025, 4, 5, 2, 30), utc(2025, 4, 6, 2, 30), utc(2025, 4, 7, 3, 30)]);
    // 2025-09-07 00:00 -04 → 01:00 -03: 00:30 on the 7th is read as 01:30.
    let night = call("night", Santiago, local(2025, 9, 5, 0, 30), Recurrence::every(Frequency::Daily));
    let got = starts(&night, utc(2025, 9, 5, 0, 0), 4);
    assert_eq!(got, [utc(2025, 9, 5, 4, 30), utc(2025, 9, 6, 4, 30), utc(2025, 9, 7, 4, 30), utc(2025, 9, 8, 3, 30)]);
}

#[test]
fn apias_skipped_day_keeps_its_friday_call() {
    // Samoa skipped Friday 2011-12-30: 2011-12-29 24:00 (UTC-10) was 2011-12-31 00:00 (UTC+14).
    let fridays = call("friday", Apia, local(2011, 12, 2, 10, 0), Recurrence::weekly(&[Weekday::Fri]));
    let got = occurrences(&fridays, utc(2011, 12, 20, 0, 0), utc(2012, 1, 10, 0, 0));
    let instants: Vec<_> = got.iter().map(|o| o.starts_at).collect();
    assert_eq!(instants, [utc(2011, 12, 23, 20, 0), utc(2011, 12, 30, 20, 0), utc(2012, 1, 5, 20, 0)]);
    assert_eq!(got[1].local_start, local(2011, 12, 31, 10, 0), "moved forward by the skipped day");
    let daily = call("daily", Apia, local(2011, 12, 27, 10, 0), Recurrence::every(Frequency::Daily));
    let got = starts(&daily, utc(2011, 12, 28, 0, 0), 4);
    assert_eq!(
        got,
        [utc(2011, 12, 28, 20, 0), utc(2011, 12, 29, 20, 0), utc(2011, 12, 30, 20, 0), utc(2011, 12, 31, 20, 0)],
        "the 30th's call and the 31st's are one instant, so one occurrence"
    );
}

#[test]
fn fifth_weekdays_happen_in_the_months_that_have_them() {
    let c = call("fifth", London, local(2025, 1, 29, 18, 0), Recurrence::monthly(&[(5, Weekday::Wed)]));
    validate_call(&c).unwrap();
    let dates: Vec<String> = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-29", "2025-04-30", "2025-07-30", "2025-10-29", "2025-12-31"]);
    let c = call("last5", London, local(2025, 1, 1, 18, 0), Recurrence::monthly(&[(-5, Weekday::Fri)]));
    let dates: Vec<String> = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 7, 1, 0, 0))
        .iter()
        .map(|o| o.local_start.date().to_string())
        .collect();
    assert_eq!(dates, ["2025-01-03", "2025-05-02"]);
}

#[test]
fn a_rule_that_yields_nothing_is_refused_naming_its_field() {
    // No month from February to March 2025 has a 5th Wednesday.
    let mut c = call("never", London, local(2025, 2, 1, 18, 0), Recurrence::monthly(&[(5, Weekday::Wed)]));
    c.recurrence.until = Some(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
    let e = validate_call(&c).unwrap_err();
    assert_eq!(e.field(), Some("recurrence.until"), "{e}");
    assert!(e.to_string().contains("Apr 30, 2025"), "it names the first date there is: {e}");
    assert!(e.say(stint_core::i18n::Lang::De).contains("30.04.2025"), "in the language's own form: {e}");
    let mut c = call("gone", London, local(2025, 2, 3, 18, 0), Recurrence::weekly(&[Weekday::Mon]));
    c.recurrence.count = Some(2);
    c.recurrence.exceptions = vec![local(2025, 2, 3, 0, 0).date(), local(2025, 2, 10, 0, 0).date()];
    assert_eq!(validate_call(&c).unwrap_err().field(), Some("recurrence.exceptions"));
    c.recurrence.exceptions.pop();
    validate_call(&c).unwrap();
}

#[test]
fn a_first_start_off_its_pattern_is_exported_so_that_every_calendar_agrees() {
    // Weekly on Mondays, first dated on a Thursday: Stint's first occurrence is the Monday after.
    let c = call("mondays", London, local(2025, 1, 2, 10, 0), Recurrence::weekly(&[Weekday::Mon]));
    let got = occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2025, 1, 14, 0, 0));
    assert_eq!(
        got.iter().map(|o| o.local_start).collect::<Vec<_>>(),
        [local(2025, 1, 6, 10, 0), local(2025, 1, 13, 10, 0)]
    );
    assert_eq!(pattern_start(&c), local(2025, 1, 6, 10, 0));
    let text = export_ics(std::slice::from_ref(&c), utc(2025, 1, 1, 0, 0));
    assert!(text.contains("DTSTART;TZID=Europe/London:20250106T100000"), "{text}");
    let options = IcsImportOptions { default_zone: London, default_format_id: "pomodoro".into() };
    let back = import_ics(&text, &options).unwrap().calls.remove(0);
    let again = occurrences(&back, utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0));
    assert_eq!(again, occurrences(&c, utc(2025, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0)));
}

#[test]
fn skip_lists_are_capped_and_the_cap_is_named() {
    let mut c = call("many", London, local(2025, 1, 6, 10, 0), Recurrence::every(Frequency::Daily));
    c.skip_on_days_of = (0..=MAX_SKIP_CALLS).map(|i| format!("other-{i}")).collect();
    let e = validate_call(&c).unwrap_err();
    assert_eq!(e.field(), Some("skip_on_days_of"));
    assert!(e.to_string().contains(&MAX_SKIP_CALLS.to_string()), "{e}");
}

#[test]
fn calls_dated_1970_that_skip_each_others_days_are_answered_near_the_window() {
    let mut calls = Vec::new();
    for i in 0..40 {
        let recurrence = if i % 2 == 0 {
            Recurrence::every(Frequency::Daily)
        } else {
            Recurrence::weekly(&[Weekday::Mon, Weekday::Thu])
        };
        let mut c = call(&format!("c{i}"), London, local(1970, 1, 1 + i % 20, 9 + i % 8, 0), recurrence);
        c.recurrence.exceptions =
            (0..100).map(|k| NaiveDate::from_ymd_opt(1980 + k % 40, 1 + k as u32 % 12, 1).unwrap()).collect();
        c.skip_on_days_of = (0..i).rev().take(20).map(|j| format!("c{j}")).collect();
        c.reminder_minutes = Some(15);
        validate_call(&c).unwrap();
        calls.push(c);
    }
    let now = utc(2026, 3, 4, 12, 0);
    let listed = within_work_bound("upcoming", || upcoming(&calls, now, 14));
    assert!(!listed.is_empty());
    let next = within_work_bound("next reminder", || next_reminder(&calls, now)).expect("a reminder ahead");
    assert!(next.0 > now && next.0 < now + Duration::days(2));
    assert!(listed
        .iter()
        .all(|o| o.local_start.year() == 2026 && o.local_start.minute() == 0 && o.local_start.hour() >= 9));
}

mod agreement {
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;
    use stint_core::calls::{occurrences, validate_call, Frequency, NthWeekday, Recurrence, Weekday};

    use crate::calls_support::call;

    const DAYS: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever validation accepts happens at least once: validation and expansion agree.
        #[test]
        fn a_call_that_validates_has_an_occurrence(
            day in 0..20_000i64,
            frequency in 0..4u8,
            interval in 1..100u16,
            nths in proptest::collection::vec((-5..6i8, 0..7usize), 0..3),
            weekdays in proptest::collection::vec(0..7usize, 0..3),
            count in proptest::option::of(1..30u32),
            until_days in proptest::option::of(0..400i64),
            exceptions in proptest::collection::vec(0..400i64, 0..6),
        ) {
            let first = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(day);
            let mut r = Recurrence::every([Frequency::Once, Frequency::Daily, Frequency::Weekly, Frequency::Monthly][frequency as usize]);
            if r.frequency != Frequency::Once {
                r.interval = interval;
                r.count = count;
                r.until = until_days.filter(|_| count.is_none()).map(|d| first + Duration::days(d));
            }
            if r.frequency == Frequency::Weekly {
                r.weekdays = weekdays.iter().map(|d| DAYS[*d]).collect();
            }
            if r.frequency == Frequency::Monthly {
                r.monthly_weekdays = nths.iter().map(|(n, d)| NthWeekday { nth: *n, weekday: DAYS[*d] }).collect();
            }
            r.exceptions = exceptions.iter().map(|d| first + Duration::days(*d)).collect();
            let c = call("p", chrono_tz::America::Havana, first.and_hms_opt(0, 30, 0).unwrap(), r);
            if validate_call(&c).is_ok() {
                let from = first.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::days(2);
                prop_assert!(!occurrences(&c, from, from + Duration::days(36_000)).is_empty(), "{:?}", c.recurrence);
            }
        }
    }
}
