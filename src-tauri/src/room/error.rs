//! What can go wrong between Stint and a homeserver, each with the sentence a user reads.

use std::fmt;
use std::time::Duration;

use stint_core::i18n::{Lang, Msg};

/// A failed request to the homeserver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomError {
    /// The server could not be reached, or did not answer in time: offline, or the server is down.
    Unreachable { server: String },
    /// The access token is no longer valid (signed out elsewhere, or expired).
    SignedOut,
    /// The user name or password is wrong.
    BadLogin,
    /// The server refused: the user lacks the power level, or is not in the room.
    Forbidden { message: String },
    /// No room with that alias or id, or no such event.
    NotFound,
    /// The server asks to wait before the next request.
    RateLimited { retry_after: Option<Duration> },
    /// The server answered with something Stint cannot read, or another error.
    Server { status: u16, code: String, message: String },
    /// What Stint was asked to send is not valid (a bad homeserver address), or Stint could not
    /// build the request: the sentence to show.
    Invalid(Msg),
}

impl RoomError {
    /// A request Stint could not build or encode: a fault of Stint's, not the user's. The detail is
    /// logged; the user reads that the request could not be prepared.
    pub fn request(detail: impl fmt::Display) -> RoomError {
        log::warn!("Live room: could not prepare a request: {detail}");
        RoomError::Invalid(Msg::new("error_room_request"))
    }

    /// Whether the same request may succeed later without the user doing anything.
    pub fn is_transient(&self) -> bool {
        match self {
            RoomError::Unreachable { .. } | RoomError::RateLimited { .. } => true,
            RoomError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

impl RoomError {
    /// The sentence in `lang`: what happened and what to do. A homeserver's own reason is quoted
    /// as it sent it.
    pub fn said(&self, lang: Lang) -> String {
        self.words().render(lang)
    }

    /// The sentence as a catalogue message, to be said in the language in effect.
    pub fn words(&self) -> Msg {
        match self {
            RoomError::Unreachable { server } => Msg::new("error_room_unreachable").text("server", server.as_str()),
            RoomError::SignedOut => Msg::new("error_room_signed_out"),
            RoomError::BadLogin => Msg::new("error_room_bad_login"),
            RoomError::Forbidden { message } => Msg::new("error_room_forbidden").text("reason", sentence(message)),
            RoomError::NotFound => Msg::new("error_room_not_found"),
            RoomError::RateLimited { .. } => Msg::new("error_room_rate_limited"),
            RoomError::Server { status, message, .. } if message.is_empty() => {
                Msg::new("error_room_server_status").count("status", u64::from(*status))
            }
            RoomError::Server { message, .. } => Msg::new("error_room_server").text("reason", sentence(message)),
            RoomError::Invalid(words) => words.clone(),
        }
    }
}

impl fmt::Display for RoomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(Lang::En))
    }
}

impl std::error::Error for RoomError {}

/// A server's message as the end of a sentence: trimmed, capped, ending with a full stop.
fn sentence(message: &str) -> String {
    let mut text: String = message.trim().chars().take(200).collect();
    if text.is_empty() {
        text = "no reason given".into();
    }
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reads_as_sentences() {
        let errors = [
            RoomError::Unreachable { server: "matrix.example.org".into() },
            RoomError::SignedOut,
            RoomError::BadLogin,
            RoomError::Forbidden { message: "You don't have permission to post that to the room".into() },
            RoomError::NotFound,
            RoomError::RateLimited { retry_after: None },
            RoomError::Server { status: 502, code: String::new(), message: String::new() },
            RoomError::Server { status: 500, code: "M_UNKNOWN".into(), message: "Internal error".into() },
            RoomError::Invalid(Msg::new("error_room_homeserver_address").text("address", "cafe")),
            RoomError::request("a header value was not ASCII"),
        ];
        for e in errors {
            let text = e.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(text.chars().next().unwrap().is_uppercase() || text.starts_with('“'), "{text}");
        }
    }

    #[test]
    fn a_sign_in_failure_is_said_in_the_users_language() {
        assert_eq!(
            RoomError::BadLogin.said(Lang::De),
            "Der Homeserver hat diesen Benutzernamen und dieses Passwort nicht angenommen. Prüfe beides und versuche \
             es erneut."
        );
        assert_eq!(
            RoomError::Server { status: 502, code: String::new(), message: String::new() }.to_string(),
            "The homeserver answered with an error (HTTP 502). Try again later."
        );
        assert!(RoomError::Unreachable { server: "matrix.example.org".into() }
            .said(Lang::Es)
            .starts_with("Stint no puede conectar con matrix.example.org."));
    }

    #[test]
    fn only_unreachable_busy_or_failing_servers_are_worth_retrying() {
        assert!(RoomError::Unreachable { server: "x".into() }.is_transient());
        assert!(RoomError::RateLimited { retry_after: None }.is_transient());
        assert!(RoomError::Server { status: 503, code: String::new(), message: String::new() }.is_transient());
        assert!(!RoomError::SignedOut.is_transient());
        assert!(!RoomError::Forbidden { message: String::new() }.is_transient());
        assert!(!RoomError::Server { status: 400, code: String::new(), message: String::new() }.is_transient());
    }
}
