//! Linux: what Stint's D-Bus watchers share (sleep_watch.rs, color_scheme.rs): a named thread that
//! runs one zbus watch to its end, and the next message of a signal stream. Nothing polls: the thread
//! sleeps until the bus delivers a message.

use std::future::{poll_fn, Future};
use std::pin::Pin;

use zbus::export::futures_core::Stream;

/// Runs `watch()` on a thread called `thread_name`. When it fails (no bus, no service) `unavailable`
/// is told why; a thread that cannot start is logged. Never fails itself.
pub fn spawn<W, F>(thread_name: &str, watch: W, unavailable: impl FnOnce(zbus::Error) + Send + 'static)
where
    W: FnOnce() -> F + Send + 'static,
    F: Future<Output = zbus::Result<()>>,
{
    let spawned = std::thread::Builder::new().name(thread_name.into()).spawn(move || {
        if let Err(e) = zbus::block_on(watch()) {
            unavailable(e);
        }
    });
    if let Err(e) = spawned {
        log::warn!("cannot start the {thread_name} thread: {e}");
    }
}

/// The next signal from `signals` (from `Proxy::receive_signal`); `None` once the connection ends.
pub async fn next<S: Stream + Unpin>(signals: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *signals).poll_next(cx)).await
}
