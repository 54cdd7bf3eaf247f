//! A signed-in user's requests to rooms: join, read the whole state in one request, write a state event
//! (timed, for the clock), and create a room set up for live calls.

use std::borrow::Cow;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use ruma::api::auth_scheme::{AuthScheme, SendAccessToken};
use ruma::api::client::membership::join_room_by_id_or_alias;
use ruma::api::client::room::{create_room, get_room_event};
use ruma::api::client::state::{get_state_events, send_state_event};
use ruma::api::path_builder::PathBuilder;
use ruma::api::{OutgoingRequest, SupportedVersions};
use ruma::events::StateEventType;
use ruma::serde::Raw;
use ruma::{OwnedEventId, OwnedRoomId, OwnedRoomOrAliasId};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};
use stint_core::i18n::Msg;
use stint_core::room::{ClockSample, PowerLevels, MEMBER_EVENT_TYPE, SESSION_EVENT_TYPE};

use super::error::RoomError;
use super::login::MatrixSession;
use super::transport::Homeserver;

/// A signed-in user on their homeserver. Clones share the session, so a renewed access token
/// (`renew_session`) reaches the room's long-poll too, without leaving and entering the room.
#[derive(Debug, Clone)]
pub struct RoomClient {
    server: Homeserver,
    user_id: String,
    session: Arc<RwLock<MatrixSession>>,
}

/// One state event as the room holds it; `content` is its JSON exactly as the server sent it, for
/// core to check (size included) before anything is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateEvent {
    pub event_type: String,
    pub state_key: String,
    pub sender: String,
    pub event_id: String,
    pub origin_server_ts: i64,
    pub content: Vec<u8>,
}

/// The whole state of a room, as one request returns it.
#[derive(Debug, Clone, Default)]
pub struct RoomState {
    pub room_id: String,
    pub events: Vec<StateEvent>,
}

/// A state event written: its id, and a clock sample when the server's stamp on it could be read.
#[derive(Debug, Clone)]
pub struct Written {
    pub event_id: String,
    pub sample: Option<ClockSample>,
}

impl RoomClient {
    pub fn new(server: Homeserver, session: MatrixSession) -> Self {
        RoomClient { server, user_id: session.user_id.clone(), session: Arc::new(RwLock::new(session)) }
    }

    /// The same client (sharing its session) with connections of its own (for another tokio runtime).
    pub fn with_own_connections(&self) -> Self {
        RoomClient { server: self.server.with_own_connections(), ..self.clone() }
    }

    pub fn server(&self) -> &Homeserver {
        &self.server
    }

    pub(super) fn session(&self) -> MatrixSession {
        self.session.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// From now on every clone sends `renewed`'s access token (the same user's session, renewed).
    pub(super) fn renew_session(&self, renewed: MatrixSession) {
        *self.session.write().unwrap_or_else(|p| p.into_inner()) = renewed;
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// Sends `request` as this user, with the access token in effect now (a renewal may have
    /// swapped it since the last request), waiting `timeout` or the default.
    pub(super) async fn send<R>(&self, request: R, timeout: Option<Duration>) -> Result<R::IncomingResponse, RoomError>
    where
        R: OutgoingRequest,
        R::Authentication: for<'a> AuthScheme<Input<'a> = SendAccessToken<'a>>,
        R::PathBuilder: for<'a> PathBuilder<Input<'a> = Cow<'a, SupportedVersions>>,
    {
        let token = self.session.read().unwrap_or_else(|p| p.into_inner()).access_token.clone();
        self.server.send(request, SendAccessToken::IfRequired(&token), self.server.path(), timeout).await
    }

    /// Joins a room by alias (`#cafe:example.org`) or id (`!abc:example.org`); answers its id.
    pub async fn join(&self, alias_or_id: &str) -> Result<String, RoomError> {
        let target = OwnedRoomOrAliasId::try_from(alias_or_id.trim())
            .map_err(|_| RoomError::Invalid(Msg::new("error_room_address")))?;
        let request = join_room_by_id_or_alias::v3::Request::new(target);
        let answer = self.send(request, None).await?;
        Ok(answer.room_id.to_string())
    }

    /// The room's whole state in one request: what a late joiner needs to land in the current phase.
    pub async fn room_state(&self, room_id: &str) -> Result<RoomState, RoomError> {
        let request = get_state_events::v3::Request::new(parse_room_id(room_id)?);
        let answer = self.send(request, None).await?;
        let events = answer.room_state.iter().filter_map(|raw| state_event(raw.json().get())).collect();
        Ok(RoomState { room_id: room_id.to_string(), events })
    }

    /// Writes one state event, timing the round trip with `now` (the shell's clock), then reads the
    /// server's stamp on it for a clock sample. The write counts even when the stamp cannot be read.
    pub async fn write_state(
        &self,
        room_id: &str,
        event_type: &str,
        state_key: &str,
        content: &Value,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<Written, RoomError> {
        let room = parse_room_id(room_id)?;
        let body = Raw::from_json(to_raw(content)?);
        let request = send_state_event::v3::Request::new_raw(
            room.clone(),
            StateEventType::from(event_type),
            state_key.into(),
            body,
        );
        let sent_at = now();
        let answer = self.send(request, None).await?;
        let answered_at = now();
        let sample = match self.event_ts(room, answer.event_id.clone()).await {
            Ok(server_ts) => Some(ClockSample { sent_at, answered_at, server_ts }),
            Err(e) => {
                log::info!("Stint wrote to the room but could not read the server's time of it: {e}");
                None
            }
        };
        Ok(Written { event_id: answer.event_id.to_string(), sample })
    }

    async fn event_ts(&self, room: OwnedRoomId, event_id: OwnedEventId) -> Result<i64, RoomError> {
        let request = get_room_event::v3::Request::new(room, event_id);
        let answer = self.send(request, None).await?;
        #[derive(Deserialize)]
        struct Stamped {
            origin_server_ts: i64,
        }
        serde_json::from_str::<Stamped>(answer.event.json().get()).map(|e| e.origin_server_ts).map_err(|_| {
            RoomError::Server { status: 200, code: String::new(), message: "the event had no time".into() }
        })
    }

    /// Creates a room for live calls: moderators (50) may host, everyone may announce themselves.
    /// `alias` is the local part (`cafe` for `#cafe:server`).
    pub async fn create_room(&self, name: &str, alias: Option<&str>) -> Result<String, RoomError> {
        let mut request = create_room::v3::Request::new();
        request.name = Some(name.to_string());
        request.room_alias_name = alias.map(str::to_string);
        request.preset = Some(create_room::v3::RoomPreset::PublicChat);
        let levels = json!({ "events": { SESSION_EVENT_TYPE: 50, MEMBER_EVENT_TYPE: 0 } });
        request.power_level_content_override = Some(Raw::from_json(to_raw(&levels)?));
        let answer = self.send(request, None).await?;
        Ok(answer.room_id.to_string())
    }
}

impl RoomState {
    /// The state event of `event_type` and `state_key`, if the room has one.
    pub fn get(&self, event_type: &str, state_key: &str) -> Option<&StateEvent> {
        self.events.iter().find(|e| e.event_type == event_type && e.state_key == state_key)
    }

    /// Every state event of `event_type`.
    pub fn all<'a>(&'a self, event_type: &'a str) -> impl Iterator<Item = &'a StateEvent> + 'a {
        self.events.iter().filter(move |e| e.event_type == event_type)
    }

    /// Who may write what in this room (core decides from the create and power-levels events).
    pub fn power_levels(&self) -> PowerLevels {
        let parse = |e: &StateEvent| serde_json::from_slice::<Value>(&e.content).ok();
        let create = self.get("m.room.create", "").and_then(|e| parse(e).map(|c| (e.sender.clone(), c)));
        let levels = self.get("m.room.power_levels", "").and_then(parse);
        PowerLevels::for_room(create.as_ref().map(|(s, c)| (s.as_str(), c)), levels.as_ref())
    }
}

/// A state event from its JSON, or `None` (logged) when it lacks what every state event has.
pub(super) fn state_event(json: &str) -> Option<StateEvent> {
    #[derive(Deserialize)]
    struct Wire<'a> {
        #[serde(rename = "type")]
        event_type: String,
        state_key: Option<String>,
        sender: String,
        event_id: String,
        origin_server_ts: i64,
        #[serde(borrow)]
        content: &'a RawValue,
    }
    match serde_json::from_str::<Wire>(json) {
        Ok(w) => Some(StateEvent {
            event_type: w.event_type,
            state_key: w.state_key?,
            sender: w.sender,
            event_id: w.event_id,
            origin_server_ts: w.origin_server_ts,
            content: w.content.get().as_bytes().to_vec(),
        }),
        Err(e) => {
            log::info!("Ignored a room event Stint could not read: {e}");
            None
        }
    }
}

fn parse_room_id(room_id: &str) -> Result<OwnedRoomId, RoomError> {
    OwnedRoomId::try_from(room_id).map_err(|_| RoomError::request(format_args!("\"{room_id}\" is not a room id")))
}

fn to_raw(value: &Value) -> Result<Box<RawValue>, RoomError> {
    serde_json::value::to_raw_value(value).map_err(|e| RoomError::request(format_args!("cannot encode the event: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_events_keep_their_content_exactly_and_non_state_events_are_skipped() {
        let json = r#"{"type":"app.stint.member","state_key":"@a:x.org","sender":"@a:x.org","event_id":"$1",
            "origin_server_ts":1796208060000,"content":{"status":"working",  "v":1}}"#;
        let event = state_event(json).unwrap();
        assert_eq!(event.content, br#"{"status":"working",  "v":1}"#);
        assert_eq!(event.origin_server_ts, 1_796_208_060_000);
        let message =
            r#"{"type":"m.room.message","sender":"@a:x.org","event_id":"$2","origin_server_ts":1,"content":{}}"#;
        assert_eq!(state_event(message), None);
        assert_eq!(state_event(r#"{"type":"app.stint.session"}"#), None);
    }
}
