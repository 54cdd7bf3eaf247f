//! Stint's desktop shell: the Tauri app around `stint-core`.
//!
//! `run` wires the pieces: one instance, remembered window geometry, the data dir (or
//! `STINT_DATA_DIR`), settings, the store, the notifier, the runner task, the tray, the global
//! shortcut, the logind watcher, and what closing a window means.

use std::path::PathBuf;

use chrono::Utc;
use stint_core::store::Store;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};

mod bundled_pack;
pub mod call_events;
pub mod clock;
#[cfg(target_os = "linux")]
mod color_scheme;
pub mod commands;
#[cfg(target_os = "linux")]
mod dbus_watch;
pub mod desktop;
pub mod effects;
pub mod error;
mod integrity;
pub mod links;
mod logging;
pub mod mini;
pub mod notifier;
pub mod packs;
#[cfg(unix)]
mod quit_signal;
pub mod reminders;
pub mod room;
pub mod runner;
mod sessions;
pub mod settings;
pub mod shortcut;
#[cfg(unix)]
pub mod single_instance;
#[cfg(target_os = "linux")]
pub mod sleep_watch;
pub mod state;
pub mod tray;
#[cfg(target_os = "linux")]
mod webview_env;

use notifier::NotificationAction;
use runner::{Message, Runner};
use state::{AppState, SharedStore};
use stint_core::timeline::EventKind;
use tray::TrayAction;

/// Overrides the data dir (the database and the settings); the end-to-end tests point it at a temp dir.
pub const DATA_DIR_ENV: &str = "STINT_DATA_DIR";
pub const DATABASE_FILE: &str = "stint.db";
/// Where the windows' sizes and positions are kept when `STINT_DATA_DIR` is set (otherwise the
/// window-state plugin's file in the config dir).
const WINDOW_STATE_FILE: &str = "window-state.json";

pub fn run() {
    #[cfg(target_os = "linux")]
    let restart_failure = webview_env::apply_defaults();
    logging::init();
    #[cfg(target_os = "linux")]
    if let Some(failure) = restart_failure {
        log::warn!("{failure}; this process runs without WebKit's allocator tuning");
    }
    let builder = tauri::Builder::default();
    // First: a second launch hands over to the running Stint and exits before anything else starts.
    #[cfg(unix)]
    let builder = builder.plugin(single_instance::plugin(on_second_launch));
    let app = builder
        .plugin(window_state())
        .plugin(tauri_plugin_autostart::Builder::new().build())
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_deep_link::init())
        .invoke_handler(commands::handler())
        .setup(|app| {
            setup(app.handle())?;
            Ok(())
        })
        .on_window_event(|window, event| match event {
            WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) if window.label() == "main" => {
                packs::on_drop(window.app_handle(), paths);
            }
            WindowEvent::CloseRequested { api, .. } => {
                let app = window.app_handle();
                // The mini timer is only hidden; the main window too while the timer goes on in the tray.
                if window.label() == mini::LABEL || (window.label() == "main" && session_running(app)) {
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
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                integrity::mark_clean_shutdown(app);
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
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        // An absolute file name replaces the plugin's config dir, keeping a test's data in one place.
        builder = builder.with_filename(PathBuf::from(dir).join(WINDOW_STATE_FILE).to_string_lossy());
    }
    builder.build()
}

/// Writes the windows' geometry now (the plugin writes at exit; a hidden window may outlive a logout).
fn save_window_state<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    if let Err(e) = app.save_window_state(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED) {
        log::warn!("cannot save the window positions: {e}");
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
    let (mut store, opened) = Store::open(&database).map_err(|e| format!("cannot open the database: {e}"))?;
    log::info!("data in {}", dir.display());
    startup_report.extend(opened.notices.iter().cloned());
    if opened.needs_verify() {
        integrity::verify_in_background(app, database.clone());
    }
    startup_report.extend(bundled_pack::import_on_start(&mut store, &dir, Utc::now()));
    let store = SharedStore::new(store);

    let (runner_handle, inbox) = runner::channel();
    let notifier = {
        let failed_app = app.clone();
        let action_app = app.clone();
        let action_runner = runner_handle.clone();
        notifier::spawn(
            notifier::NativeBackend::new(),
            settings.sound,
            notifier::SHOW_TIMEOUT,
            notifier::Reports {
                failed: Box::new(move |message| effects::notification_failed(&failed_app, message)),
                action: std::sync::Arc::new(move |action| on_notification_action(&action_app, &action_runner, action)),
            },
        )
    };

    let keys = {
        let app = app.clone();
        shortcut::GlobalKeys::start(move || {
            start_or_pause(&app);
        })
    };
    let desktop = desktop::AppDesktop { app: app.clone(), keys };
    for problem in desktop::apply(&desktop, None, &settings) {
        log::warn!("{problem}");
        startup_report.push(problem);
    }

    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        lighten_webview(&window);
    }
    #[cfg(unix)]
    quit_signal::spawn(app);
    app.manage(mini::RememberPosition);
    if let Some(tray) = tray::build(app, on_tray_action) {
        app.manage(tray);
    }
    #[cfg(target_os = "linux")]
    {
        let runner = runner_handle.clone();
        sleep_watch::spawn(move |_| runner.send(Message::SleepSignal));
        color_scheme::spawn(app.clone());
    }

    let reminders = reminders::StoreReminders::new(store.clone(), &dir);
    let runner = Runner::new(
        clock::SystemClock,
        sessions::StoreSessions(store.clone()),
        effects::AppEffects { app: app.clone(), notifier: notifier.clone() },
        (&settings).into(),
        inbox,
    )
    .with_reminders(reminders);
    tauri::async_runtime::spawn(runner.run());

    app.manage(AppState {
        store,
        runner: runner_handle,
        notifier,
        settings: std::sync::Mutex::new(settings),
        settings_path,
        startup_report: std::sync::Mutex::new(startup_report),
        data_dir: dir,
        desktop: Box::new(desktop),
    });
    app.manage(links::Links(Box::new(links::SystemOpener)));
    listen_for_deep_links(app);
    Ok(())
}

/// `stint://import?path=…` links: the one Stint was started with, and those that arrive later.
fn listen_for_deep_links<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_deep_link::DeepLinkExt;
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| packs::on_deep_links(&handle, &event.urls()));
    match app.deep_link().get_current() {
        Ok(Some(urls)) => packs::on_deep_links(app, &urls),
        Ok(None) => {}
        Err(e) => log::warn!("cannot read the deep link Stint was started with: {e}"),
    }
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

fn on_notification_action<R: Runtime>(app: &AppHandle<R>, runner: &runner::RunnerHandle, action: NotificationAction) {
    match action {
        NotificationAction::Skip => runner.send(Message::Act(EventKind::Skip)),
        NotificationAction::Extend => {
            runner.send(Message::Act(EventKind::Extend { seconds: NotificationAction::EXTEND_SECONDS }))
        }
        NotificationAction::Join(target) => commands::calls::join_from_reminder(app, &target),
    }
}

fn on_tray_action<R: Runtime>(app: &AppHandle<R>, action: TrayAction) {
    let Some(state) = app.try_state::<AppState>() else { return };
    match action {
        TrayAction::StartOrPause => {
            if start_or_pause(app) {
                tray::show_main_window(app);
            }
        }
        TrayAction::Skip => state.runner.send(Message::Act(EventKind::Skip)),
        TrayAction::MiniTimer => {
            if let Err(e) = mini::toggle(app) {
                log::warn!("cannot show the mini timer: {e}");
            }
        }
        TrayAction::Show => tray::show_main_window(app),
        TrayAction::Quit => app.exit(0),
    }
}

/// The tray's Start/Pause and the global shortcut: pauses or resumes the live session, or starts a
/// pomodoro when none is live. Returns whether a session was started.
fn start_or_pause<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<AppState>() else { return false };
    if session_running(app) {
        state.runner.send(Message::TogglePause);
        return false;
    }
    match commands::start_default_session(&state) {
        Ok(_) => true,
        Err(e) => {
            log::warn!("cannot start a session: {}", e.0);
            false
        }
    }
}

/// Another `stint` was started: show this one, and open the `stint://` links it was given (the
/// desktop starts Stint with the link as its argument).
#[cfg(unix)]
fn on_second_launch<R: Runtime>(app: &AppHandle<R>, args: Vec<String>) {
    tray::show_main_window(app);
    let links: Vec<tauri::Url> = args
        .iter()
        .skip(1)
        .filter_map(|arg| tauri::Url::parse(arg).ok())
        .filter(|url| url.scheme() == packs::DEEP_LINK_SCHEME)
        .collect();
    if !links.is_empty() {
        packs::on_deep_links(app, &links);
    }
}

/// Whether a session is live (running or paused).
fn session_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<AppState>() else { return false };
    let active = state.store.lock().active_session();
    matches!(active, Ok(Some(_)))
}
