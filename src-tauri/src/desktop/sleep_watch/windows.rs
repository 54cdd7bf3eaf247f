//! Windows: `PowerRegisterSuspendResumeNotification` with a callback, the documented way for a
//! process without a window to hear `PBT_APMSUSPEND` and `PBT_APMRESUMEAUTOMATIC` (the
//! `WM_POWERBROADCAST` events). No thread of ours waits: the system calls back on its own.

use std::ffi::c_void;

use windows_sys::Win32::System::Power::{PowerRegisterSuspendResumeNotification, DEVICE_NOTIFY_SUBSCRIBE_PARAMETERS};
use windows_sys::Win32::UI::WindowsAndMessaging::{DEVICE_NOTIFY_CALLBACK, PBT_APMRESUMEAUTOMATIC, PBT_APMSUSPEND};

use super::SleepSignal;

type OnSignal = Box<dyn Fn(SleepSignal) + Send + Sync>;

/// Registers `on_signal` for suspend and resume for the rest of the process. Never fails: a refused
/// registration is logged.
pub fn spawn(on_signal: impl Fn(SleepSignal) + Send + Sync + 'static) {
    // Both live as long as the process: the registration is never undone.
    let on_signal: OnSignal = Box::new(on_signal);
    let context: &'static OnSignal = Box::leak(Box::new(on_signal));
    let parameters: &'static DEVICE_NOTIFY_SUBSCRIBE_PARAMETERS =
        Box::leak(Box::new(DEVICE_NOTIFY_SUBSCRIBE_PARAMETERS {
            Callback: Some(on_power_event),
            Context: (context as *const OnSignal).cast_mut().cast(),
        }));
    let mut registration = std::ptr::null_mut();
    // SAFETY: with DEVICE_NOTIFY_CALLBACK the recipient is a pointer to DEVICE_NOTIFY_SUBSCRIBE_PARAMETERS,
    // which (like the context it points to) is never freed.
    let status = unsafe {
        PowerRegisterSuspendResumeNotification(
            DEVICE_NOTIFY_CALLBACK,
            (parameters as *const DEVICE_NOTIFY_SUBSCRIBE_PARAMETERS).cast_mut().cast(),
            &mut registration,
        )
    };
    if status != 0 {
        log::info!(
            "not watching for suspend/resume (Windows refused the registration, error {status}); the runner's clock checks still apply"
        );
    }
}

/// Called by the system for each power event.
unsafe extern "system" fn on_power_event(context: *const c_void, event: u32, _setting: *const c_void) -> u32 {
    // SAFETY: `context` is the leaked `OnSignal` given at registration.
    let on_signal = unsafe { &*context.cast::<OnSignal>() };
    match event {
        PBT_APMSUSPEND => on_signal(SleepSignal::GoingToSleep),
        PBT_APMRESUMEAUTOMATIC => on_signal(SleepSignal::Resumed),
        _ => {}
    }
    0
}
