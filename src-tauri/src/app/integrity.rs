//! The database's full integrity check, kept off the start-up path, and the clean-shutdown mark that
//! lets the next start skip it (see `stint_core::store::integrity` for the measurements behind this).

use std::path::PathBuf;

use stint_core::store::Store;
use tauri::{AppHandle, Manager, Runtime};

use crate::ipc::events;
use crate::state::AppState;

/// Runs `Store::verify_integrity` on its own thread and read-only connection, so the store keeps
/// working meanwhile. Damage is reported to the user (start-up report and a `notice`); the store has
/// then scheduled the restore of the newest backup for the next start.
pub fn verify_in_background<R: Runtime>(app: &AppHandle<R>, database: PathBuf) {
    let app = app.clone();
    let spawned =
        std::thread::Builder::new().name("stint-integrity".into()).spawn(move || {
            match Store::verify_integrity(&database, chrono::Utc::now()) {
                Ok(report) => {
                    if let Some(words) = report.notice {
                        let message = words.render_in(crate::ipc::error::speech());
                        if let Some(state) = app.try_state::<AppState>() {
                            state.add_to_startup_report(message.clone());
                        }
                        events::notice(&app, message, true);
                    }
                }
                Err(e) => log::warn!("the database's integrity check did not run (it runs again next start): {e}"),
            }
        });
    if let Err(e) = spawned {
        log::warn!("cannot start the database's integrity check: {e}");
    }
}

/// Tells the store that Stint quits in order, so the next start need not run the full check.
pub fn mark_clean_shutdown<R: Runtime>(app: &AppHandle<R>) {
    if let Some(state) = app.try_state::<AppState>() {
        if let Err(e) = state.store.lock().mark_clean_shutdown() {
            log::warn!("cannot mark the database as cleanly closed: {e}");
        }
    }
}
