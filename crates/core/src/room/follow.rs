//! What a member follows: the last good `app.stint.session` of the room.
//!
//! Every document the room delivers is offered here; it replaces the one being followed only when it
//! passed every check of `parse_session`, its sender may write it, and it is newer: a higher revision of
//! the same session, or a session that started no earlier. Anything else is refused whole and the last
//! good state stays, so a member keeps following through hostile content, replays and reordering.

use chrono::{DateTime, Utc};

use super::power::{check_sender, PowerLevels};
use super::session::{parse_session, SessionDoc};
use super::{Rejection, SESSION_EVENT_TYPE};
use crate::timeline::{state_at, SessionState};

/// The session a member follows, and the newest it has seen (so an older one is refused even after
/// the room was cleared).
#[derive(Debug, Clone, Default)]
pub struct Follow {
    current: Option<SessionDoc>,
    newest: Option<Seen>,
}

#[derive(Debug, Clone)]
struct Seen {
    session_id: String,
    rev: u64,
    started_at: DateTime<Utc>,
}

/// What an accepted document changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowChange {
    /// A session to follow that was not followed before (the first, or a newer one).
    Started,
    /// A newer revision of the session being followed.
    Updated,
    /// The room has no live session any more (`{}`).
    Cleared,
    /// The same document again, or `{}` when nothing was followed.
    Unchanged,
}

impl Follow {
    pub fn new() -> Self {
        Self::default()
    }

    /// The session being followed, if any.
    pub fn current(&self) -> Option<&SessionDoc> {
        self.current.as_ref()
    }

    /// Where the followed session is at `now` (room time).
    pub fn state_at(&self, now: DateTime<Utc>) -> Option<SessionState> {
        self.current.as_ref().map(|doc| state_at(doc.timeline(), now))
    }

    /// Offers the content of an `app.stint.session` state event sent by `sender`, in a room with
    /// `levels`. On `Err`, nothing changed.
    pub fn offer(&mut self, content: &[u8], sender: &str, levels: &PowerLevels) -> Result<FollowChange, Rejection> {
        check_sender(levels, sender, SESSION_EVENT_TYPE)?;
        let Some(doc) = parse_session(content, sender)? else {
            return Ok(match self.current.take() {
                Some(_) => FollowChange::Cleared,
                None => FollowChange::Unchanged,
            });
        };
        if self.current.as_ref() == Some(&doc) {
            return Ok(FollowChange::Unchanged);
        }
        let change = match &self.newest {
            None => FollowChange::Started,
            Some(seen) if seen.session_id == doc.session_id => {
                if doc.rev <= seen.rev {
                    return Err(Rejection::Stale { rev: doc.rev, last: seen.rev });
                }
                if self.current.is_some() {
                    FollowChange::Updated
                } else {
                    FollowChange::Started
                }
            }
            Some(seen) if doc.timeline().started_at < seen.started_at => return Err(Rejection::OlderSession),
            Some(_) => FollowChange::Started,
        };
        self.newest =
            Some(Seen { session_id: doc.session_id.clone(), rev: doc.rev, started_at: doc.timeline().started_at });
        self.current = Some(doc);
        Ok(change)
    }
}
