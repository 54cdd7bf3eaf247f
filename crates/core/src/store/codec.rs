//! How values are written to and read from SQLite columns.
//!
//! Instants are stored as integer nanoseconds since the Unix epoch: exact (a replayed timeline equals
//! the one that was stored), compact, and fast to compare in indexes.

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};

use crate::i18n::Msg;
use crate::{Error, Result};

/// An instant as stored. Instants outside 1677–2262 cannot be stored: an error naming `field`.
pub fn nanos(at: DateTime<Utc>, field: &str) -> Result<i64> {
    at.timestamp_nanos_opt()
        .ok_or_else(|| Error::told(field, Msg::new("error_store_date_range").count("from", 1678).count("to", 2261)))
}

pub fn instant(nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(nanos)
}

pub fn opt_instant(nanos: Option<i64>) -> Option<DateTime<Utc>> {
    nanos.map(instant)
}

/// The serde name of a unit enum variant (`long_break`), as stored in a TEXT column.
pub fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// Parses a stored enum name; a name this version does not know is a storage error.
pub fn parse_enum<T: DeserializeOwned>(name: &str, what: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| Error::Storage(format!("unknown {what} “{name}”")))
}

pub fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage(format!("cannot encode JSON, {e}")))
}

pub fn from_json<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Storage(format!("unreadable {what}, {e}")))
}

/// Seconds as stored: the schema uses SQLite's 64-bit integers throughout.
pub fn secs(seconds: u32) -> i64 {
    i64::from(seconds)
}
