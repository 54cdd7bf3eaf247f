//! stint-core: every decision Stint makes, free of Tauri and of the OS.
//!
//! The shell (`src-tauri`) wires these modules to windows, timers and notifications; everything that
//! can be decided without a window is decided and tested here.

pub mod announce;
pub mod builtins;
pub mod calls;
pub mod commitment;
pub mod error;
pub mod format;
pub mod i18n;
pub mod ics;
pub mod live;
pub mod pack;
pub mod room;
pub mod session_view;
pub mod store;
pub mod subscription;
pub mod timeline;
pub mod upcoming;
pub mod update;
pub mod words;

pub use error::{Error, Result, Thing};
