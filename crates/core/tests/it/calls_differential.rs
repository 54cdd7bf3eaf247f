//! The recurrence engine against an independent implementation: python-dateutil (with zoneinfo),
//! driven through `calls_support/dateutil_expand.py`, over generated rules in zones whose clocks
//! change at midnight (Havana, Santiago, Asunción, Amman, Beirut), by half an hour (Lord Howe), by a
//! whole day (Apia, 2011), backwards in winter (Dublin) and in the usual way.
//!
//! Both sides read a call the same way: a rule of the call's pattern from its first start (a first
//! start off the pattern is not an occurrence — dateutil's reading, and the one Stint exports, see
//! `calls::pattern_start`), `count` counted before exceptions, exception dates at the call's time
//! of day, added occurrences (RDATE) as extra instants. Zero disagreements are allowed. Two cases
//! RFC 5545 leaves open are decided alike on both sides rather than excluded:
//! - two pattern dates on one instant (Apia's skipped 2011-12-30 read with the offset before the
//!   gap lands on the 31st's instant) are one occurrence (the script compares sets of instants);
//! - an exception date matches the wall time of the rule's own date (dateutil compares wall times
//!   in one zone), so excluding Apia's 30th leaves the 31st.
//!
//! Windows end before 2023, so that differences between chrono-tz's and the system's tz database
//! releases (zones changed since: Asunción, Nuuk, …) cannot show.

use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{json, Value};
use stint_core::calls::{end_of_local_day, occurrences, validate_call, Frequency, NthWeekday, Recurrence, Weekday};

use crate::calls_support::{call, Rng};

const CASES: usize = 400;
const ZONES: &[chrono_tz::Tz] = &[
    chrono_tz::America::Havana,
    chrono_tz::America::Santiago,
    chrono_tz::Pacific::Apia,
    chrono_tz::America::Asuncion,
    chrono_tz::Asia::Amman,
    chrono_tz::Asia::Beirut,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Europe::Dublin,
    chrono_tz::Europe::London,
    chrono_tz::America::New_York,
    chrono_tz::America::St_Johns,
    chrono_tz::Pacific::Chatham,
];
const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn chance(rng: &mut Rng, percent: usize) -> bool {
    rng.below(100) < percent
}

fn date(rng: &mut Rng, from: NaiveDate, days: usize) -> NaiveDate {
    from + Duration::days(rng.below(days) as i64)
}

/// A time of day near the zones' transitions (midnight, 01:00–03:00, the evening before).
fn time(rng: &mut Rng) -> chrono::NaiveTime {
    let (h, m) = [(0, 0), (0, 30), (1, 0), (1, 30), (2, 0), (2, 30), (3, 0), (23, 0), (23, 30), (10, 0), (12, 15)]
        [rng.below(11)];
    chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn recurrence(rng: &mut Rng, first: NaiveDate) -> Recurrence {
    let mut r = match rng.below(10) {
        0 => return Recurrence::once(),
        1..=3 => Recurrence::every(Frequency::Daily),
        4..=6 => {
            let days: Vec<Weekday> = WEEKDAYS.iter().copied().filter(|_| chance(rng, 30)).collect();
            Recurrence::weekly(&days)
        }
        _ => {
            let mut on = Vec::new();
            if chance(rng, 75) {
                for _ in 0..1 + rng.below(2) {
                    let nth = [1i8, 2, 3, 4, 5, -1, -2, -5][rng.below(8)];
                    let weekday = WEEKDAYS[rng.below(7)];
                    if !on.iter().any(|n: &NthWeekday| n.nth == nth && n.weekday == weekday) {
                        on.push(NthWeekday { nth, weekday });
                    }
                }
            }
            Recurrence { monthly_weekdays: on, ..Recurrence::every(Frequency::Monthly) }
        }
    };
    r.interval = match rng.below(10) {
        0..=4 => 1,
        5..=8 => 2 + rng.below(3) as u16,
        _ => 5 + rng.below(20) as u16,
    };
    if r.frequency == Frequency::Weekly && chance(rng, 50) {
        r.week_start = Some(WEEKDAYS[rng.below(7)]);
    }
    match rng.below(3) {
        0 => r.count = Some(1 + rng.below(60) as u32),
        1 => r.until = Some(date(rng, first, 1500)),
        _ => {}
    }
    r
}

fn case(rng: &mut Rng) -> Option<(stint_core::calls::Call, DateTime<Utc>, DateTime<Utc>)> {
    let zone = ZONES[rng.below(ZONES.len())];
    // Apia's skipped day is 2011-12-30: start near it a quarter of the time.
    let first = if zone == chrono_tz::Pacific::Apia && chance(rng, 50) {
        date(rng, NaiveDate::from_ymd_opt(2011, 11, 1).unwrap(), 60)
    } else {
        date(rng, NaiveDate::from_ymd_opt(2008, 1, 1).unwrap(), 8 * 365)
    };
    let mut r = recurrence(rng, first);
    let start_time = time(rng);
    for _ in 0..rng.below(4) {
        r.exceptions.push(date(rng, first, 400));
    }
    for _ in 0..rng.below(3) {
        r.additions.push(date(rng, first, 400).and_time(time(rng)));
    }
    r.exceptions.sort();
    r.exceptions.dedup();
    let mut c = call("diff", zone, first.and_time(start_time), r);
    c.duration_minutes = 1;
    if validate_call(&c).is_err() {
        return None;
    }
    let from = first.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::days(rng.below(1200) as i64 - 10);
    let to = from + Duration::days(1 + rng.below(500) as i64);
    let end = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap().and_time(chrono::NaiveTime::MIN).and_utc();
    Some((c, from, to.min(end)))
}

fn script() -> String {
    format!("{}/tests/it/calls_support/dateutil_expand.py", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_engine_agrees_with_python_dateutil_in_zones_with_unusual_transitions() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut cases = Vec::new();
    while cases.len() < CASES {
        if let Some(c) = case(&mut rng) {
            cases.push(c);
        }
    }
    let input: Vec<Value> = cases
        .iter()
        .map(|(c, from, to)| {
            let r = &c.recurrence;
            let until = r.until.map(|d| end_of_local_day(d, c.time_zone));
            let wall = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
            json!({
                "zone": c.time_zone.name(),
                "dtstart": wall(c.first_start),
                "rrule": r.to_rrule_value(until),
                "rdates": r.additions.iter().map(|a| wall(*a)).collect::<Vec<_>>(),
                "exdates": r.exceptions.iter().map(|d| wall(d.and_time(c.first_start.time()))).collect::<Vec<_>>(),
                "from": from.timestamp(),
                "to": to.timestamp(),
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.json");
    std::fs::write(&path, serde_json::to_string(&input).unwrap()).unwrap();
    let output = Command::new("python3").arg(script()).arg(&path).output().unwrap_or_else(|e| {
        panic!("python3 could not be run ({e}); scripts/install-deps.sh installs python3 and python3-dateutil")
    });
    assert!(
        output.status.success(),
        "the dateutil script failed (scripts/install-deps.sh installs python3-dateutil):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected: Vec<Vec<i64>> = serde_json::from_slice(&output.stdout).unwrap();
    let mut disagreements = Vec::new();
    for (i, ((c, from, to), theirs)) in cases.iter().zip(&expected).enumerate() {
        // Starts strictly after `from`: a 1-minute occurrence overlaps [from + 1 min, to) exactly then.
        let ours: Vec<i64> =
            occurrences(c, *from + Duration::minutes(1), *to).iter().map(|o| o.starts_at.timestamp()).collect();
        if ours != *theirs {
            let only_ours: Vec<_> = ours.iter().filter(|t| !theirs.contains(t)).take(3).collect();
            let only_theirs: Vec<_> = theirs.iter().filter(|t| !ours.contains(t)).take(3).collect();
            disagreements.push(format!(
                "case {i}: {} {} {:?}\n  from {from} to {to}\n  only Stint: {only_ours:?}\n  only dateutil: {only_theirs:?}",
                c.time_zone.name(),
                c.first_start,
                c.recurrence
            ));
        }
    }
    let compared: usize = expected.iter().map(Vec::len).sum();
    assert!(compared > 5_000, "the cases compare enough occurrences ({compared})");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
