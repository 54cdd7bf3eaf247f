//! macOS: AppKit posts `NSWorkspaceWillSleepNotification` before the machine sleeps and
//! `NSWorkspaceDidWakeNotification` after it wakes, on `NSWorkspace`'s own notification center (not
//! the default one). Observing both with a block needs no thread of ours: AppKit posts them on the
//! main thread, whose run loop Tauri already runs, and the block runs right there.

use std::ptr::NonNull;
use std::sync::Arc;

use block2::RcBlock;
use objc2_app_kit::{NSWorkspace, NSWorkspaceDidWakeNotification, NSWorkspaceWillSleepNotification};
use objc2_foundation::{NSNotification, NSNotificationName};

use super::SleepSignal;

/// Observes sleep and wake for the rest of the process and calls `on_signal` for each. Never fails.
pub fn spawn(on_signal: impl Fn(SleepSignal) + Send + Sync + 'static) {
    let on_signal = Arc::new(on_signal);
    let center = NSWorkspace::sharedWorkspace().notificationCenter();
    // SAFETY: both names are constant NSString objects exported by AppKit.
    let names = unsafe {
        [
            (NSWorkspaceWillSleepNotification, SleepSignal::GoingToSleep),
            (NSWorkspaceDidWakeNotification, SleepSignal::Resumed),
        ]
    };
    for (name, signal) in names {
        let on_signal = Arc::clone(&on_signal);
        let block = RcBlock::new(move |_: NonNull<NSNotification>| on_signal(signal));
        let name: &NSNotificationName = name;
        // SAFETY: no object filter and no queue (the block runs on the posting thread, AppKit's main
        // thread); the block only calls a `Send + Sync` closure, so it may run on any thread.
        let observer = unsafe { center.addObserverForName_object_queue_usingBlock(Some(name), None, None, &block) };
        // The registration lasts as long as the process: the observer token is never released.
        std::mem::forget(observer);
    }
}
