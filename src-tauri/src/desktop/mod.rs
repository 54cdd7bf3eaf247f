//! The desktop around Stint: windows besides the main one, the tray, notifications, links, the
//! global shortcut, start at login, one instance per data dir, and what the desktop tells us (sleep,
//! light or dark). Each module does one OS thing and decides nothing about a session: what a click
//! or a signal means is handed to a callback, and the caller asks core.
//!
//! May use: `stint-core`'s types, Tauri and the OS. Never `state`, `ipc`, `app` or the runner.

pub mod capabilities;
#[cfg(target_os = "linux")]
pub mod color_scheme;
pub mod data_dir;
#[cfg(target_os = "linux")]
mod dbus_watch;
pub mod file_dialog;
pub mod links;
pub mod locale;
pub mod mini;
pub mod notifier;
pub mod notify_failure;
#[cfg(unix)]
pub mod quit_signal;
pub mod shortcut;
pub mod single_instance;
pub mod sleep_watch;
pub mod system;
#[cfg(all(test, target_os = "linux"))]
mod test_bus;
pub mod tray;
pub mod tray_digits;
pub mod update;
#[cfg(target_os = "linux")]
pub mod webview_env;
