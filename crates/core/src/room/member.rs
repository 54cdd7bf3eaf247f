//! `app.stint.member`: who is in a live session now, and with what status.
//!
//! Each member writes its own entry (state key = its user id, which the server enforces for keys that
//! start with `@`): `{ session_id, status, expires_ts, commitments? }`, refreshed every few minutes so
//! that a member who vanishes drops off when its entry expires; leaving writes `{}`. Commitments (and
//! whether each is done) are there only when the member chose to share them for this session: room
//! state is readable by the homeserver's admins. A hostile entry (oversized, malformed, too many or
//! too long commitments) is refused whole and the member is not listed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use super::raw::{RawMember, RawShared};
use super::session::{check_version, malformed, parse_object};
use super::Rejection;
use crate::commitment::MAX_TEXT_CHARS;

/// The largest member content Stint reads, in bytes of JSON.
pub const MAX_MEMBER_BYTES: usize = 16 * 1024;
/// The most commitments a member may share.
pub const MAX_SHARED_COMMITMENTS: usize = 20;
/// How long an entry Stint writes stays valid, and how often Stint refreshes it: at the first answer
/// of the room's long-poll (at most 55 s apart) after 3 minutes, so at most 4 minutes apart.
pub const MEMBER_TTL_SECONDS: i64 = 5 * 60;
pub const MEMBER_REFRESH_SECONDS: i64 = 3 * 60;
/// An entry that claims to stay valid for longer than this is refused: it would outlive its member.
pub const MAX_MEMBER_TTL_SECONDS: i64 = 15 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Working,
    Break,
    Away,
}

/// A checked member entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDoc {
    pub session_id: String,
    pub status: MemberStatus,
    /// Room time (ms since the Unix epoch) after which the entry no longer counts.
    pub expires_ts: i64,
    pub commitments: Vec<SharedCommitment>,
}

/// One commitment a member shares with the session, and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SharedCommitment {
    pub text: String,
    pub done: bool,
}

/// One `app.stint.member` state event as the room holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberEntry {
    pub state_key: String,
    pub sender: String,
    pub content: Vec<u8>,
}

/// A member who is in the session now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Present {
    pub user_id: String,
    pub status: MemberStatus,
    /// Empty unless the member shared them.
    pub commitments: Vec<SharedCommitment>,
}

/// The content a member writes: its status, valid for `MEMBER_TTL_SECONDS` from `now` (room time),
/// and its commitments (each `{ text, done }`) only when shared; past the first 20 they are left out.
pub fn member_content(
    session_id: &str,
    status: MemberStatus,
    now: DateTime<Utc>,
    shared: Option<&[SharedCommitment]>,
) -> Value {
    let mut content = json!({
        "v": super::ROOM_FORMAT_VERSION,
        "session_id": session_id,
        "status": status,
        "expires_ts": now.timestamp_millis() + MEMBER_TTL_SECONDS * 1000,
    });
    if let Some(commitments) = shared {
        let list: Vec<&SharedCommitment> = commitments.iter().take(MAX_SHARED_COMMITMENTS).collect();
        content["commitments"] = json!(list);
    }
    content
}

/// Parses and checks one member entry at `now` (room time). `Ok(None)` for `{}`: the member left.
pub fn parse_member(entry: &MemberEntry, now: DateTime<Utc>) -> Result<Option<MemberDoc>, Rejection> {
    if entry.state_key != entry.sender {
        return Err(Rejection::StateKeyMismatch { sender: entry.sender.clone(), state_key: entry.state_key.clone() });
    }
    let value = parse_object(&entry.content, MAX_MEMBER_BYTES)?;
    if value.as_object().is_some_and(|o| o.is_empty()) {
        return Ok(None);
    }
    check_version(&value, false)?;
    let raw: RawMember = serde_path_to_error::deserialize(value).map_err(malformed)?;
    let invalid = |field: &str, message: String| Rejection::Invalid { field: field.into(), message };
    if raw.session_id.is_empty() || raw.session_id.len() > 64 {
        return Err(invalid("session_id", "must be 1 to 64 characters".into()));
    }
    let now_ms = now.timestamp_millis();
    if raw.expires_ts <= now_ms {
        return Err(Rejection::Expired);
    }
    if raw.expires_ts - now_ms > MAX_MEMBER_TTL_SECONDS * 1000 {
        return Err(invalid("expires_ts", format!("is more than {} minutes ahead", MAX_MEMBER_TTL_SECONDS / 60)));
    }
    let commitments: Vec<SharedCommitment> = raw
        .commitments
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, shared)| match shared {
            RawShared::Text(text) => Ok(SharedCommitment { text, done: false }),
            RawShared::Item(item) => shared_item(item, i),
        })
        .collect::<Result<_, _>>()?;
    if commitments.len() > MAX_SHARED_COMMITMENTS {
        return Err(invalid(
            "commitments",
            format!("holds {} commitments, more than {MAX_SHARED_COMMITMENTS}", commitments.len()),
        ));
    }
    for (i, shared) in commitments.iter().enumerate() {
        let chars = shared.text.trim().chars().count();
        if chars == 0 || chars > MAX_TEXT_CHARS {
            return Err(invalid(&format!("commitments[{i}]"), format!("must be 1 to {MAX_TEXT_CHARS} characters")));
        }
    }
    Ok(Some(MemberDoc { session_id: raw.session_id, status: raw.status, expires_ts: raw.expires_ts, commitments }))
}

/// `{ "text": string, "done": bool? }` and nothing else.
fn shared_item(item: serde_json::Map<String, Value>, index: usize) -> Result<SharedCommitment, Rejection> {
    let malformed =
        |message: &str| Rejection::Malformed { path: format!("commitments[{index}]"), message: message.into() };
    if let Some(key) = item.keys().find(|k| !matches!(k.as_str(), "text" | "done")) {
        return Err(malformed(&format!("unknown field `{key}`, expected `text` or `done`")));
    }
    let text = match item.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err(malformed("`text` must be a string")),
        None => return Err(malformed("missing field `text`")),
    };
    let done = match item.get("done") {
        None => false,
        Some(Value::Bool(done)) => *done,
        Some(_) => return Err(malformed("`done` must be true or false")),
    };
    Ok(SharedCommitment { text, done })
}

/// Who is in session `session_id` at `now` (room time), sorted by user id; and each entry that was
/// refused, with its sender and why (to log). Members who left (`{}`) are neither.
pub fn presence(
    entries: &[MemberEntry],
    session_id: &str,
    now: DateTime<Utc>,
) -> (Vec<Present>, Vec<(String, Rejection)>) {
    let mut present = Vec::new();
    let mut refused = Vec::new();
    for entry in entries {
        match parse_member(entry, now) {
            Ok(None) => {}
            Ok(Some(doc)) if doc.session_id != session_id => {
                refused.push((entry.sender.clone(), Rejection::OtherSession))
            }
            Ok(Some(doc)) => present.push(Present {
                user_id: entry.sender.clone(),
                status: doc.status,
                commitments: doc.commitments,
            }),
            Err(rejection) => refused.push((entry.sender.clone(), rejection)),
        }
    }
    present.sort_by(|a, b| a.user_id.cmp(&b.user_id));
    present.dedup_by(|a, b| a.user_id == b.user_id);
    (present, refused)
}
