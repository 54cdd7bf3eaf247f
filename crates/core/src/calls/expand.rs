//! The recurrence engine: the nominal local dates of a call's pattern (before exceptions, additions
//! and the time of day), from any date on, without walking from the call's first date.
//!
//! Why Stint expands rules itself: a general expander walks every occurrence from the first start
//! (a daily call dated 1970 is 20,000 steps before today, for every query), and it decided the
//! DST edge cases differently from RFC 5545. Daily, weekly and monthly periods are numbered, so the
//! first period of a window is computed, not reached. Only a `count` needs the occurrences before
//! the window, and it is at most `MAX_COUNT` of them (see `Pattern::last_counted`).

use chrono::{Datelike, Duration, NaiveDate};

use super::recurrence::{Frequency, NthWeekday, Recurrence, Weekday};
use super::validate::MAX_COUNT;

/// No occurrence is after this date: calendar files write four-digit years (RFC 5545).
pub(crate) fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A recurrence read against its first date: what repeats, from where.
pub(crate) struct Pattern<'a> {
    recurrence: &'a Recurrence,
    first: NaiveDate,
}

impl<'a> Pattern<'a> {
    pub(crate) fn new(recurrence: &'a Recurrence, first: NaiveDate) -> Self {
        Pattern { recurrence, first }
    }

    /// The dates of the pattern on or after `from` and on or before `to`, in order, without `until`
    /// or `count` applied.
    pub(crate) fn dates(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let from = from.max(self.first);
        let to = to.min(last_date());
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let n = i64::from(self.recurrence.interval.max(1));
        match self.recurrence.frequency {
            Frequency::Once => {
                if from <= self.first && self.first <= to {
                    out.push(self.first);
                }
            }
            Frequency::Daily => {
                let mut day = round_up((from - self.first).num_days(), n);
                while let Some(date) = self.first.checked_add_signed(Duration::days(day)).filter(|d| *d <= to) {
                    out.push(date);
                    day += n;
                }
            }
            Frequency::Weekly => self.weekly(from, to, n, &mut out),
            Frequency::Monthly => self.monthly(from, to, n, &mut out),
        }
        out
    }

    fn weekly(&self, from: NaiveDate, to: NaiveDate, n: i64, out: &mut Vec<NaiveDate>) {
        let week_start = chrono::Weekday::from(self.recurrence.week_start.unwrap_or(Weekday::Mon));
        let start_of_week = |d: NaiveDate| d - Duration::days(days_since(d.weekday(), week_start));
        let mut offsets: Vec<i64> = if self.recurrence.weekdays.is_empty() {
            vec![days_since(self.first.weekday(), week_start)]
        } else {
            self.recurrence.weekdays.iter().map(|d| days_since((*d).into(), week_start)).collect()
        };
        offsets.sort_unstable();
        offsets.dedup();
        let week0 = start_of_week(self.first);
        let mut week = round_up((start_of_week(from) - week0).num_days() / 7, n);
        loop {
            let Some(monday) = week0.checked_add_signed(Duration::weeks(week)) else { return };
            if monday > to {
                return;
            }
            for off in &offsets {
                let date = monday + Duration::days(*off);
                if date >= from && date <= to {
                    out.push(date);
                }
            }
            week += n;
        }
    }

    fn monthly(&self, from: NaiveDate, to: NaiveDate, n: i64, out: &mut Vec<NaiveDate>) {
        let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let month0 = index(self.first);
        let mut month = month0 + round_up(index(from) - month0, n);
        let last = index(to);
        while month <= last {
            let (Ok(year), Ok(month_of_year)) = (i32::try_from(month.div_euclid(12)), u32::try_from(month % 12 + 1))
            else {
                return;
            };
            let mut dates = month_dates(year, month_of_year, &self.recurrence.monthly_weekdays, self.first.day());
            dates.retain(|d| *d >= from && *d <= to);
            out.extend(dates);
            month += n;
        }
    }

    /// The date of the `count`th occurrence, or `None` when the pattern ends before it (on
    /// `until` or at the last date). Walks from the first date: `count` is at most 10,000.
    pub(crate) fn last_counted(&self, count: u32) -> Option<NaiveDate> {
        // Validation keeps `count` at most MAX_COUNT; an unchecked call does no more work than that.
        let count = usize::try_from(count.min(MAX_COUNT + 1)).ok()?.max(1);
        let end = self.until();
        let mut from = self.first;
        let mut seen = 0;
        // Chunks of about a year of periods keep the walk short for every frequency.
        let span = Duration::days(366 * i64::from(self.recurrence.interval.max(1)));
        while from <= end {
            let to = from.checked_add_signed(span).unwrap_or(end).min(end);
            let dates = self.dates(from, to);
            if seen + dates.len() >= count {
                return dates.get(count - seen - 1).copied();
            }
            seen += dates.len();
            from = to.succ_opt()?;
        }
        None
    }

    /// Up to `n` dates of the pattern from its first date to `end`, some years of periods at a time.
    pub(crate) fn first_dates(&self, end: NaiveDate, n: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut from = self.first;
        let span = Duration::days(400 * i64::from(self.recurrence.interval.max(1)));
        while from <= end && out.len() < n {
            let to = from.checked_add_signed(span).unwrap_or(end).min(end);
            out.extend(self.dates(from, to).into_iter().take(n - out.len()));
            let Some(next) = to.succ_opt() else { break };
            from = next;
        }
        out
    }

    /// The last date an occurrence may fall on: `until`, the `count`th occurrence, or the last date.
    pub(crate) fn end(&self) -> NaiveDate {
        match self.recurrence.count {
            Some(count) => self.last_counted(count).unwrap_or_else(|| self.until()),
            None => self.until(),
        }
    }

    fn until(&self) -> NaiveDate {
        self.recurrence.until.unwrap_or_else(last_date).min(last_date())
    }
}

/// Days from `start` forward to `day` (0–6).
fn days_since(day: chrono::Weekday, start: chrono::Weekday) -> i64 {
    i64::from((day.num_days_from_monday() + 7 - start.num_days_from_monday()) % 7)
}

/// The smallest multiple of `n` that is at least `value` (and at least 0).
fn round_up(value: i64, n: i64) -> i64 {
    if value <= 0 {
        0
    } else {
        (value + n - 1) / n * n
    }
}

/// The dates of one month: each nth weekday that the month has (a 5th only in months with five),
/// or, with no nth weekdays, the day of the month `day` if the month has it.
fn month_dates(year: i32, month: u32, nth: &[NthWeekday], day: u32) -> Vec<NaiveDate> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { return Vec::new() };
    if nth.is_empty() {
        return NaiveDate::from_ymd_opt(year, month, day).into_iter().collect();
    }
    let days_in_month = {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        next.map_or(31, |n| (n - first).num_days())
    };
    let mut dates: Vec<NaiveDate> = nth
        .iter()
        .filter_map(|w| {
            let first_of_kind = days_since(w.weekday.into(), first.weekday());
            let last_of_kind = first_of_kind + (days_in_month - 1 - first_of_kind) / 7 * 7;
            let offset = match w.nth {
                n if n > 0 => first_of_kind + 7 * (i64::from(n) - 1),
                n => last_of_kind - 7 * (-i64::from(n) - 1),
            };
            (0..days_in_month).contains(&offset).then(|| first + Duration::days(offset))
        })
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_fifth_weekday_exists_only_in_months_that_have_five() {
        let r = Recurrence::monthly(&[(5, Weekday::Wed)]);
        let dates = Pattern::new(&r, date(2025, 1, 1)).dates(date(2025, 1, 1), date(2025, 12, 31));
        let text: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["2025-01-29", "2025-04-30", "2025-07-30", "2025-10-29", "2025-12-31"]);
        let r = Recurrence::monthly(&[(-5, Weekday::Wed)]);
        let dates = Pattern::new(&r, date(2025, 1, 1)).dates(date(2025, 1, 1), date(2025, 12, 31));
        let text: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["2025-01-01", "2025-04-02", "2025-07-02", "2025-10-01", "2025-12-03"]);
    }

    #[test]
    fn a_window_decades_after_the_first_date_is_reached_without_walking() {
        let mut r = Recurrence::every(Frequency::Daily);
        r.interval = 3;
        let dates = Pattern::new(&r, date(1970, 1, 1)).dates(date(2026, 1, 1), date(2026, 1, 10));
        assert!(dates.iter().all(|d| (*d - date(1970, 1, 1)).num_days() % 3 == 0));
        assert_eq!(dates.len(), 4, "the 1st, 4th, 7th and 10th: 20,454 days after the first, a multiple of 3");
    }

    #[test]
    fn the_week_start_decides_which_weeks_are_every_other() {
        // RFC 5545's own example: every other week on Tuesday and Sunday from 1997-08-05.
        let mut r = Recurrence::weekly(&[Weekday::Tue, Weekday::Sun]);
        r.interval = 2;
        r.count = Some(4);
        let monday = Pattern::new(&r, date(1997, 8, 5));
        assert_eq!(
            monday.dates(date(1997, 8, 5), date(1997, 8, 31)),
            [date(1997, 8, 5), date(1997, 8, 10), date(1997, 8, 19), date(1997, 8, 24)]
        );
        r.week_start = Some(Weekday::Sun);
        let sunday = Pattern::new(&r, date(1997, 8, 5));
        assert_eq!(
            sunday.dates(date(1997, 8, 5), date(1997, 8, 31)),
            [date(1997, 8, 5), date(1997, 8, 17), date(1997, 8, 19), date(1997, 8, 31)]
        );
        assert_eq!(sunday.end(), date(1997, 8, 31));
    }
}
