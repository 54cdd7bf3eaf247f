//! Local days of the user's time zone, as the instants they begin.
//!
//! History is counted in the days of the zone the caller passes in (the shell passes the zone the UI
//! shows times in); nothing here reads the system's zone or the clock. A day is `[its midnight, the
//! next midnight)`, so a day on which the clocks change has 23 or 25 hours.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::super::codec::{instant, nanos};
use crate::i18n::Msg;
use crate::{Error, Result};

/// The longest range of days one query accepts (about twenty years).
pub const MAX_RANGE_DAYS: i64 = 7320;

/// The zone named by an IANA name such as `Europe/Berlin`; an unknown name is an error naming `zone`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.trim()
        .parse()
        .map_err(|_| Error::told("zone", Msg::new("error_history_unknown_zone").text("zone", name.trim())))
}

/// A day written `YYYY-MM-DD`; anything else is an error naming `field`.
pub fn parse_day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::told(
            field,
            Msg::new("error_history_not_a_date").text("text", text.trim().chars().take(40).collect::<String>()),
        )
    })
}

/// The instant (nanoseconds) a local day begins. Where midnight does not exist (a clock change at
/// 00:00), the day begins at the first local time that does.
pub fn day_start(date: NaiveDate, tz: &Tz, field: &str) -> Result<i64> {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..96 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return nanos(t.with_timezone(&Utc), field);
        }
        local += Duration::minutes(15);
    }
    nanos(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)), field)
}

/// The local day an instant falls on.
pub fn local_date(at_nanos: i64, tz: &Tz) -> NaiveDate {
    instant(at_nanos).with_timezone(tz).date_naive()
}

/// Checks an inclusive range of local days: it ends on or after its first day and spans at most
/// `MAX_RANGE_DAYS`. Returns the number of days.
pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<usize> {
    if to < from {
        return Err(Error::told("to", Msg::new("error_history_range_backwards")));
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_RANGE_DAYS {
        return Err(Error::told("from", Msg::new("error_history_range_too_long").count("max", MAX_RANGE_DAYS as u64)));
    }
    Ok(days as usize)
}

/// The instants the days `from..=to` begin, plus the instant the last one ends: `days + 1` bounds.
pub fn day_bounds(from: NaiveDate, to: NaiveDate, tz: &Tz) -> Result<Vec<i64>> {
    let days = check_range(from, to)?;
    let end = to.succ_opt().ok_or_else(|| Error::told("to", Msg::new("error_history_range_too_far")))?;

    let mut bounds: Vec<i64> = from.iter_days().take(days).map(|d| day_start(d, tz, "from")).collect::<Result<_>>()?;
    bounds.push(day_start(end, tz, "to")?);
    Ok(bounds)
}

/// The local day of instants visited in increasing order, computing each day's bounds once.
pub struct DayCursor<'a> {
    tz: &'a Tz,
    day: Option<(NaiveDate, i64, i64)>,
}

impl<'a> DayCursor<'a> {
    pub fn new(tz: &'a Tz) -> Self {
        DayCursor { tz, day: None }
    }

    /// The local day of `at`, with the instants it begins and ends.
    pub fn day_of(&mut self, at: i64) -> (NaiveDate, i64, i64) {
        match self.day {
            Some(day @ (_, start, end)) if start <= at && at < end => day,
            _ => {
                let date = local_date(at, self.tz);
                let start = day_start(date, self.tz, "at").unwrap_or(i64::MIN);
                let end = date.succ_opt().and_then(|next| day_start(next, self.tz, "at").ok()).unwrap_or(i64::MAX);
                // A day start that could not be told (out of the storable range) still contains `at`.
                let day = (date, start.min(at), end.max(at + 1));
                self.day = Some(day);
                day
            }
        }
    }
}

/// Days since the common era, for comparing days cheaply.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}
