//! Readable ids for what the store names itself: formats, personal calls, series.

use crate::Result;

/// Lower-case ASCII letters and digits of `text` joined by single '-', at most about 40 characters;
/// `fallback` when nothing is left. Never contains '/', which community ids use (`{community}/{id}`).
pub fn slug(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    match slug.trim_end_matches('-') {
        "" => fallback.to_string(),
        s => s.to_string(),
    }
}

/// `base`, or `base-2`, `base-3` … : the first candidate that `taken` says is free.
pub fn unique(base: &str, mut taken: impl FnMut(&str) -> Result<bool>) -> Result<String> {
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken(&candidate)? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_never_namespaced() {
        assert_eq!(slug("  Writing group: Mon/Wed ", "call"), "writing-group-mon-wed");
        assert_eq!(slug("☕", "call"), "call");
        assert!(slug(&"long ".repeat(50), "x").len() <= 41);
    }

    #[test]
    fn unique_counts_up_from_two() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |c| Ok(taken.contains(&c))).unwrap(), "a-3");
        assert_eq!(unique("b", |c| Ok(taken.contains(&c))).unwrap(), "b");
    }
}
