//! How a call repeats (the subset of RFC 5545 Stint keeps), and its RRULE text for calendar files.
//! The expansion is Stint's own (`expand`), so that it can start at the window asked for.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::local_time::local_to_utc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Frequency {
    /// A one-off call: only `first_start`.
    Once,
    Daily,
    Weekly,
    /// Monthly on the nth weekday(s) (`monthly_weekdays`), e.g. the 1st and 3rd Wednesday.
    Monthly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<Weekday> for chrono::Weekday {
    fn from(d: Weekday) -> Self {
        match d {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(d: chrono::Weekday) -> Self {
        match d {
            chrono::Weekday::Mon => Weekday::Mon,
            chrono::Weekday::Tue => Weekday::Tue,
            chrono::Weekday::Wed => Weekday::Wed,
            chrono::Weekday::Thu => Weekday::Thu,
            chrono::Weekday::Fri => Weekday::Fri,
            chrono::Weekday::Sat => Weekday::Sat,
            chrono::Weekday::Sun => Weekday::Sun,
        }
    }
}

/// The nth weekday of a month: `nth` 1..=5 counts from the start, -1..=-5 from the end (-1 = last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NthWeekday {
    pub nth: i8,
    pub weekday: Weekday,
}

/// How a call repeats. Every field but `frequency` may be left out of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Recurrence {
    pub frequency: Frequency,
    /// Every N days / weeks / months (1–99).
    #[serde(default = "one")]
    pub interval: u16,
    /// Weekly: the days of the week; empty = the weekday of `first_start`.
    #[serde(default)]
    pub weekdays: Vec<Weekday>,
    /// Monthly: the nth weekdays; empty = the day of the month of `first_start`.
    #[serde(default)]
    pub monthly_weekdays: Vec<NthWeekday>,
    /// The last local date an occurrence may fall on (inclusive).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub until: Option<NaiveDate>,
    /// At most this many occurrences (counted before exceptions and skips, as in RFC 5545).
    #[serde(default)]
    pub count: Option<u32>,
    /// Local dates (in the call's zone) on which the call does not happen.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub exceptions: Vec<NaiveDate>,
    /// Weekly rules with an interval above 1: the day a week starts on (RFC 5545 `WKST`), which
    /// decides which weeks are "every other"; `None` = Monday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub week_start: Option<Weekday>,
    /// Extra occurrences as local wall times in the call's zone (RFC 5545 `RDATE`, and the new time
    /// of an occurrence a calendar moved). Counted apart from `count`; an exception date removes one
    /// only if it is at the call's own time of day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub additions: Vec<NaiveDateTime>,
}

fn one() -> u16 {
    1
}

impl Recurrence {
    /// A one-off call.
    pub fn once() -> Self {
        Recurrence::every(Frequency::Once)
    }

    /// Every day / week / month with nothing else set.
    pub fn every(frequency: Frequency) -> Self {
        Recurrence {
            frequency,
            interval: 1,
            weekdays: Vec::new(),
            monthly_weekdays: Vec::new(),
            until: None,
            count: None,
            exceptions: Vec::new(),
            week_start: None,
            additions: Vec::new(),
        }
    }

    /// Weekly on the given days.
    pub fn weekly(days: &[Weekday]) -> Self {
        Recurrence { weekdays: days.to_vec(), ..Recurrence::every(Frequency::Weekly) }
    }

    /// Monthly on the given nth weekdays, e.g. `[(1, Wed), (3, Wed)]`.
    pub fn monthly(on: &[(i8, Weekday)]) -> Self {
        Recurrence {
            monthly_weekdays: on.iter().map(|&(nth, weekday)| NthWeekday { nth, weekday }).collect(),
            ..Recurrence::every(Frequency::Monthly)
        }
    }

    /// The RFC 5545 RRULE value (without `RRULE:`), or `None` for a one-off call. `until_utc` is the
    /// UTC instant of the end of the `until` date in the call's zone, as RFC 5545 requires.
    pub fn to_rrule_value(&self, until_utc: Option<chrono::DateTime<Utc>>) -> Option<String> {
        let freq = match self.frequency {
            Frequency::Once => return None,
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        };
        let mut parts = vec![format!("FREQ={freq}")];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        let by_day: Vec<String> = match self.frequency {
            Frequency::Weekly => self.weekdays.iter().map(|d| rfc_day(*d).to_string()).collect(),
            Frequency::Monthly => {
                self.monthly_weekdays.iter().map(|n| format!("{}{}", n.nth, rfc_day(n.weekday))).collect()
            }
            _ => Vec::new(),
        };
        if !by_day.is_empty() {
            parts.push(format!("BYDAY={}", by_day.join(",")));
        }
        if let Some(count) = self.count {
            parts.push(format!("COUNT={count}"));
        }
        if let Some(until) = until_utc {
            parts.push(format!("UNTIL={}", until.format("%Y%m%dT%H%M%SZ")));
        }
        if let (Frequency::Weekly, Some(day)) = (self.frequency, self.week_start) {
            parts.push(format!("WKST={}", rfc_day(day)));
        }
        Some(parts.join(";"))
    }
}

/// The two-letter RFC 5545 name of a weekday.
pub(crate) fn rfc_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The UTC instant at which the local date `until` ends in `tz` (the last second of that day, also
/// where the clocks go back at midnight and the last hour of the day happens twice).
pub fn end_of_local_day(until: NaiveDate, tz: chrono_tz::Tz) -> chrono::DateTime<Utc> {
    match until.succ_opt() {
        Some(next) => local_to_utc(next.and_time(chrono::NaiveTime::MIN), tz) - chrono::Duration::seconds(1),
        None => local_to_utc(until.and_hms_opt(23, 59, 59).unwrap_or_default(), tz),
    }
}
