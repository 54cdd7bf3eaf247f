//! One function per user action on the live session. Every entry point — the UI's commands, the
//! tray, a notification's buttons, the global shortcut — calls these, so an action means the same
//! wherever it comes from. Each writes one transaction and returns the new view with what changed,
//! from which the shell tells its listeners.

use chrono::{DateTime, Utc};

use super::notice::JoinTarget;
use super::prefs::SessionPrefs;
use crate::builtins::POMODORO;
use crate::session_view::SessionView;
use crate::store::Store;
use crate::timeline::{state_at, Event, EventKind};
use crate::{Error, Result};

/// What an action changed, so that the shell tells the UI and the runner from the result instead of
/// each entry point remembering to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// The live session (started, paused, skipped, stopped, …): the runner re-reads it and every
    /// window is shown the new view.
    pub session: bool,
    /// Calls, their reminders, packs or series: the Calls view reloads and the runner re-reads the
    /// next reminder.
    pub calls: bool,
}

impl Changes {
    pub const SESSION: Changes = Changes { session: true, calls: false };
    pub const CALLS: Changes = Changes { session: false, calls: true };
}

/// The session after an action, and what the action changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub view: SessionView,
    pub changes: Changes,
}

/// Pause, resume, skip, extend or stop the live session at `now`. With no session live, a
/// `Conflict` that says so.
pub fn act(store: &mut Store, action: EventKind, now: DateTime<Utc>) -> Result<Outcome> {
    let session = store.active_session()?.ok_or_else(nothing_running)?;
    super::room::guard(store, session.id)?;
    store.append_event(session.id, Event { at: now, kind: action })?;
    outcome(store, session.id, now)
}

/// What `toggle` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggled {
    Paused,
    Resumed,
    /// Nothing was live: a pomodoro started.
    Started,
}

/// The tray's Start/Pause and the global shortcut: pauses or resumes the live session, or starts a
/// pomodoro with the user's lengths when none is live (or the live one is already over).
pub fn toggle(store: &mut Store, prefs: &SessionPrefs, now: DateTime<Utc>) -> Result<(Toggled, Outcome)> {
    if let Some(session) = store.active_session()? {
        let state = state_at(&session.timeline, now);
        if !state.done {
            super::room::guard(store, session.id)?;
            let (toggled, kind) =
                if state.paused { (Toggled::Resumed, EventKind::Resume) } else { (Toggled::Paused, EventKind::Pause) };
            store.append_event(session.id, Event { at: now, kind })?;
            return Ok((toggled, outcome(store, session.id, now)?));
        }
    }
    Ok((Toggled::Started, start(store, &StartRequest::pomodoro(), prefs, now)?))
}

/// A session to start now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartRequest {
    pub format_id: String,
    /// The first commitments (each 1–500 characters).
    pub commitments: Vec<String>,
}

impl StartRequest {
    /// The built-in pomodoro, with no commitments yet.
    pub fn pomodoro() -> Self {
        StartRequest { format_id: POMODORO.to_string(), commitments: Vec::new() }
    }
}

/// Starts a session of the requested format now; the built-in pomodoro runs with the user's
/// lengths. Another session still running is a `Conflict`.
pub fn start(store: &mut Store, request: &StartRequest, prefs: &SessionPrefs, now: DateTime<Utc>) -> Result<Outcome> {
    let session = if request.format_id == POMODORO {
        store.start_session_with_draft(POMODORO, prefs.pomodoro.draft(), now, &request.commitments)?
    } else {
        store.start_session(&request.format_id, now, &request.commitments)?
    };
    outcome(store, session.id, now)
}

/// A joined call: its session, and the link to open.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub outcome: Outcome,
    /// The call's join link (already validated when the call was stored), if it has one.
    pub join_link: Option<String>,
}

/// Joins a call's occurrence: its session starts at the scheduled start, so a late joiner is in the
/// call's current phase. Another session running is a `Conflict` unless `replace_running`, which
/// stops it in the same transaction.
pub fn join(store: &mut Store, target: &JoinTarget, replace_running: bool, now: DateTime<Utc>) -> Result<Joined> {
    let session = store.join_call_replacing(&target.call_id, target.occurrence_start, now, replace_running)?;
    let join_link = store.call(&target.call_id)?.call.join_link;
    Ok(Joined { outcome: outcome(store, session.id, now)?, join_link })
}

fn outcome(store: &mut Store, id: i64, now: DateTime<Utc>) -> Result<Outcome> {
    Ok(Outcome { view: store.session_view(id, now)?, changes: Changes::SESSION })
}

fn nothing_running() -> Error {
    Error::conflict("error_session_none_running")
}
