//! The words of a followed session's notifications: what the host did, then where the session is
//! now, in the same body as a phase change ("Focus, 25 min. Next: Break at 10:35."), in the user's
//! language.

use chrono::{DateTime, FixedOffset, Utc};

use crate::announce::{duration_text, phase_change, Announcement};
use crate::i18n::{tr, tr0, Speech};
use crate::timeline::{EventKind, Timeline};

/// The first notification of a followed session: where the host's session is now.
pub fn joined(timeline: &Timeline, now: DateTime<Utc>, offset: FixedOffset, speech: impl Into<Speech>) -> Announcement {
    let speech = speech.into();
    Announcement {
        title: tr0(speech.lang, "notify_host_joined"),
        body: phase_change(timeline, now, offset, speech).body,
    }
}

/// The host's `kind` of action, announced with where the session is after it.
pub fn host_action(
    timeline: &Timeline,
    kind: EventKind,
    now: DateTime<Utc>,
    offset: FixedOffset,
    speech: impl Into<Speech>,
) -> Announcement {
    let speech = speech.into();
    let lang = speech.lang;
    let title = match kind {
        EventKind::Pause => tr0(lang, "notify_host_paused"),
        EventKind::Resume => tr0(lang, "notify_host_resumed"),
        EventKind::Skip => tr0(lang, "notify_host_skipped"),
        EventKind::Extend { seconds } => {
            let duration = duration_text(u64::from(seconds), lang);
            tr(lang, "notify_host_extended", &[("duration", duration.as_str().into())])
        }
        EventKind::Stop => tr0(lang, "notify_host_stopped"),
    };
    Announcement { title, body: phase_change(timeline, now, offset, speech).body }
}
