//! Dates inside sentences, in the language's own form: the form the UI's `Intl` shows for the same
//! thing (`dateStyle: 'medium'`, with `timeStyle: 'short'` for a date and time), so a message and
//! the window never write the same day two ways. "Jan 5, 2027" (English, 12-hour locales such as
//! en-US), "5 Jan 2027" (English, 24-hour locales such as en-GB), "05.01.2027" (German),
//! "5 ene 2027" (Spanish); a time follows after ", " in the locale's clock style ("2:05 PM", "14:05",
//! Spanish "9:05").
//!
//! English takes its day-first order from the 24-hour clock: the two go together for en-US and
//! en-GB, the English locales Stint tells apart (`ClockStyle::of_tag`); en-AU and en-IN write 12
//! hours but day first, which this reads as month first.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{ClockStyle, Lang, Speech};

const ENGLISH_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/// CLDR's abbreviated Spanish month names, as `Intl` writes them ("sept", no full stop).
const SPANISH_MONTHS: [&str; 12] =
    ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];

/// `date` as the speech's language writes it: "Jan 5, 2027", "5 Jan 2027", "05.01.2027", "5 ene 2027".
pub fn date_text(date: NaiveDate, speech: Speech) -> String {
    let (day, month, year) = (date.day(), date.month0() as usize, date.year());
    match (speech.lang, speech.clock) {
        (Lang::En, ClockStyle::H12) => format!("{} {day}, {year}", ENGLISH_MONTHS[month]),
        (Lang::En, ClockStyle::H24) => format!("{day} {} {year}", ENGLISH_MONTHS[month]),
        (Lang::De, _) => format!("{day:02}.{:02}.{year}", month + 1),
        (Lang::Es, _) => format!("{day} {} {year}", SPANISH_MONTHS[month]),
    }
}

/// `at` as a date and a time: "Jan 5, 2027, 2:05 PM", "05.01.2027, 14:05", "5 ene 2027, 9:05"
/// (Spanish writes 24-hour times without a leading zero, as `Intl` does).
pub fn date_time_text(at: NaiveDateTime, speech: Speech) -> String {
    format!("{}, {}", date_text(at.date(), speech), speech.time(at.time()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(tag: &str) -> Speech {
        Speech::of(Lang::of_tag(tag).unwrap(), tag)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_date_reads_as_intl_writes_it_for_the_same_locale() {
        let jan5 = day(2027, 1, 5);
        assert_eq!(date_text(jan5, speech("en")), "Jan 5, 2027");
        assert_eq!(date_text(jan5, speech("en-US")), "Jan 5, 2027");
        assert_eq!(date_text(jan5, speech("en-GB")), "5 Jan 2027");
        assert_eq!(date_text(jan5, speech("de")), "05.01.2027");
        assert_eq!(date_text(jan5, speech("es")), "5 ene 2027");
        assert_eq!(date_text(day(2025, 9, 30), speech("es")), "30 sept 2025");
        assert_eq!(date_text(day(2025, 12, 24), speech("de-AT")), "24.12.2025");
    }

    #[test]
    fn a_date_and_time_adds_the_locales_clock() {
        let at = day(2027, 1, 5).and_hms_opt(14, 5, 0).unwrap();
        assert_eq!(date_time_text(at, speech("en")), "Jan 5, 2027, 2:05 PM");
        assert_eq!(date_time_text(at, speech("en-GB")), "5 Jan 2027, 14:05");
        assert_eq!(date_time_text(at, speech("de")), "05.01.2027, 14:05");
        assert_eq!(date_time_text(at, speech("es")), "5 ene 2027, 14:05");
        let early = day(2025, 3, 30).and_hms_opt(1, 30, 0).unwrap();
        assert_eq!(date_time_text(early, speech("en")), "Mar 30, 2025, 1:30 AM");
        assert_eq!(date_time_text(early, speech("en-GB")), "30 Mar 2025, 01:30");
        assert_eq!(date_time_text(early, speech("de")), "30.03.2025, 01:30");
        assert_eq!(date_time_text(early, speech("es")), "30 mar 2025, 1:30");
    }
}
