//! What the user is told outside the window: a phase change or a call's reminder, with the buttons
//! its notification offers.

use chrono::{DateTime, Utc};

use crate::announce::Announcement;

/// A call's occurrence the user can join from a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinTarget {
    pub call_id: String,
    pub occurrence_start: DateTime<Utc>,
}

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub announcement: Announcement,
    /// Offer "Skip" and "+5 min" (only while the session goes on).
    pub actions: bool,
    /// A call's reminder: offer "Join" for this occurrence.
    pub join: Option<JoinTarget>,
}

impl Notice {
    /// A phase change; `actions` offers Skip and +5 min.
    pub fn phase(announcement: Announcement, actions: bool) -> Self {
        Notice { announcement, actions, join: None }
    }

    /// A call's reminder, offering Join.
    pub fn reminder(announcement: Announcement, join: JoinTarget) -> Self {
        Notice { announcement, actions: false, join: Some(join) }
    }
}
