//! The one error that crosses the IPC boundary, serialized as `ErrorPayload { code, message, field }`.

use serde::{Serialize, Serializer};
use stint_core::error::ErrorPayload;

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

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorPayload::from(&self.0).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use stint_core::Error;

    #[test]
    fn the_json_shape_is_code_message_field() {
        let invalid = CommandError(Error::invalid("phases[0].seconds", "A phase lasts at least 5 s."));
        assert_eq!(
            serde_json::to_value(&invalid).unwrap(),
            json!({"code": "invalid_input", "message": "A phase lasts at least 5 s.", "field": "phases[0].seconds"})
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
}
