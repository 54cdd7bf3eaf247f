//! The one error that crosses the IPC boundary, serialized as `ErrorPayload { code, message, field }`,
//! its sentence in the user's language. Tauri serializes a command's error after the command
//! returned, with no settings at hand, so the language in effect (and the clock style its dates and
//! times are said in) is kept here: set at start-up and whenever the settings are saved.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use serde::{Serialize, Serializer};
use stint_core::error::ErrorPayload;
use stint_core::i18n::{ClockStyle, Lang, Speech};

/// The language errors are said in, as its index in `Lang::ALL`.
static SPOKEN: AtomicU8 = AtomicU8::new(0);
/// Whether the times in errors read 12 hours ("2:05 PM").
static TWELVE_HOURS: AtomicBool = AtomicBool::new(false);

/// From now on, errors are said as `speech` says them.
pub fn speak_errors_in(speech: Speech) {
    let index = Lang::ALL.iter().position(|l| *l == speech.lang).unwrap_or(0);
    SPOKEN.store(index as u8, Ordering::Relaxed);
    TWELVE_HOURS.store(speech.clock == ClockStyle::H12, Ordering::Relaxed);
}

/// The language errors are said in now.
pub fn spoken() -> Lang {
    Lang::ALL.get(usize::from(SPOKEN.load(Ordering::Relaxed))).copied().unwrap_or_default()
}

/// The language and clock style errors are said in now.
pub fn speech() -> Speech {
    let clock = if TWELVE_HOURS.load(Ordering::Relaxed) { ClockStyle::H12 } else { ClockStyle::H24 };
    Speech { lang: spoken(), clock }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError(pub stint_core::Error);

pub type CommandResult<T> = Result<T, CommandError>;

impl From<stint_core::Error> for CommandError {
    fn from(e: stint_core::Error) -> Self {
        CommandError(e)
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> Self {
        CommandError(stint_core::Error::Storage(e.to_string()))
    }
}

impl CommandError {
    /// What crosses the boundary, the sentence in `lang`.
    pub fn payload(&self, lang: Lang) -> ErrorPayload {
        ErrorPayload::said_in(&self.0, lang)
    }
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorPayload::said_to(&self.0, speech()).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use stint_core::Error;

    #[test]
    fn the_json_shape_is_code_message_field() {
        let words = stint_core::i18n::Msg::new("error_phase_length").count("n", 1).length("length", 3);
        let invalid = CommandError(Error::told("phases[0].seconds", words));
        assert_eq!(
            serde_json::to_value(&invalid).unwrap(),
            json!({
                "code": "invalid_input",
                "message": "A phase lasts 5 s to 8 h; phase 1 lasts 3 s. Change its length and save again.",
                "field": "phases[0].seconds"
            })
        );

        let missing = CommandError(Error::NotFound(stint_core::Thing::Format));
        assert_eq!(
            serde_json::to_value(&missing).unwrap(),
            json!({
                "code": "not_found",
                "message": "Stint cannot find that format any more; it may have been deleted. Reload the list.",
                "field": null
            })
        );
    }

    #[test]
    fn a_told_error_is_said_in_the_users_language() {
        let e = CommandError(Error::told(
            "text",
            stint_core::i18n::Msg::new("error_commitment_too_long").count("max", 500).count("count", 501),
        ));
        let de = e.payload(Lang::De);
        assert_eq!(
            de.message,
            "Ein Vorhaben hat höchstens 500 Zeichen; dieses hat 501. Kürze es und speichere erneut."
        );
        assert_eq!((de.code.as_str(), de.field.as_deref()), ("invalid_input", Some("text")));
        // Tests never change the language in effect, so it is English, and the JSON says it in it.
        assert_eq!(serde_json::to_value(&e).unwrap()["message"], e.payload(Lang::En).message);
    }
}
