//! Small pieces of wording shared by core's messages, so every error writes lengths and ordinals the
//! same way `docs/words.md` asks ("1 h 30 min", "25 min", "45 s").

/// A length as the user reads it: "1 h 30 min", "25 min", "4 min 30 s", "45 s". Seconds show only
/// under an hour, where leaving them out would hide the difference.
pub fn length(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::length;

    #[test]
    fn lengths_read_in_hours_minutes_and_seconds() {
        assert_eq!(length(45), "45 s");
        assert_eq!(length(25 * 60), "25 min");
        assert_eq!(length(4 * 60 + 30), "4 min 30 s");
        assert_eq!(length(3600), "1 h");
        assert_eq!(length(30 * 3600 + 90), "30 h 1 min");
    }
}
