//! Stint's desktop shell: the Tauri app around `stint-core`. The shell carries; core decides.
//!
//! Folders, from the bottom up (each may use the ones above it in this list, never one below):
//! - `shared_store` — the one store behind a mutex;
//! - `room/` — the Matrix client of the live room (core's `room` protocol over HTTP);
//! - `subscribe/` — calendar subscriptions over HTTP (the fetch; core decides the rest);
//! - `runner/` — the task that keeps the live session's time: sleeps, wakes, calls core;
//! - `desktop/` — OS integrations (tray, windows, notifications, links, shortcut, D-Bus);
//! - `state/` — what commands and entry points share, and the settings file;
//! - `ipc/` — the commands and events of the UI, and how a change is told (`publish`);
//! - `app/` — start-up wiring and the entry points besides the UI (tray, notifications, shortcut).

pub mod app;
pub mod desktop;
pub mod ipc;
pub mod room;
pub mod runner;
pub mod shared_store;
pub mod state;
pub mod subscribe;

use tauri::{Manager, Runtime, WindowEvent};

use desktop::data_dir;
use desktop::mini;
use desktop::single_instance;

/// Where the windows' sizes and positions are kept when `STINT_DATA_DIR` is set (otherwise the
/// window-state plugin's file in the config dir).
const WINDOW_STATE_FILE: &str = "window-state.json";

pub fn run() {
    #[cfg(target_os = "linux")]
    let restart_failure = desktop::webview_env::apply_defaults();
    app::logging::init();
    #[cfg(target_os = "linux")]
    if let Some(failure) = restart_failure {
        log::warn!("{failure}; this process runs without WebKit's allocator tuning");
    }
    let context = tauri::generate_context!();
    // First: a second launch hands over to the running Stint and exits before anything else starts.
    let claimed = match data_dir::for_identifier(&context.config().identifier) {
        Some(dir) => match single_instance::claim(&dir, std::env::args().collect()) {
            single_instance::Start::First(claimed) => Some(claimed),
            single_instance::Start::HandedOver => {
                log::info!("Stint is already running; it was handed this launch");
                return;
            }
            single_instance::Start::Unchecked => None,
        },
        None => None,
    };
    let app = tauri::Builder::default()
        .plugin(single_instance::plugin(claimed, app::entry::on_second_launch))
        .plugin(window_state())
        .plugin(tauri_plugin_autostart::Builder::new().build())
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_deep_link::init())
        // Before `setup`: a link that arrives while Stint starts is held, not lost.
        .manage(state::pending_packs::PendingPacks::default())
        .manage(ipc::room_links::PendingRoomLink::default())
        .plugin(desktop::update::plugin())
        .invoke_handler(ipc::handler())
        .setup(|app| {
            app::setup(app.handle())?;
            Ok(())
        })
        .on_window_event(|window, event| match event {
            WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) if window.label() == "main" => {
                app::packs::on_drop(window.app_handle(), paths);
            }
            WindowEvent::CloseRequested { api, .. } => {
                let app = window.app_handle();
                // The mini timer is only hidden; the main window too while the timer goes on in the tray.
                if window.label() == mini::LABEL || (window.label() == "main" && app::session_running(app)) {
                    api.prevent_close();
                    let _ = window.hide();
                    save_window_state(app);
                }
            }
            WindowEvent::Destroyed if window.label() == "main" => {
                // A hidden mini timer must not keep Stint running once the main window is gone.
                if let Some(mini) = window.app_handle().get_webview_window(mini::LABEL) {
                    let _ = mini.destroy();
                }
            }
            _ => {}
        })
        .build(context);
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app::integrity::mark_clean_shutdown(app);
            }
        }),
        Err(e) => {
            eprintln!("Stint could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// Remembers each window's size and position (the mini timer's under its own label). Visibility is
/// not restored: Stint decides what is shown.
fn window_state<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_window_state::{Builder, StateFlags};
    let mut builder = Builder::new()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        .skip_initial_state(mini::LABEL); // mini.rs restores its position only
    if let Some(dir) = data_dir::overridden() {
        // An absolute file name replaces the plugin's config dir, keeping a test's data in one place.
        builder = builder.with_filename(dir.join(WINDOW_STATE_FILE).to_string_lossy());
    }
    builder.build()
}

/// Writes the windows' geometry now (the plugin writes at exit; a hidden window may outlive a logout).
fn save_window_state<R: Runtime>(app: &tauri::AppHandle<R>) {
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    if let Err(e) = app.save_window_state(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED) {
        log::warn!("cannot save the window positions: {e}");
    }
}
