//! The one error type of the core. Its `code()` values are stable: the UI and tests match on them.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; `field` names what was wrong (e.g. `phases[2].seconds`).
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// The named thing (e.g. `format pomodoro-x`) does not exist.
    #[error("{0} was not found")]
    NotFound(String),
    /// The request conflicts with the current state (editing a built-in, resuming a running session …).
    #[error("{0}")]
    Conflict(String),
    /// The database file was written by a newer Stint; it is left untouched.
    #[error("{0}")]
    NewerSchema(String),
    /// SQLite or the file system failed.
    #[error("storage error: {0}")]
    Storage(String),
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput { field: field.into(), message: message.into() }
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

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload { code: e.code().to_string(), message: e.to_string(), field: e.field().map(str::to_string) }
    }
}
