//! Stint's desktop shell: the Tauri app around `stint-core`.
//!
//! `run` wires the pieces: the data dir (or `STINT_DATA_DIR`), settings, the store, the notifier, the
//! runner task, the tray, the logind watcher, and what closing the window means.

use std::path::PathBuf;

use chrono::Utc;
use stint_core::store::Store;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};

pub mod clock;
pub mod commands;
pub mod effects;
pub mod error;
mod logging;
pub mod notifier;
pub mod runner;
mod sessions;
pub mod settings;
#[cfg(target_os = "linux")]
pub mod sleep_watch;
pub mod state;
pub mod tray;

use notifier::NotificationAction;
use runner::{Message, Runner};
use state::{AppState, SharedStore};
use stint_core::timeline::EventKind;
use tray::TrayAction;

/// Overrides the data dir (the database and the settings); the end-to-end tests point it at a temp dir.
pub const DATA_DIR_ENV: &str = "STINT_DATA_DIR";
pub const DATABASE_FILE: &str = "stint.db";

pub fn run() {
    logging::init();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .setup(|app| {
            setup(app.handle())?;
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                if window.label() == "main" && session_running(window.app_handle()) {
                    // The timer goes on in the tray; the window comes back from there.
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Stint could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// The directory of `stint.db` and `settings.json`.
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => app.path().app_data_dir(),
    }
}

fn setup<R: Runtime>(app: &AppHandle<R>) -> Result<(), Box<dyn std::error::Error>> {
    let dir = data_dir(app)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    let mut startup_report = Vec::new();

    let settings_path = dir.join(settings::FILE_NAME);
    let loaded = settings::load(&settings_path, Utc::now());
    startup_report.extend(loaded.notice);
    let settings = loaded.settings;

    let database = dir.join(DATABASE_FILE);
    let (store, opened) = Store::open(&database).map_err(|e| format!("cannot open the database: {e}"))?;
    log::info!("data in {}", dir.display());
    startup_report.extend(opened.notices);
    let store = SharedStore::new(store);

    let (runner_handle, inbox) = runner::channel();
    let notifier = {
        let failed_app = app.clone();
        let action_runner = runner_handle.clone();
        notifier::spawn(
            notifier::NativeBackend::new(),
            settings.sound,
            notifier::SHOW_TIMEOUT,
            notifier::Reports {
                failed: Box::new(move |message| effects::notification_failed(&failed_app, message)),
                action: std::sync::Arc::new(move |action| action_runner.send(Message::Act(notification_event(action)))),
            },
        )
    };

    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        lighten_webview(&window);
    }
    if let Some(tray) = tray::build(app, on_tray_action) {
        app.manage(tray);
    }
    #[cfg(target_os = "linux")]
    {
        let runner = runner_handle.clone();
        sleep_watch::spawn(move |_| runner.send(Message::SleepSignal));
    }

    let runner = Runner::new(
        clock::SystemClock,
        sessions::StoreSessions(store.clone()),
        effects::AppEffects { app: app.clone(), notifier: notifier.clone() },
        (&settings).into(),
        inbox,
    );
    tauri::async_runtime::spawn(runner.run());

    app.manage(AppState {
        store,
        runner: runner_handle,
        notifier,
        settings: std::sync::Mutex::new(settings),
        settings_path,
        startup_report,
    });
    Ok(())
}

/// One small document, no browsing: WebKit's document-viewer cache model keeps its caches small.
#[cfg(target_os = "linux")]
fn lighten_webview<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    let tuned = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    if let Err(e) = tuned {
        log::warn!("cannot tune the webview: {e}");
    }
}

fn notification_event(action: NotificationAction) -> EventKind {
    match action {
        NotificationAction::Skip => EventKind::Skip,
        NotificationAction::Extend => EventKind::Extend { seconds: NotificationAction::EXTEND_SECONDS },
    }
}

fn on_tray_action<R: Runtime>(app: &AppHandle<R>, action: TrayAction) {
    let Some(state) = app.try_state::<AppState>() else { return };
    match action {
        TrayAction::StartOrPause if session_running(app) => state.runner.send(Message::TogglePause),
        TrayAction::StartOrPause => {
            if let Err(e) = commands::start_default_session(&state) {
                log::warn!("cannot start a session from the tray: {}", e.0);
            }
            tray::show_main_window(app);
        }
        TrayAction::Skip => state.runner.send(Message::Act(EventKind::Skip)),
        TrayAction::Show => tray::show_main_window(app),
        TrayAction::Quit => app.exit(0),
    }
}

/// Whether a session is live (running or paused).
fn session_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<AppState>() else { return false };
    let active = state.store.lock().active_session();
    matches!(active, Ok(Some(_)))
}
