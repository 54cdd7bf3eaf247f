//! Why a document read from a room was refused: one sentence for the log, and a variant tests match on.

use std::fmt;

/// A room document that was refused whole; nothing of it was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The content is larger than the cap for its type.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// The content is not a JSON object.
    NotJson(String),
    /// `v` names a version of the room format this Stint does not read.
    UnknownVersion(String),
    /// A field is missing, unknown or of the wrong type (`path` is its JSON path).
    Malformed {
        path: String,
        message: String,
    },
    /// A value breaks a rule (a format's phase too short, a bad user id, too many events …).
    Invalid {
        field: String,
        message: String,
    },
    /// The events do not replay on the format (out of order, Resume while running, after Stop …).
    Timeline {
        index: usize,
        message: String,
    },
    /// The revision is not newer than the one being followed.
    Stale {
        rev: u64,
        last: u64,
    },
    /// Another session that started before the one being followed.
    OlderSession,
    /// The sender's power level is below what the room requires for this event type.
    NotAllowed {
        sender: String,
        level: i64,
        required: i64,
    },
    /// The document names a host other than its sender.
    HostMismatch {
        sender: String,
        host: String,
    },
    /// A member entry whose state key is not its sender's user id.
    StateKeyMismatch {
        sender: String,
        state_key: String,
    },
    /// A member entry whose time ran out, or that belongs to another session.
    Expired,
    OtherSession,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::TooLarge { bytes, limit } => {
                write!(f, "its content is {bytes} bytes, more than the {limit} bytes Stint reads.")
            }
            Rejection::NotJson(e) => write!(f, "its content is not a JSON object ({e})."),
            Rejection::UnknownVersion(v) => {
                write!(f, "it uses version {v} of the room format, which this Stint does not read; a newer Stint may.")
            }
            Rejection::Malformed { path, message } => write!(f, "its field {path} is not as expected: {message}."),
            Rejection::Invalid { field, message } => write!(f, "its field {field} is not valid: {message}."),
            Rejection::Timeline { index, message } => {
                write!(f, "its event {index} does not fit the session's timeline: {message}.")
            }
            Rejection::Stale { rev, last } => {
                write!(f, "its revision {rev} is not newer than revision {last}, which is being followed.")
            }
            Rejection::OlderSession => write!(f, "it describes a session older than the one being followed."),
            Rejection::NotAllowed { sender, level, required } => {
                write!(f, "{sender} has power level {level} in the room, and writing it needs {required}.")
            }
            Rejection::HostMismatch { sender, host } => {
                write!(f, "it was sent by {sender} but names {host} as the host.")
            }
            Rejection::StateKeyMismatch { sender, state_key } => {
                write!(f, "it was sent by {sender} for another member ({state_key}).")
            }
            Rejection::Expired => write!(f, "it has expired: the member has not refreshed it in time."),
            Rejection::OtherSession => write!(f, "it belongs to another session than the one being followed."),
        }
    }
}

impl Rejection {
    /// The log line for a refused event: "Ignored app.stint.session from @eve:example.org: …".
    pub fn log_line(&self, event_type: &str, sender: &str) -> String {
        format!("Ignored {event_type} from {sender}: {self}")
    }

    pub(crate) fn from_error(e: crate::Error) -> Self {
        match e {
            crate::Error::InvalidInput { field, message, .. } => Rejection::Invalid { field, message },
            other => Rejection::Invalid { field: "content".into(), message: other.to_string() },
        }
    }
}
