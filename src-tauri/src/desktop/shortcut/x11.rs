//! Grabs one key combination on the X11 root window. A thread blocks in `wait_for_event` and wakes
//! only for that key; grabs are made from the caller's thread on the same (thread-safe) connection.

use std::sync::{Arc, Mutex};

use x11rb::connection::Connection;
use x11rb::protocol::xkb::{self, ConnectionExt as _};
use x11rb::protocol::xproto::{ConnectionExt as _, GrabMode, Keycode, ModMask, Window};
use x11rb::protocol::Event;
use x11rb::rust_connection::{ReplyError, RustConnection};
use x11rb::x11_utils::X11Error;

use super::Accelerator;

/// The lock keys' bits (Caps Lock, Num Lock): the shortcut must work whatever their state, so each
/// combination is grabbed with every mix of them.
const LOCK_MIXES: [u16; 4] = [0, 1 << 1, 1 << 4, (1 << 1) | (1 << 4)];

pub struct Grabber {
    conn: Arc<RustConnection>,
    root: Window,
    /// What is grabbed now.
    grabbed: Mutex<Option<(Keycode, u16)>>,
}

impl Grabber {
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        let (conn, screen) = x11rb::connect(None).map_err(|e| format!("no X11 display for a global shortcut ({e})"))?;
        let root = conn.setup().roots[screen].root;
        // A held key then repeats as presses only, not press/release pairs: one toggle per press.
        let detectable_repeat = conn
            .xkb_use_extension(1, 0)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .filter(|reply| reply.supported)
            .and_then(|_| {
                let flag = xkb::PerClientFlag::DETECTABLE_AUTO_REPEAT;
                let none = xkb::BoolCtrl::from(0u32);
                conn.xkb_per_client_flags(xkb::ID::USE_CORE_KBD.into(), flag, flag, none, none, none).ok()
            })
            .and_then(|cookie| cookie.reply().ok());
        if detectable_repeat.is_none() {
            log::info!("X server without detectable auto-repeat: holding the shortcut repeats it");
        }
        let conn = Arc::new(conn);
        let listener = conn.clone();
        std::thread::Builder::new()
            .name("stint-global-shortcut".into())
            .spawn(move || listen(&listener, on_press))
            .map_err(|e| format!("cannot start the shortcut listener: {e}"))?;
        Ok(Grabber { conn, root, grabbed: Mutex::new(None) })
    }

    /// Releases the current grab, then grabs `accelerator` (if any).
    pub fn grab(&self, accelerator: Option<Accelerator>) -> Result<(), String> {
        let mut grabbed = self.grabbed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((keycode, modifiers)) = grabbed.take() {
            for lock in LOCK_MIXES {
                let _ = self.conn.ungrab_key(keycode, self.root, ModMask::from(modifiers | lock));
            }
            let _ = self.conn.flush();
        }
        let Some(accelerator) = accelerator else { return Ok(()) };
        let keycode = self.keycode(accelerator.keysym)?;
        let modifiers = modifier_bits(&accelerator);
        for (i, lock) in LOCK_MIXES.into_iter().enumerate() {
            let grab = self
                .conn
                .grab_key(false, self.root, ModMask::from(modifiers | lock), keycode, GrabMode::ASYNC, GrabMode::ASYNC)
                .map_err(|e| e.to_string())
                .and_then(|cookie| cookie.check().map_err(describe));
            if let Err(e) = grab {
                for earlier in &LOCK_MIXES[..i] {
                    let _ = self.conn.ungrab_key(keycode, self.root, ModMask::from(modifiers | earlier));
                }
                let _ = self.conn.flush();
                return Err(e);
            }
        }
        *grabbed = Some((keycode, modifiers));
        Ok(())
    }

    /// The keycode that produces `keysym` on this keyboard.
    fn keycode(&self, keysym: u32) -> Result<Keycode, String> {
        let setup = self.conn.setup();
        let (min, max) = (setup.min_keycode, setup.max_keycode);
        let mapping = self
            .conn
            .get_keyboard_mapping(min, max - min + 1)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| format!("cannot read the keyboard mapping: {e}"))?;
        let per_keycode = usize::from(mapping.keysyms_per_keycode.max(1));
        mapping
            .keysyms
            .chunks(per_keycode)
            .position(|syms| syms.contains(&keysym))
            .map(|offset| min + offset as u8)
            .ok_or_else(|| "that key is not on this keyboard".to_string())
    }
}

fn modifier_bits(a: &Accelerator) -> u16 {
    let bit = |on: bool, mask: ModMask| if on { u16::from(mask) } else { 0 };
    bit(a.shift, ModMask::SHIFT)
        | bit(a.ctrl, ModMask::CONTROL)
        | bit(a.alt, ModMask::M1)
        | bit(a.super_key, ModMask::M4)
}

fn describe(e: ReplyError) -> String {
    match e {
        ReplyError::X11Error(X11Error { error_kind: x11rb::protocol::ErrorKind::Access, .. }) => {
            "another application already uses this shortcut".into()
        }
        other => format!("cannot grab the shortcut: {other}"),
    }
}

/// Calls `on_press` for each press of a grabbed key; ends when the connection does.
fn listen(conn: &RustConnection, on_press: impl Fn()) {
    let mut held = false;
    loop {
        match conn.wait_for_event() {
            Ok(Event::KeyPress(_)) if !held => {
                held = true;
                on_press();
            }
            Ok(Event::KeyRelease(_)) => held = false,
            Ok(_) => {}
            Err(e) => {
                log::warn!("the global shortcut stopped: {e}");
                return;
            }
        }
    }
}
