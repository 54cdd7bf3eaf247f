//! Stint in the user's language: the words Rust produces (notifications, the tray, the window title)
//! come from the same message catalogues as the UI's, `locales/<lang>.json` at the repository's root
//! (the inlang message format that Paraglide compiles for the UI), built into the binary.
//!
//! A message is either a pattern with `{name}` placeholders, or a plural: the variant for the plural
//! category of one numeric input (`one`, `other`). A key missing in a language falls back to English,
//! a key missing everywhere shows as itself, so a gap is visible and never a crash; tests fail on both.

mod catalogue;
mod clock;
mod dates;
mod lang;
mod msg;
mod msg_json;

pub use catalogue::{keys, placeholders};
pub use clock::{locale_tag, ClockStyle, Speech};
pub use dates::{date_text, date_time_text};
pub use lang::Lang;
pub use msg::{Msg, MsgArg};

/// One value for a placeholder: text as written, or a count (which also picks a plural's variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Count(u64::from(n))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

/// The message `key` in `lang` with its placeholders filled from `args`.
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    catalogue::render(lang, key, args)
}

/// A message without placeholders.
pub fn tr0(lang: Lang, key: &str) -> String {
    catalogue::render(lang, key, &[])
}
