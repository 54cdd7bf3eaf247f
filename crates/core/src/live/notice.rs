//! What the user is told outside the window: a phase change or a call's reminder, with the buttons
//! its notification offers.

use chrono::{DateTime, Utc};

use crate::announce::Announcement;
use crate::i18n::{tr0, Lang};

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
    /// The language of the notification's buttons (its words are already in `announcement`).
    pub lang: Lang,
}

impl Notice {
    /// A phase change; `actions` offers Skip and +5 min.
    pub fn phase(announcement: Announcement, actions: bool, lang: Lang) -> Self {
        Notice { announcement, actions, join: None, lang }
    }

    /// A call's reminder, offering Join.
    pub fn reminder(announcement: Announcement, join: JoinTarget, lang: Lang) -> Self {
        Notice { announcement, actions: false, join: Some(join), lang }
    }

    /// The label of a button: "notify_action_skip", "notify_action_extend" or "notify_action_join".
    pub fn action_label(&self, key: &str) -> String {
        tr0(self.lang, key)
    }
}
