//! The words of a followed session's notifications: what the host did, then where the session is
//! now, in the same body as a phase change ("Focus, 25 min. Next: Break at 10:35.").

use chrono::{DateTime, FixedOffset, Utc};

use crate::announce::{duration_text, phase_change, Announcement};
use crate::timeline::{EventKind, Timeline};

/// The first notification of a followed session: where the host's session is now.
pub fn joined(timeline: &Timeline, now: DateTime<Utc>, offset: FixedOffset) -> Announcement {
    Announcement { title: "You follow the host's live session".into(), body: phase_change(timeline, now, offset).body }
}

/// The host's `kind` of action, announced with where the session is after it.
pub fn host_action(timeline: &Timeline, kind: EventKind, now: DateTime<Utc>, offset: FixedOffset) -> Announcement {
    let title = match kind {
        EventKind::Pause => "The host paused the timer".to_string(),
        EventKind::Resume => "The host resumed the timer".to_string(),
        EventKind::Skip => "The host moved on to the next phase".to_string(),
        EventKind::Extend { seconds } => format!("The host added {}", duration_text(u64::from(seconds))),
        EventKind::Stop => "The host ended the live session".to_string(),
    };
    Announcement { title, body: phase_change(timeline, now, offset).body }
}
