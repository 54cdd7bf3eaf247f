//! Outlook and Exchange write Windows time-zone names in TZID (`W. Europe Standard Time`), with a
//! VTIMEZONE that only describes this year's rules. Stint reads the common ones as the IANA zone the
//! Unicode CLDR table (windowsZones.xml, territory "001") gives for each.

/// (Windows name, IANA zone) for the zones Outlook users are most often in.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time", "America/Denver"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time", "America/New_York"),
    ("Cuba Standard Time", "America/Havana"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Nepal Standard Time", "Asia/Katmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("Samoa Standard Time", "Pacific/Apia"),
];

/// The IANA zone of a Windows time-zone name, if it is one Stint knows.
pub(super) fn iana_zone(windows_name: &str) -> Option<chrono_tz::Tz> {
    let name = windows_name.trim();
    WINDOWS_ZONES.iter().find(|(w, _)| w.eq_ignore_ascii_case(name)).and_then(|(_, iana)| iana.parse().ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_windows_name_maps_to_a_zone_chrono_tz_knows() {
        for (windows, iana) in super::WINDOWS_ZONES {
            assert!(super::iana_zone(windows).is_some(), "{windows} → {iana}");
        }
        assert_eq!(super::iana_zone("W. Europe Standard Time"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(super::iana_zone("Mars Standard Time"), None);
    }
}
