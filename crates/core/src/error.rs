//! The one error type of the core. Its `code()` values are stable: the UI and tests match on them.
//! Its `Display` is what the user reads, so every variant displays a sentence (see `docs/words.md`):
//! what happened and what to do; a field name or an id never shows.
//!
//! Every sentence an error carries is a catalogue message (`Msg`: a key and its arguments), so the
//! shell says it in the user's language ([`Error::say`]); `Display` is the English of the same
//! message. There is no constructor that takes a plain English sentence: a refusal is made with
//! [`Error::told`], a conflict with `Error::Conflict(Msg)`, so an English-only error cannot come back.

use serde::Serialize;

use crate::i18n::{Lang, Msg, Speech};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The most characters of technical detail a storage message carries (at its end, for support).
const MAX_DETAIL_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule, made with [`Error::told`]. `words` is the sentence as a catalogue
    /// message the shell says in the user's language; `message` is the same sentence in English (for
    /// logs and `Display`); `field` (e.g. `phases[2].seconds`) only places it next to its form field
    /// and is never shown.
    #[error("{message}")]
    InvalidInput { field: String, message: String, words: Msg },
    /// The user's thing no longer exists (deleted elsewhere, or a stale list).
    #[error("{}", .0.words().render(Lang::En))]
    NotFound(Thing),
    /// The request conflicts with the current state (editing a built-in, resuming a running session …);
    /// the message is a whole sentence.
    #[error("{}", .0.render(Lang::En))]
    Conflict(Msg),
    /// The database file was written by a newer Stint; it is left untouched. The message is a sentence.
    #[error("{}", .0.render(Lang::En))]
    NewerSchema(Msg),
    /// SQLite or the file system failed; the text is the short technical detail, said last.
    #[error("{}", storage_words(.0).render(Lang::En))]
    Storage(String),
}

/// The kinds of things a user can look for and not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Session,
    Format,
    Call,
    Commitment,
    Series,
    Community,
    Subscription,
    /// A pack shown for confirmation, installed or cancelled since.
    PendingPack,
}

impl Thing {
    /// The sentence that says this thing is gone and what to do.
    pub fn words(self) -> Msg {
        Msg::new(match self {
            Thing::Session => "error_not_found_session",
            Thing::Format => "error_not_found_format",
            Thing::Call => "error_not_found_call",
            Thing::Commitment => "error_not_found_commitment",
            Thing::Series => "error_not_found_series",
            Thing::Community => "error_not_found_community",
            Thing::Subscription => "error_not_found_subscription",
            Thing::PendingPack => "error_not_found_pending_pack",
        })
    }
}

fn storage_words(detail: &str) -> Msg {
    Msg::new("error_storage").text("detail", short_detail(detail))
}

/// A technical detail as said at the end of a message ("Detail: …."): cut to `MAX_DETAIL_CHARS` on a
/// character boundary, without a trailing full stop.
pub fn short_detail(detail: &str) -> String {
    let detail = detail.trim().trim_end_matches('.');
    match detail.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((cut, _)) => format!("{}…", &detail[..cut]),
        None => detail.to_string(),
    }
}

impl Error {
    /// Input that breaks a rule, said by a catalogue message: English in `Display`, the user's
    /// language in [`Error::say`].
    pub fn told(field: impl Into<String>, words: Msg) -> Self {
        Error::InvalidInput { field: field.into(), message: words.render(Lang::En), words }
    }

    /// A conflict with the current state, said by the catalogue message `key` without arguments.
    pub fn conflict(key: &'static str) -> Self {
        Error::Conflict(Msg::new(key))
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::NewerSchema(_) => "newer_schema",
            Error::Storage(_) => "storage",
        }
    }

    /// The field an `InvalidInput` names, for showing the message next to it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The catalogue message of this error: every error has one.
    pub fn words(&self) -> Msg {
        match self {
            Error::InvalidInput { words, .. } | Error::Conflict(words) | Error::NewerSchema(words) => words.clone(),
            Error::NotFound(thing) => thing.words(),
            Error::Storage(detail) => storage_words(detail),
        }
    }

    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        self.words().render(lang)
    }

    /// The sentence in the speech's language, its dates and times in its clock style.
    pub fn say_in(&self, speech: Speech) -> String {
        self.words().render_in(speech)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

/// The JSON shape of an error as it crosses the IPC boundary: `{ code, message, field }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    /// Present for `invalid_input`: the field the message is about.
    pub field: Option<String>,
}

impl ErrorPayload {
    /// The payload with the sentence in `lang`.
    pub fn said_in(e: &Error, lang: Lang) -> Self {
        ErrorPayload::said_to(e, Speech::of(lang, lang.code()))
    }

    /// The payload with the sentence as `speech` says it (the user's language and clock style).
    pub fn said_to(e: &Error, speech: Speech) -> Self {
        ErrorPayload { code: e.code().to_string(), message: e.say_in(speech), field: e.field().map(str::to_string) }
    }
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload::said_in(e, Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_shows_the_sentence_alone() {
        let e =
            Error::told("phases[2].seconds", Msg::new("error_phase_length").count("n", 3).length("length", 9 * 3600));
        assert_eq!(e.to_string(), "A phase lasts 5 s to 8 h; phase 3 lasts 9 h. Change its length and save again.");
        assert_eq!(e.field(), Some("phases[2].seconds"));
    }

    #[test]
    fn not_found_names_the_thing_and_the_way_out() {
        assert_eq!(
            Error::NotFound(Thing::Session).to_string(),
            "Stint cannot find that session any more; it may have been deleted. Reload the list."
        );
    }

    #[test]
    fn storage_puts_a_short_detail_after_the_fact() {
        let e = Error::Storage("database is locked".into());
        assert_eq!(
            e.to_string(),
            "Stint could not read or write its data, so nothing changed. Try again; if it repeats, restart Stint \
             and see its log. Detail: database is locked."
        );
        let long = Error::Storage("x".repeat(500)).to_string();
        assert!(long.len() < 300, "{long}");
        assert!(long.ends_with("x….") && long.starts_with("Stint could not"), "{long}");
    }

    #[test]
    fn a_told_error_is_english_in_display_and_the_users_language_in_its_payload() {
        let e = Error::told("phases[0].label", Msg::new("error_phase_label_empty").count("n", 1));
        assert_eq!(e.to_string(), "Phase 1 needs a label. Type one and save again.");
        let de = ErrorPayload::said_in(&e, Lang::De);
        assert_eq!(de.message, "Phase 1 braucht eine Bezeichnung. Gib eine ein und speichere erneut.");
        assert_eq!(de.field.as_deref(), Some("phases[0].label"));
        assert_eq!(ErrorPayload::from(&e).message, e.to_string());
        assert!(ErrorPayload::said_in(&Error::NotFound(Thing::Format), Lang::Es).message.starts_with("Stint ya no"));
        let running = Error::conflict("error_session_already_running");
        assert_eq!(running.to_string(), "A session is already running. Stop it before starting another.");
        assert_eq!(
            ErrorPayload::said_in(&running, Lang::De).message,
            "Eine Sitzung läuft bereits. Beende sie, bevor du eine weitere startest."
        );
        assert_eq!(ErrorPayload::said_in(&running, Lang::De).code, "conflict");
    }
}
