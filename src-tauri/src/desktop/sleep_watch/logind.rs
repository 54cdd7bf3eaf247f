//! Linux: listens to logind's `PrepareForSleep` signal so the runner reacts within a second of a
//! resume instead of at its next (≤ 60 s) wake. Without a system bus (containers, CI) it logs and
//! does nothing: the runner's wall-clock check still catches a suspend, only later.

use super::SleepSignal;
use crate::desktop::dbus_watch;

/// Starts a thread that calls `on_signal` for every `PrepareForSleep`. Never fails: problems are logged.
pub fn spawn(on_signal: impl Fn(SleepSignal) + Send + 'static) {
    dbus_watch::spawn(
        "stint-sleep-watch",
        move || async move { watch(&on_signal).await },
        |e| {
            log::info!(
                "not watching for suspend/resume (logind unavailable: {e}); the runner's clock checks still apply"
            )
        },
    );
}

async fn watch(on_signal: &impl Fn(SleepSignal)) -> zbus::Result<()> {
    let connection = zbus::Connection::system().await?;
    let manager = zbus::Proxy::new(
        &connection,
        "org.freedesktop.login1",
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
    )
    .await?;
    let mut signals = manager.receive_signal("PrepareForSleep").await?;
    while let Some(message) = dbus_watch::next(&mut signals).await {
        match message.body().deserialize::<bool>() {
            Ok(true) => on_signal(SleepSignal::GoingToSleep),
            Ok(false) => on_signal(SleepSignal::Resumed),
            Err(e) => log::warn!("unexpected PrepareForSleep payload: {e}"),
        }
    }
    Ok(())
}
