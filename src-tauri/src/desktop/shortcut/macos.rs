//! macOS: the global shortcut with Carbon's `RegisterEventHotKey`. It is still the one system-wide
//! hotkey API macOS has: it needs no permission and sees only the registered combination, where an
//! event tap (`CGEventTap`) would need the user to grant Input Monitoring and would see every key.
//!
//! Carbon delivers hotkey presses to the application's event target from the main thread's run
//! loop, which Tauri runs; so the handler is installed and every hotkey (un)registered on the main
//! thread, and its state lives there. A request from another thread is sent to the main dispatch
//! queue and its answer awaited for at most `ANSWER_TIMEOUT`.

use std::cell::Cell;
use std::ffi::c_void;
use std::ptr::null_mut;
use std::sync::mpsc;
use std::time::Duration;

use dispatch2::DispatchQueue;

use super::{mac_keys, Accelerator};

/// How long `grab` waits for the main thread's answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);

type OsStatus = i32;
type EventTargetRef = *mut c_void;
type EventHandlerRef = *mut c_void;
type EventHandlerCallRef = *mut c_void;
type EventRef = *mut c_void;
type EventHotKeyRef = *mut c_void;
type EventHandlerProc = unsafe extern "C" fn(EventHandlerCallRef, EventRef, *mut c_void) -> OsStatus;

#[repr(C)]
struct EventTypeSpec {
    event_class: u32,
    event_kind: u32,
}

/// Two 32-bit fields: the same layout under the header's `#pragma pack(2)`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq)]
struct EventHotKeyId {
    signature: u32,
    id: u32,
}

const NO_ERR: OsStatus = 0;
const EVENT_NOT_HANDLED_ERR: OsStatus = -9874;
/// `kEventClassKeyboard` ('keyb') and `kEventHotKeyPressed`.
const EVENT_CLASS_KEYBOARD: u32 = u32::from_be_bytes(*b"keyb");
const EVENT_HOT_KEY_PRESSED: u32 = 5;
/// `kEventParamDirectObject` ('----') holding a `typeEventHotKeyID` ('hkid').
const EVENT_PARAM_DIRECT_OBJECT: u32 = u32::from_be_bytes(*b"----");
const TYPE_EVENT_HOT_KEY_ID: u32 = u32::from_be_bytes(*b"hkid");
/// Stint's one hotkey, as Carbon names it back in each press.
const STINT_HOT_KEY: EventHotKeyId = EventHotKeyId { signature: u32::from_be_bytes(*b"Stnt"), id: 1 };

#[link(name = "Carbon", kind = "framework")]
extern "C" {
    fn GetApplicationEventTarget() -> EventTargetRef;
    fn InstallEventHandler(
        target: EventTargetRef,
        handler: EventHandlerProc,
        type_count: usize,
        types: *const EventTypeSpec,
        user_data: *mut c_void,
        handler_ref: *mut EventHandlerRef,
    ) -> OsStatus;
    fn RegisterEventHotKey(
        key_code: u32,
        modifiers: u32,
        id: EventHotKeyId,
        target: EventTargetRef,
        options: u32,
        hot_key: *mut EventHotKeyRef,
    ) -> OsStatus;
    fn UnregisterEventHotKey(hot_key: EventHotKeyRef) -> OsStatus;
    fn GetEventParameter(
        event: EventRef,
        name: u32,
        desired_type: u32,
        actual_type: *mut u32,
        buffer_size: usize,
        actual_size: *mut usize,
        data: *mut c_void,
    ) -> OsStatus;
}

type OnPress = Box<dyn Fn() + Send>;

thread_local! {
    /// The registered hotkey; only the main thread touches it.
    static HOT_KEY: Cell<EventHotKeyRef> = const { Cell::new(null_mut()) };
}

/// The handle to the main thread's hotkey (its state lives there).
pub struct Grabber;

impl Grabber {
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        let on_press: OnPress = Box::new(on_press);
        on_main(move || install(on_press))??;
        Ok(Grabber)
    }

    /// Releases the current hotkey, then registers `accelerator` (if any).
    pub fn grab(&self, accelerator: Option<Accelerator>) -> Result<(), String> {
        on_main(move || register(accelerator))?
    }
}

/// Runs `work` on the main thread: at once when called there, else through the main dispatch queue.
fn on_main<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    // SAFETY: no preconditions.
    if unsafe { libc::pthread_main_np() } != 0 {
        return Ok(work());
    }
    let (answer, answered) = mpsc::channel();
    DispatchQueue::main().exec_async(move || {
        let _ = answer.send(work());
    });
    answered
        .recv_timeout(ANSWER_TIMEOUT)
        .map_err(|_| "Stint's main thread did not answer within 5 seconds; try again".to_string())
}

/// Asks Carbon to call `on_press` for every press of Stint's hotkey, for the rest of the process.
fn install(on_press: OnPress) -> Result<(), String> {
    let user_data = Box::into_raw(Box::new(on_press));
    let pressed = EventTypeSpec { event_class: EVENT_CLASS_KEYBOARD, event_kind: EVENT_HOT_KEY_PRESSED };
    let mut handler = null_mut();
    // SAFETY: one valid type spec; `user_data` stays alive for as long as the handler is installed
    // (forever, unless installing fails, when it is freed below).
    let status = unsafe {
        InstallEventHandler(GetApplicationEventTarget(), on_hot_key, 1, &pressed, user_data.cast(), &mut handler)
    };
    if status != NO_ERR {
        // SAFETY: Carbon did not keep the pointer.
        drop(unsafe { Box::from_raw(user_data) });
        return Err(format!("macOS did not let Stint listen for the shortcut (error {status}); restart Stint"));
    }
    Ok(())
}

/// Called by Carbon on the main thread for each hotkey press of this application.
unsafe extern "C" fn on_hot_key(_call: EventHandlerCallRef, event: EventRef, user_data: *mut c_void) -> OsStatus {
    let mut id = EventHotKeyId { signature: 0, id: 0 };
    // SAFETY: `id` has room for the `EventHotKeyID` asked for; the two nulls are optional outputs.
    let status = unsafe {
        GetEventParameter(
            event,
            EVENT_PARAM_DIRECT_OBJECT,
            TYPE_EVENT_HOT_KEY_ID,
            null_mut(),
            std::mem::size_of::<EventHotKeyId>(),
            null_mut(),
            (&mut id as *mut EventHotKeyId).cast(),
        )
    };
    if status != NO_ERR || id != STINT_HOT_KEY {
        return EVENT_NOT_HANDLED_ERR;
    }
    // SAFETY: `user_data` is the `OnPress` leaked by `install`.
    let on_press = unsafe { &*user_data.cast::<OnPress>() };
    on_press();
    NO_ERR
}

/// Replaces the main thread's hotkey with `accelerator`.
fn register(accelerator: Option<Accelerator>) -> Result<(), String> {
    HOT_KEY.with(|current| {
        let previous = current.replace(null_mut());
        if !previous.is_null() {
            // SAFETY: `previous` was registered by this thread and not yet unregistered.
            unsafe { UnregisterEventHotKey(previous) };
        }
        let Some(accelerator) = accelerator else { return Ok(()) };
        let (key_code, modifiers) = mac_keys::hot_key(&accelerator)?;
        let mut hot_key = null_mut();
        // SAFETY: the application target is valid for the process; `hot_key` is ours to fill.
        let status = unsafe {
            RegisterEventHotKey(key_code, modifiers, STINT_HOT_KEY, GetApplicationEventTarget(), 0, &mut hot_key)
        };
        if status != NO_ERR {
            return Err(mac_keys::refusal(status));
        }
        current.set(hot_key);
        Ok(())
    })
}
