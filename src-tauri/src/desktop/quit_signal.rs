//! SIGTERM (a logout, `kill`) and SIGINT quit Stint the ordinary way, so what is saved at exit (the
//! windows' positions) is saved. The session itself never depends on this: it is in SQLite already.

use tauri::{AppHandle, Runtime};
use tokio::signal::unix::{signal, SignalKind};

pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let (mut terminate, mut interrupt) = match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
            (Ok(terminate), Ok(interrupt)) => (terminate, interrupt),
            (Err(e), _) | (_, Err(e)) => {
                log::warn!("cannot listen for quit signals: {e}");
                return;
            }
        };
        tokio::select! {
            _ = terminate.recv() => log::info!("SIGTERM: quitting"),
            _ = interrupt.recv() => log::info!("SIGINT: quitting"),
        }
        app.exit(0);
    });
}
