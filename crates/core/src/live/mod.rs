//! The live session's decisions, in one place.
//!
//! Every entry point — a UI command, the tray, a notification's button, the global shortcut, and
//! later a live room or a command line — calls the same function here for the same user action
//! (`actions`), and each action is one transaction in the store. The shell's runner only sleeps
//! until `Watch::next_wake`, calls `Watch::wake` and hands on what it returns: which phases ended,
//! whether the next phase is held, what a suspend means, what the tray says and which notices to
//! show (`watch`, `reminders`). Time and the user's zone come in as arguments; nothing here reads a
//! clock.

pub mod actions;
pub mod notice;
pub mod prefs;
pub mod reminders;
pub mod room;
mod room_share;
mod room_words;
pub mod tray;
pub mod watch;

pub use actions::{act, join, start, toggle, Changes, Joined, Outcome, StartRequest, Toggled};
pub use notice::{JoinTarget, Notice};
pub use prefs::{PomodoroLengths, SessionPrefs, SleepPolicy};
pub use reminders::Reminders;
pub use room::{call_room_role, follow, go_live, hosted_doc, join_room, leave_room, receive, Received};
pub use room_share::{is_sharing, share_commitments, shared_commitments};
pub use tray::TrayStatus;
pub use watch::{Gap, Wake, Watch, Woke, MAX_NAP};
