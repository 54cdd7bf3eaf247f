//! Clock times in the user's style: the locale decides 12 hours with AM/PM ("2:05 PM", en-US) or
//! 24 hours ("14:05", en-GB, German, Spanish), the same choice the UI's `Intl` makes for the same
//! locale tag, so a notification and the window never disagree.

use chrono::{NaiveTime, Timelike};

use super::Lang;

/// How a clock time is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClockStyle {
    #[default]
    H24,
    H12,
}

/// English-speaking regions whose clocks read 12 hours (CLDR's `h:mm a` time format).
const TWELVE_HOUR_REGIONS: [&str; 8] = ["US", "CA", "AU", "NZ", "IN", "PH", "PK", "EG"];

impl ClockStyle {
    /// The style of a locale tag, BCP 47 ("en-GB") or POSIX ("en_US.UTF-8"): English in the United
    /// States and the other 12-hour regions, or English without a region (as `Intl` reads "en"),
    /// is 12 hours; every other locale Stint speaks is 24 hours.
    pub fn of_tag(tag: &str) -> ClockStyle {
        let mut parts = tag.split(['.', '@']).next().unwrap_or("").split(['-', '_']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
        match (language.as_str(), region) {
            ("en", None) => ClockStyle::H12,
            ("en", Some(region)) if TWELVE_HOUR_REGIONS.contains(&region.to_ascii_uppercase().as_str()) => {
                ClockStyle::H12
            }
            _ => ClockStyle::H24,
        }
    }

    /// `time` in this style: "14:05" or "2:05 PM".
    pub fn format(self, time: NaiveTime) -> String {
        match self {
            ClockStyle::H24 => format!("{:02}:{:02}", time.hour(), time.minute()),
            ClockStyle::H12 => {
                let (pm, hour) = time.hour12();
                format!("{hour}:{:02} {}", time.minute(), if pm { "PM" } else { "AM" })
            }
        }
    }
}

/// How Rust speaks to the user: the language of the words and the style of clock times.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Speech {
    pub lang: Lang,
    pub clock: ClockStyle,
}

impl Speech {
    /// The speech of the locale tag the UI uses (see `locale_tag`).
    pub fn of(lang: Lang, tag: &str) -> Speech {
        Speech { lang, clock: ClockStyle::of_tag(tag) }
    }

    /// `time` as this speech writes it: "14:05", "2:05 PM", or "9:05" in Spanish, which writes
    /// 24-hour times without a leading zero (as `Intl` does for "es").
    pub fn time(self, time: NaiveTime) -> String {
        match (self.lang, self.clock) {
            (Lang::Es, ClockStyle::H24) => format!("{}:{:02}", time.hour(), time.minute()),
            (_, clock) => clock.format(time),
        }
    }
}

/// A language alone speaks with 24-hour times (tests and callers without a locale).
impl From<Lang> for Speech {
    fn from(lang: Lang) -> Self {
        Speech { lang, clock: ClockStyle::H24 }
    }
}

/// The locale tag for `lang`: the system's own ("en-GB", with its 12 or 24 hours) when the system
/// speaks the same language, else the language alone ("de").
pub fn locale_tag(lang: Lang, system: Option<&str>) -> String {
    system
        .filter(|tag| Lang::of_tag(tag) == Some(lang))
        .map(|tag| tag.split(['.', '@']).next().unwrap_or(tag).replace('_', "-"))
        .unwrap_or_else(|| lang.code().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn american_english_reads_twelve_hours_and_the_rest_twenty_four() {
        for tag in ["en-US", "en_US.UTF-8", "en", "en-CA", "en_AU.UTF-8@euro"] {
            assert_eq!(ClockStyle::of_tag(tag), ClockStyle::H12, "{tag}");
        }
        for tag in ["en-GB", "en_IE.UTF-8", "de", "de-AT", "es", "es_ES.UTF-8", "C", ""] {
            assert_eq!(ClockStyle::of_tag(tag), ClockStyle::H24, "{tag}");
        }
    }

    #[test]
    fn a_time_reads_in_its_style() {
        assert_eq!(ClockStyle::H24.format(at(14, 5)), "14:05");
        assert_eq!(ClockStyle::H24.format(at(9, 30)), "09:30");
        assert_eq!(ClockStyle::H12.format(at(14, 5)), "2:05 PM");
        assert_eq!(ClockStyle::H12.format(at(0, 15)), "12:15 AM");
        assert_eq!(ClockStyle::H12.format(at(12, 0)), "12:00 PM");
        assert_eq!(ClockStyle::H12.format(at(9, 30)), "9:30 AM");
        assert_eq!(Speech::from(Lang::Es).time(at(9, 30)), "9:30", "Spanish as Intl writes it");
        assert_eq!(Speech::from(Lang::Es).time(at(14, 5)), "14:05");
        assert_eq!(Speech::from(Lang::De).time(at(9, 30)), "09:30");
        assert_eq!(Speech { lang: Lang::En, clock: ClockStyle::H12 }.time(at(9, 30)), "9:30 AM");
    }

    #[test]
    fn the_locale_tag_is_the_systems_when_it_speaks_the_same_language() {
        assert_eq!(locale_tag(Lang::En, Some("en_GB.UTF-8")), "en-GB");
        assert_eq!(locale_tag(Lang::De, Some("en_US.UTF-8")), "de");
        assert_eq!(locale_tag(Lang::Es, None), "es");
        assert_eq!(Speech::of(Lang::En, &locale_tag(Lang::En, Some("en_US.UTF-8"))).clock, ClockStyle::H12);
        assert_eq!(Speech::of(Lang::En, &locale_tag(Lang::En, Some("en_GB.UTF-8"))).clock, ClockStyle::H24);
        assert_eq!(Speech::of(Lang::De, &locale_tag(Lang::De, Some("en_US.UTF-8"))).clock, ClockStyle::H24);
    }
}
