//! The periodic refresh of calendar subscriptions: a task of its own on the async runtime (never the
//! runner's), which looks every few minutes for subscriptions core says are due and refreshes them.
//! At start it waits a little, so a stale calendar is read soon after start without slowing it.

use std::time::Duration;

use tauri::{AppHandle, Runtime};

use crate::ipc::subscriptions::refresh_due;

/// How long after start the first look waits: the window is up and the runner has settled.
const FIRST_LOOK_AFTER: Duration = Duration::from_secs(20);
/// How often to look for due subscriptions. The monotonic clock stops in a suspend, so a short
/// period is what makes a wake from a long sleep notice a stale calendar soon; one wake per ten
/// minutes is far inside the idle budget.
const LOOK_EVERY: Duration = Duration::from_secs(10 * 60);

pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_LOOK_AFTER).await;
        loop {
            refresh_due(&app).await;
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}
