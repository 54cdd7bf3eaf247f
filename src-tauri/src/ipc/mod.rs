//! The IPC surface: the commands the UI calls and the events it hears. Each command parses its
//! arguments, makes one core call, maps the error, and lets `publish` tell whoever listens what
//! changed. The list of commands is written once, in `surface.rs`. Every command that touches the
//! store runs on the async runtime's threads (`#[tauri::command(async)]`), never on the main thread
//! that draws the windows: an import or a long expansion cannot freeze the window.
//!
//! May use: `stint-core`, `state`, `desktop` (the mini timer, links), the runner's handle. Never `app`.

pub mod call_rooms;
pub mod calls;
pub mod commitments;
pub mod communities;
pub mod error;
pub mod events;
pub mod formats;
pub mod history;
pub mod locale;
pub mod pack_imports;
pub mod platform;
pub mod publish;
pub mod room;
pub mod room_browser;
pub mod room_links;
pub mod series;
pub mod session;
pub mod settings;
pub mod subscriptions;
pub mod update;
pub mod windows;

use tauri::Runtime;

include!("surface.rs");

macro_rules! invoke_handler {
    ($($module:ident :: $command:ident : [$($window:ident),+]),* $(,)?) => {
        tauri::generate_handler![$($module::$command),*]
    };
}

/// Every command with the windows allowed to call it (`main`, `mini`).
pub const SURFACE: &[(&str, &[&str])] = ipc_surface!(command_table);

/// The invoke handler with every command of the surface.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    ipc_surface!(invoke_handler)
}

#[cfg(test)]
mod pack_imports_tests;
#[cfg(test)]
mod surface_tests;
#[cfg(test)]
mod tests;
