//! Wiring: what runs at start-up and where each outside event goes. `setup` opens the settings and
//! the store, starts the notifier, the runner, the tray, the global shortcut and the D-Bus watchers,
//! and hands every click, button and signal to its entry point (`entry`).
//!
//! May use everything in the crate; nothing uses it but `lib.rs`.

pub mod bundled_pack;
pub mod effects;
pub mod entry;
pub mod integrity;
pub mod logging;
mod old_files;
pub mod packs;
pub mod room;
pub mod subscriptions;

use chrono::Utc;
use stint_core::i18n::Lang;
use stint_core::store::Store;
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop::data_dir::{data_dir, DATABASE_FILE};
use crate::desktop::{links, mini, notifier, notify_failure, shortcut, system, tray};
use crate::ipc::events;
use crate::runner::{self, shifted_clock::app_clock, Runner};
use crate::shared_store::SharedStore;
use crate::state::{settings, AppState};

pub fn setup<R: Runtime>(app: &AppHandle<R>) -> Result<(), Box<dyn std::error::Error>> {
    let dir = data_dir(app)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    let mut startup_report = Vec::new();

    let settings_path = dir.join(settings::FILE_NAME);
    let loaded = settings::load(&settings_path, Utc::now());
    startup_report.extend(loaded.notice);
    let settings = loaded.settings;
    crate::ipc::error::speak_errors_in(settings.session_prefs().speech());

    let database = dir.join(DATABASE_FILE);
    let (mut store, opened) =
        Store::open(&database, chrono::Utc::now()).map_err(|e| format!("cannot open the database: {e}"))?;
    log::info!("data in {}", dir.display());
    startup_report.extend(opened.notices.iter().map(|notice| notice.render_in(crate::ipc::error::speech())));
    if opened.needs_verify() {
        integrity::verify_in_background(app, database.clone());
    }
    old_files::carry_over(&mut store, &dir);
    startup_report.extend(bundled_pack::import_on_start(&mut store, Utc::now()));
    let store = SharedStore::new(store);

    let (runner_handle, inbox) = runner::channel();
    let notifier = {
        let failed_app = app.clone();
        let action_app = app.clone();
        notifier::spawn(
            notifier::NativeBackend::new(app.config().product_name.as_deref().unwrap_or("Stint")),
            settings.sound,
            notifier::SHOW_TIMEOUT,
            notifier::Reports {
                failed: Box::new(move |failure: notify_failure::NotifyFailure| {
                    let lang = failed_app.try_state::<AppState>().map(|s| s.settings().lang()).unwrap_or_default();
                    events::notification_failed(&failed_app, failure.sentence(lang))
                }),
                action: std::sync::Arc::new(move |action| entry::on_notification_action(&action_app, action)),
            },
        )
    };

    let keys = {
        let app = app.clone();
        shortcut::GlobalKeys::start(move || entry::on_global_shortcut(&app))
    };
    let desktop = system::AppDesktop { app: app.clone(), keys };
    for problem in system::apply(&desktop, None, &settings.desktop_prefs()) {
        log::warn!("{}", problem.render(Lang::En));
        startup_report.push(problem.render_in(crate::ipc::error::speech()));
    }

    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        lighten_webview(&window);
    }
    #[cfg(unix)]
    crate::desktop::quit_signal::spawn(app);
    app.manage(mini::RememberPosition);
    if let Some(tray) = tray::build(app, entry::on_tray_action) {
        app.manage(tray);
    }
    #[cfg(any(target_os = "linux", target_os = "macos", windows))]
    {
        let runner = runner_handle.clone();
        crate::desktop::sleep_watch::spawn(move |_| runner.send(runner::Message::SleepSignal));
    }
    #[cfg(target_os = "linux")]
    crate::desktop::color_scheme::spawn(app.clone());

    // The system clock, unless an end-to-end test shifts it (STINT_TEST_CLOCK_SHIFT_MS).
    let clock = app_clock();
    let runner = Runner::new(
        clock,
        store.clone(),
        effects::AppEffects::new(app.clone(), notifier.clone()),
        settings.session_prefs(),
        inbox,
    );
    tauri::async_runtime::spawn(runner.run());

    room::start(app, store.clone(), clock);
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
    app.manage(crate::desktop::file_dialog::FileDialogs::from_env());
    subscriptions::spawn(app);
    listen_for_deep_links(app);
    crate::ipc::update::spawn_daily_check(app);
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

/// Whether a session is live (running or paused): then closing the main window only hides it.
pub fn session_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<AppState>() else { return false };
    let active = state.store.lock().active_session();
    matches!(active, Ok(Some(_)))
}
