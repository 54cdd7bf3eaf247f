//! Windows: the global shortcut with `RegisterHotKey` on a thread of its own. A hotkey registered
//! without a window belongs to the thread that registered it and arrives in that thread's message
//! queue as `WM_HOTKEY`, so every (un)registration is asked of that thread: the request goes into a
//! channel and a `WM_APP` message wakes the thread to take it. In between, it sleeps in `GetMessageW`.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use windows_sys::Win32::Foundation::ERROR_HOTKEY_ALREADY_REGISTERED;
use windows_sys::Win32::System::Threading::GetCurrentThreadId;
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{RegisterHotKey, UnregisterHotKey};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    GetMessageW, PeekMessageW, PostThreadMessageW, MSG, PM_NOREMOVE, WM_APP, WM_HOTKEY,
};

use super::{win_keys, Accelerator};

/// The id of Stint's one hotkey.
const HOTKEY_ID: i32 = 1;
/// How long `grab` waits for the hotkey thread's answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);

type Request = (Option<Accelerator>, Sender<Result<(), String>>);

pub struct Grabber {
    thread_id: u32,
    requests: Sender<Request>,
}

impl Grabber {
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        let (requests, inbox) = mpsc::channel();
        let (started, thread_id) = mpsc::channel();
        std::thread::Builder::new()
            .name("stint-global-shortcut".into())
            .spawn(move || {
                let mut msg: MSG = unsafe { std::mem::zeroed() };
                // SAFETY: `msg` is ours; peeking makes the system create this thread's message queue,
                // so messages posted to it from now on are kept.
                unsafe { PeekMessageW(&mut msg, std::ptr::null_mut(), 0, 0, PM_NOREMOVE) };
                // SAFETY: no preconditions.
                let _ = started.send(unsafe { GetCurrentThreadId() });
                listen(&inbox, on_press);
            })
            .map_err(|e| format!("cannot start the shortcut listener: {e}"))?;
        let thread_id = thread_id.recv().map_err(|_| "the shortcut listener stopped at start".to_string())?;
        Ok(Grabber { thread_id, requests })
    }

    /// Releases the current hotkey, then registers `accelerator` (if any).
    pub fn grab(&self, accelerator: Option<Accelerator>) -> Result<(), String> {
        let (answer, answered) = mpsc::channel();
        self.requests.send((accelerator, answer)).map_err(|_| "the shortcut listener has stopped".to_string())?;
        // SAFETY: posting to a thread id has no memory preconditions; a stale id only fails.
        if unsafe { PostThreadMessageW(self.thread_id, WM_APP, 0, 0) } == 0 {
            return Err(format!("cannot reach the shortcut listener: {}", std::io::Error::last_os_error()));
        }
        answered.recv_timeout(ANSWER_TIMEOUT).map_err(|_| "the shortcut listener did not answer".to_string())?
    }
}

/// The hotkey thread: presses go to `on_press`, requests are served; ends with the message loop.
fn listen(requests: &Receiver<Request>, on_press: impl Fn()) {
    let mut registered = false;
    let mut msg: MSG = unsafe { std::mem::zeroed() };
    // SAFETY: `msg` is ours; a null window reads this thread's messages. 0 is WM_QUIT, -1 an error.
    while unsafe { GetMessageW(&mut msg, std::ptr::null_mut(), 0, 0) } > 0 {
        match msg.message {
            WM_HOTKEY if msg.wParam == HOTKEY_ID as usize => on_press(),
            WM_APP => {
                for (accelerator, answer) in requests.try_iter() {
                    let _ = answer.send(register(&mut registered, accelerator));
                }
            }
            _ => {}
        }
    }
    log::warn!("the global shortcut stopped");
}

/// Replaces this thread's hotkey with `accelerator`.
fn register(registered: &mut bool, accelerator: Option<Accelerator>) -> Result<(), String> {
    if std::mem::take(registered) {
        // SAFETY: unregisters the hotkey this thread registered under HOTKEY_ID.
        unsafe { UnregisterHotKey(std::ptr::null_mut(), HOTKEY_ID) };
    }
    let Some(accelerator) = accelerator else { return Ok(()) };
    let key = win_keys::virtual_key(accelerator.keysym).ok_or("that key has no Windows key code")?;
    // SAFETY: a null window ties the hotkey to this thread's message queue.
    if unsafe { RegisterHotKey(std::ptr::null_mut(), HOTKEY_ID, win_keys::modifiers(&accelerator), key) } == 0 {
        let error = std::io::Error::last_os_error();
        return Err(if error.raw_os_error() == Some(ERROR_HOTKEY_ALREADY_REGISTERED as i32) {
            "another application already uses this shortcut".into()
        } else {
            format!("cannot register the shortcut: {error}")
        });
    }
    *registered = true;
    Ok(())
}
