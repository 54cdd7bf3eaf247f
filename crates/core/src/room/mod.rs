//! The live room's protocol: what Stint reads from and writes to a Matrix room, and what it refuses.
//!
//! A host runs a call's timer for everybody through two kinds of room state (docs/room.md):
//! `app.stint.session` (state key `""`) holds the whole input of the session's timeline, and
//! `app.stint.member` (state key = the member's user id) says who is in the session now. Members
//! never apply diffs: they replay the host's document with the same `Timeline` a local session uses.
//!
//! Everything read from a room is hostile until proven otherwise: each document is checked for size,
//! version, shape, values, the timeline's rules, its revision and its sender's power level, and a
//! document that fails any check is refused whole with a `Rejection` (a sentence for the log) while the
//! last good state stays. No HTTP and no clock reads here: the shell passes the content, the sender and
//! `now` in room time (`clock` turns the local clock into room time).

mod address;
mod clock;
mod follow;
mod member;
mod power;
mod raw;
mod rejection;
mod session;

pub use address::{room_address, MAX_ROOM_ADDRESS_BYTES};
pub use clock::{ClockEstimate, ClockSample, IGNORED_OFFSET_MS, WARN_OFFSET_MS};
pub use follow::{Follow, FollowChange};
pub use member::{
    member_content, parse_member, presence, MemberDoc, MemberEntry, MemberStatus, Present, SharedCommitment,
    MAX_MEMBER_BYTES, MAX_MEMBER_TTL_SECONDS, MAX_SHARED_COMMITMENTS, MEMBER_REFRESH_SECONDS, MEMBER_TTL_SECONDS,
};
pub use power::{check_sender, PowerLevels};
pub use rejection::Rejection;
pub use session::{parse_session, SessionDoc, MAX_DOC_EVENTS, MAX_SESSION_BYTES};

/// The state event type of a live session (state key `""`).
pub const SESSION_EVENT_TYPE: &str = "app.stint.session";
/// The state event type of a member's presence in a live session (state key = the member's user id).
pub const MEMBER_EVENT_TYPE: &str = "app.stint.member";
/// The version of the room documents this Stint reads and writes (`v`).
pub const ROOM_FORMAT_VERSION: u64 = 1;

/// Whether `s` has the shape of a Matrix user id: `@localpart:server`, at most 255 bytes, no
/// whitespace or control characters.
pub fn is_user_id(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('@') else { return false };
    let Some((local, server)) = rest.split_once(':') else { return false };
    s.len() <= 255 && !local.is_empty() && !server.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}
