//! Reading a local wall time as an instant, as RFC 5545 says (section 3.3.5): a time the clocks
//! skip is read with the offset in force before the gap (so it moves forward by the gap), and a
//! time that happens twice means its first occurrence.
//!
//! Why it is its own module: every expansion, the end of an `until` date and calendar import go
//! through it, and the gap may be a whole day (Pacific/Apia skipped 2011-12-30).

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};

/// The longest gap in the time-zone database since 1970 is Apia's skipped day; look this far back
/// for the offset before a gap.
const LONGEST_GAP_HOURS: i64 = 26;

/// The instant of the local wall time `local` in `tz` (see the module header).
pub(crate) fn local_to_utc(local: NaiveDateTime, tz: chrono_tz::Tz) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: the offset in force just before it is the one of the latest earlier wall time that
    // exists. Gaps start on a whole quarter hour; hour steps reach before any of them.
    for hours in 1..=LONGEST_GAP_HOURS {
        let Some(earlier) = local.checked_sub_signed(Duration::hours(hours)) else { break };
        if let Some(before) = tz.from_local_datetime(&earlier).latest() {
            let offset = Duration::seconds(i64::from(before.offset().fix().local_minus_utc()));
            if let Some(utc) = local.checked_sub_signed(offset) {
                return utc.and_utc();
            }
        }
    }
    local.and_utc()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn a_skipped_time_moves_forward_by_the_gap_and_a_repeated_one_means_the_first() {
        let london = chrono_tz::Europe::London;
        assert_eq!(local_to_utc(at(2025, 3, 30, 1, 30), london), at(2025, 3, 30, 1, 30).and_utc(), "02:30 BST");
        assert_eq!(local_to_utc(at(2025, 10, 26, 1, 30), london), at(2025, 10, 26, 0, 30).and_utc(), "first, BST");
        // Havana springs forward at midnight: 00:30 is read as 01:30 CDT (05:30 UTC).
        let havana = chrono_tz::America::Havana;
        assert_eq!(local_to_utc(at(2025, 3, 9, 0, 30), havana), at(2025, 3, 9, 5, 30).and_utc());
    }

    #[test]
    fn apia_skipped_day_is_read_with_the_offset_of_the_day_before() {
        // 2011-12-29 24:00 (UTC-10) became 2011-12-31 00:00 (UTC+14).
        let apia = chrono_tz::Pacific::Apia;
        assert_eq!(local_to_utc(at(2011, 12, 30, 10, 0), apia), at(2011, 12, 30, 20, 0).and_utc());
    }
}
