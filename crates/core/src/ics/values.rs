//! RFC 5545 value types Stint reads: date-times, dates, durations, text.

use chrono::{NaiveDate, NaiveDateTime};

/// A DTSTART-like value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    /// `19970714` (an all-day value).
    Date(NaiveDate),
    /// `19970714T133000` without a zone: in TZID, or floating.
    Local(NaiveDateTime),
    /// `19970714T173000Z`.
    Utc(NaiveDateTime),
}

pub(super) fn parse_when(value: &str) -> Option<When> {
    let value = value.trim();
    if let Some(utc) = value.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok().map(When::Utc);
    }
    if value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(When::Date);
    }
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok().map(When::Local)
}

/// A duration such as `PT1H30M`, `P1D`, `-PT10M`, in whole seconds (negative for `-`).
pub(super) fn parse_duration_seconds(value: &str) -> Option<i64> {
    let value = value.trim();
    let (sign, rest) = match value.as_bytes().first()? {
        b'-' => (-1, &value[1..]),
        b'+' => (1, &value[1..]),
        _ => (1, value),
    };
    let rest = rest.strip_prefix('P')?;
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if number.is_empty() && !in_time => in_time = true,
            'W' | 'D' | 'H' | 'M' | 'S' => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let unit = match (c, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(unit)?)?;
                any = true;
            }
            _ => return None,
        }
    }
    (any && number.is_empty()).then_some(sign * total)
}

/// Reverses TEXT escaping (`\,` `\;` `\n` `\\`).
pub(super) fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
