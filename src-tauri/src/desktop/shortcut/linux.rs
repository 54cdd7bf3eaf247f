//! Linux: which way the shortcut is taken. In an X11 session the key is grabbed on the root window
//! (`x11`); on Wayland, where an X grab sees keys only while an XWayland window has focus, through
//! the desktop's GlobalShortcuts portal (`portal`), or not at all.

use super::{portal, x11, Accelerator};
use crate::desktop::capabilities::Session;

pub enum Grabber {
    X11(x11::Grabber),
    Portal(portal::Grabber),
}

impl Grabber {
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        match Session::current() {
            Session::Wayland => portal::Grabber::start(on_press).map(Grabber::Portal),
            _ => x11::Grabber::start(on_press).map(Grabber::X11),
        }
    }

    pub fn grab(&self, accelerator: Option<Accelerator>) -> Result<(), String> {
        match self {
            Grabber::X11(grabber) => grabber.grab(accelerator),
            Grabber::Portal(grabber) => grabber.grab(accelerator),
        }
    }
}
