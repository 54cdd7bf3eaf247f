//! Spreading a phase's seconds over quarter hours, and quarter hours over local days. Pure.
//!
//! A phase's counted seconds are spread evenly over its wall-clock span; cumulative rounding
//! (the share before an instant is `⌊seconds × elapsed ÷ span⌋`) makes the parts add up exactly. Every
//! time zone's days today begin on a quarter hour of UTC, so a day's focus is the sum of whole quarter
//! hours: the history rollup stores quarters, never days, and serves any zone. A day boundary that is
//! not on a quarter hour (historical offsets such as Liberia's −0:44:30) splits its quarter by time.

use chrono::NaiveDate;

use super::days::DayCursor;

/// A quarter hour, in nanoseconds.
pub const QUARTER: i64 = 900 * 1_000_000_000;
/// An hour, in nanoseconds.
pub const HOUR: i64 = 4 * QUARTER;

/// Seconds spread evenly over `[start, end)` that fall before instant `at`.
fn share_before(start: i64, end: i64, seconds: u64, at: i64) -> u64 {
    if end <= start {
        return if at > start { seconds } else { 0 };
    }
    let elapsed = i128::from(at.clamp(start, end) - start);
    (i128::from(seconds) * elapsed / i128::from(end - start)) as u64
}

/// The quarter hours (instant ÷ `QUARTER`) that receive a share of `seconds` spread over
/// `[start, end)`, in order, each with its share; quarters that would get nothing are left out, so the
/// work is bounded by the seconds as well as by the span.
pub fn quarters(start: i64, end: i64, seconds: u64) -> Vec<(i64, u64)> {
    if seconds == 0 {
        return Vec::new();
    }
    if end <= start {
        return vec![(start.div_euclid(QUARTER), seconds)];
    }
    let span = i128::from(end - start);
    let last = (end - 1).div_euclid(QUARTER);
    let mut out = Vec::new();
    let mut quarter = start.div_euclid(QUARTER);
    let mut given = 0u64;
    while quarter <= last && given < seconds {
        let upto = share_before(start, end, seconds, quarter.saturating_add(1).saturating_mul(QUARTER));
        if upto > given {
            out.push((quarter, upto - given));
            given = upto;
            quarter += 1;
        } else {
            // Jump to the quarter in which the share reaches its next whole second.
            let reach =
                i128::from(start) + (i128::from(given + 1) * span + i128::from(seconds) - 1) / i128::from(seconds);
            let reach = i64::try_from(reach).unwrap_or(end);
            quarter = (quarter + 1).max((reach - 1).div_euclid(QUARTER));
        }
    }
    out
}

/// The part of a quarter's `seconds` that falls before instant `at` (inside or around the quarter).
fn quarter_share_before(quarter: i64, seconds: u64, at: i64) -> u64 {
    let start = quarter * QUARTER;
    share_before(start, start.saturating_add(QUARTER), seconds, at)
}

/// Adds quarters, visited in increasing order, to the days delimited by `bounds` (the instants days
/// begin, plus the end of the last). Quarters outside the bounds are ignored.
pub struct DayTally<'a> {
    bounds: &'a [i64],
    totals: Vec<u64>,
    day: usize,
}

impl<'a> DayTally<'a> {
    pub fn new(bounds: &'a [i64]) -> Self {
        DayTally { bounds, totals: vec![0; bounds.len().saturating_sub(1)], day: 0 }
    }

    /// Adds a whole hour's `seconds` when the hour lies in one day (or outside the bounds) and says
    /// so; `false` when a day begins inside it, and its quarters must be added one by one.
    pub fn add_hour(&mut self, hour: i64, seconds: u64) -> bool {
        let (start, end) = (hour * HOUR, (hour * HOUR).saturating_add(HOUR));
        self.skip_to(start);
        let last = self.bounds[self.bounds.len() - 1];
        if end <= self.bounds[0] || start >= last {
            return true;
        }
        if self.day < self.totals.len() && self.bounds[self.day] <= start && end <= self.bounds[self.day + 1] {
            self.totals[self.day] += seconds;
            return true;
        }
        false
    }

    fn skip_to(&mut self, start: i64) {
        while self.day < self.totals.len() && self.bounds[self.day + 1] <= start {
            self.day += 1;
        }
    }

    pub fn add(&mut self, quarter: i64, seconds: u64) {
        let (start, end) = (quarter * QUARTER, (quarter * QUARTER).saturating_add(QUARTER));
        self.skip_to(start);
        let mut day = self.day;
        while day < self.totals.len() && self.bounds[day] < end {
            let from = quarter_share_before(quarter, seconds, self.bounds[day]);
            let to = quarter_share_before(quarter, seconds, self.bounds[day + 1]);
            self.totals[day] += to - from;
            day += 1;
        }
    }

    /// The seconds of each day, in order.
    pub fn totals(self) -> Vec<u64> {
        self.totals
    }
}

/// The local days that quarters visited in increasing order fall on, with their seconds, in order.
pub struct DaySeconds<'a> {
    cursor: DayCursor<'a>,
    days: Vec<(NaiveDate, u64)>,
}

impl<'a> DaySeconds<'a> {
    pub fn new(cursor: DayCursor<'a>) -> Self {
        DaySeconds { cursor, days: Vec::new() }
    }

    /// Adds a whole hour's `seconds` when the hour lies in one local day, and says so; `false` when a
    /// day begins inside it, and its quarters must be added one by one.
    pub fn add_hour(&mut self, hour: i64, seconds: u64) -> bool {
        let (start, end) = (hour * HOUR, (hour * HOUR).saturating_add(HOUR));
        let (date, _, day_end) = self.cursor.day_of(start);
        if end > day_end {
            return false;
        }
        self.push(date, seconds);
        true
    }

    fn push(&mut self, date: NaiveDate, seconds: u64) {
        match self.days.last_mut() {
            Some((last, total)) if *last == date => *total += seconds,
            _ => self.days.push((date, seconds)),
        }
    }

    pub fn add(&mut self, quarter: i64, seconds: u64) {
        let (mut at, end) = (quarter * QUARTER, (quarter * QUARTER).saturating_add(QUARTER));
        while at < end {
            let (date, _, day_end) = self.cursor.day_of(at);
            let part = quarter_share_before(quarter, seconds, day_end) - quarter_share_before(quarter, seconds, at);
            self.push(date, part);
            at = day_end;
        }
    }

    pub fn days(self) -> Vec<(NaiveDate, u64)> {
        self.days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000_000_000;

    #[test]
    fn a_phase_is_spread_over_its_quarters_and_adds_up() {
        // 10:10–10:40 with 1800 s: 300 s in 10:00–10:15, 900 in 10:15–10:30, 600 in 10:30–10:45.
        let start = 40 * QUARTER + 600 * S;
        let got = quarters(start, start + 1800 * S, 1800);
        assert_eq!(got, [(40, 300), (41, 900), (42, 600)]);
    }

    #[test]
    fn shares_are_cumulative_so_they_always_add_up() {
        for (span, seconds) in [(7 * S, 3), (1000 * S, 999), (3601 * S, 1), (86_400 * S, 1500), (900 * S, 900)] {
            let start = 13 * S + 17;
            let got = quarters(start, start + span, seconds);
            assert_eq!(got.iter().map(|(_, s)| s).sum::<u64>(), seconds, "span {span}, seconds {seconds}");
            assert!(got.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }

    #[test]
    fn a_long_pause_does_not_make_work_per_quarter() {
        // 60 s over a year: at most 60 quarters get a share, found without visiting 35,000 quarters.
        let got = quarters(0, 365 * 86_400 * S, 60);
        assert_eq!(got.len(), 60);
        assert_eq!(got.iter().map(|(_, s)| s).sum::<u64>(), 60);
    }

    #[test]
    fn nothing_and_instants_are_handled() {
        assert!(quarters(0, 100 * S, 0).is_empty());
        assert_eq!(quarters(5 * QUARTER + 3, 5 * QUARTER + 3, 10), [(5, 10)]);
        assert_eq!(quarters(-QUARTER - 1, -QUARTER, 4), [(-2, 4)]);
    }

    #[test]
    fn days_on_quarter_bounds_take_whole_quarters_and_others_split_one() {
        let bounds = [0, 4 * QUARTER, 8 * QUARTER];
        let mut tally = DayTally::new(&bounds);
        for (q, s) in [(-1, 50), (0, 10), (3, 20), (4, 30), (8, 99)] {
            tally.add(q, s);
        }
        assert_eq!(tally.totals(), [30, 30]);
        // A day boundary 7.5 minutes into a quarter splits that quarter's 100 s in half.
        let bounds = [0, QUARTER / 2, 2 * QUARTER];
        let mut tally = DayTally::new(&bounds);
        tally.add(0, 100);
        assert_eq!(tally.totals(), [50, 50]);
    }

    #[test]
    fn a_whole_hour_is_added_at_once_only_when_no_day_begins_inside_it() {
        let bounds = [0, 2 * HOUR + 2 * QUARTER, 5 * HOUR];
        let mut tally = DayTally::new(&bounds);
        assert!(tally.add_hour(-1, 7), "before the bounds: ignored");
        assert!(tally.add_hour(0, 100));
        assert!(!tally.add_hour(2, 0), "a day begins at 02:30");
        assert!(tally.add_hour(3, 40));
        assert!(tally.add_hour(5, 9), "after the bounds: ignored");
        assert_eq!(tally.totals(), [100, 40]);
    }
}
