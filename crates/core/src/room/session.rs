//! `app.stint.session`: the whole input of a live session's timeline, written by its host only.
//!
//! Content: `{ v, session_id, host, format, started_at, events: [{ at, kind, seconds? }], rev }`; `{}`
//! (also what a redaction leaves) means the room has no live session. The host checks each new event
//! with the same `Timeline::push` a local action goes through and writes the next revision; a member
//! parses the content here and replays it, or refuses it whole.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::raw::{RawEvent, RawEventKind, RawSession};
use super::{Rejection, ROOM_FORMAT_VERSION};
use crate::format::FormatDraft;
use crate::i18n::Msg;
use crate::timeline::{Event, EventKind, Timeline};
use crate::{Error, Result};

/// The largest session content Stint reads or writes, in bytes of JSON. Matrix caps a whole event
/// (content, ids, signatures) at 65,536 bytes; this leaves room for the rest.
pub const MAX_SESSION_BYTES: usize = 60 * 1024;
/// The most events one live session may hold; the host is told to start a new session past it.
pub const MAX_DOC_EVENTS: usize = 500;
const MAX_SESSION_ID_CHARS: usize = 64;

/// A checked live session: who hosts it, its revision, and its timeline (format, start, events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDoc {
    pub session_id: String,
    pub host: String,
    pub rev: u64,
    timeline: Timeline,
}

impl SessionDoc {
    /// The first revision of a session the host starts: the format is validated, no events yet.
    pub fn start(session_id: &str, host: &str, format: &FormatDraft, started_at: DateTime<Utc>) -> Result<Self> {
        check_session_id(session_id).map_err(|_| Error::told("session_id", Msg::new("error_room_session_id")))?;
        if !super::is_user_id(host) {
            return Err(Error::told("host", Msg::new("error_room_host_not_user")));
        }
        let format = format.validated()?;
        Ok(SessionDoc {
            session_id: session_id.into(),
            host: host.into(),
            rev: 1,
            timeline: Timeline::new(format, started_at),
        })
    }

    /// The next revision with `event` appended, checked exactly as a local action is
    /// (`Timeline::push`). Refused (`Conflict`) when the document would outgrow what members read.
    pub fn with_event(&self, event: Event) -> Result<Self> {
        if self.timeline.events().len() >= MAX_DOC_EVENTS {
            return Err(Error::Conflict(Msg::new("error_room_session_full").count("max", MAX_DOC_EVENTS as u64)));
        }
        let mut next = self.clone();
        next.timeline.push(event)?;
        next.rev += 1;
        if next.to_content().to_string().len() > MAX_SESSION_BYTES {
            return Err(Error::conflict("error_room_session_too_large"));
        }
        Ok(next)
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The state event's content, as members parse it.
    pub fn to_content(&self) -> Value {
        let events: Vec<RawEvent> = self.timeline.events().iter().map(raw_event).collect();
        json!({
            "v": ROOM_FORMAT_VERSION,
            "session_id": self.session_id,
            "host": self.host,
            "format": self.timeline.format,
            "started_at": self.timeline.started_at,
            "events": events,
            "rev": self.rev,
        })
    }
}

/// Parses and checks the content of an `app.stint.session` event sent by `sender`. `Ok(None)` for
/// `{}` (no live session). Every check that does not need the room's power levels or the session being
/// followed happens here: size, JSON, version, shape, the session id, the host (= the sender), the
/// format's rules and the replay of every event.
pub fn parse_session(content: &[u8], sender: &str) -> Result<Option<SessionDoc>, Rejection> {
    let value = parse_object(content, MAX_SESSION_BYTES)?;
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return Ok(None);
    }
    check_version(&value, true)?;
    let raw: RawSession = serde_path_to_error::deserialize(value).map_err(malformed)?;
    check_session_id(&raw.session_id)
        .map_err(|message| Rejection::Invalid { field: "session_id".into(), message: message.into() })?;
    if !super::is_user_id(&raw.host) {
        return Err(Rejection::Invalid { field: "host".into(), message: "is not a Matrix user id".into() });
    }
    if raw.host != sender {
        return Err(Rejection::HostMismatch { sender: sender.into(), host: raw.host });
    }
    if raw.events.len() > MAX_DOC_EVENTS {
        return Err(Rejection::Invalid {
            field: "events".into(),
            message: format!("holds {} events, more than {MAX_DOC_EVENTS}", raw.events.len()),
        });
    }
    if raw.rev == 0 {
        return Err(Rejection::Invalid { field: "rev".into(), message: "revisions start at 1".into() });
    }
    let format = raw.format.into_draft();
    format.validate().map_err(|e| match Rejection::from_error(e) {
        Rejection::Invalid { field, message } => Rejection::Invalid { field: format!("format.{field}"), message },
        other => other,
    })?;
    let mut timeline = Timeline::new(format, raw.started_at);
    for (index, raw_event) in raw.events.into_iter().enumerate() {
        let event = timeline_event(raw_event, index)?;
        timeline.push(event).map_err(|e| Rejection::Timeline { index, message: error_message(e) })?;
    }
    Ok(Some(SessionDoc { session_id: raw.session_id, host: raw.host, rev: raw.rev, timeline }))
}

/// The content as a JSON object no larger than `limit` bytes.
pub(super) fn parse_object(content: &[u8], limit: usize) -> Result<Value, Rejection> {
    if content.len() > limit {
        return Err(Rejection::TooLarge { bytes: content.len(), limit });
    }
    let value: Value = serde_json::from_slice(content).map_err(|e| Rejection::NotJson(e.to_string()))?;
    if !value.is_object() {
        return Err(Rejection::NotJson("not an object".into()));
    }
    Ok(value)
}

/// `v` must be this Stint's version (`required`), or absent when optional.
pub(super) fn check_version(value: &Value, required: bool) -> Result<(), Rejection> {
    match value.get("v") {
        None if !required => Ok(()),
        None => Err(Rejection::Malformed { path: "v".into(), message: "missing field `v`".into() }),
        Some(v) if v.as_u64() == Some(ROOM_FORMAT_VERSION) => Ok(()),
        Some(v) => Err(Rejection::UnknownVersion(v.to_string())),
    }
}

pub(super) fn malformed(e: serde_path_to_error::Error<serde_json::Error>) -> Rejection {
    let path = e.path().to_string();
    Rejection::Malformed {
        path: if path == "." { "content".into() } else { path },
        message: e.into_inner().to_string(),
    }
}

fn check_session_id(id: &str) -> std::result::Result<(), &'static str> {
    let ok = !id.is_empty()
        && id.chars().count() <= MAX_SESSION_ID_CHARS
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err("must be 1 to 64 letters, digits, '-', '_' or '.'")
    }
}

fn timeline_event(raw: RawEvent, index: usize) -> Result<Event, Rejection> {
    let field = format!("events[{index}].seconds");
    let kind = match (raw.kind, raw.seconds) {
        (RawEventKind::Extend, Some(seconds)) => EventKind::Extend { seconds },
        (RawEventKind::Extend, None) => {
            return Err(Rejection::Invalid { field, message: "an extend event needs its seconds".into() })
        }
        (_, Some(_)) => return Err(Rejection::Invalid { field, message: "only an extend event has seconds".into() }),
        (RawEventKind::Pause, None) => EventKind::Pause,
        (RawEventKind::Resume, None) => EventKind::Resume,
        (RawEventKind::Skip, None) => EventKind::Skip,
        (RawEventKind::Stop, None) => EventKind::Stop,
    };
    Ok(Event { at: raw.at, kind })
}

fn raw_event(event: &Event) -> RawEvent {
    let (kind, seconds) = match event.kind {
        EventKind::Pause => (RawEventKind::Pause, None),
        EventKind::Resume => (RawEventKind::Resume, None),
        EventKind::Skip => (RawEventKind::Skip, None),
        EventKind::Extend { seconds } => (RawEventKind::Extend, Some(seconds)),
        EventKind::Stop => (RawEventKind::Stop, None),
    };
    RawEvent { at: event.at, kind, seconds }
}

fn error_message(e: Error) -> String {
    match e {
        Error::InvalidInput { field, message, .. } => format!("{field} {message}"),
        other => other.to_string(),
    }
}
