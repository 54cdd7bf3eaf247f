//! What this desktop lets Stint do (`desktop::capabilities`), for Settings to say what will not work
//! here instead of offering a dead option.

use crate::desktop::capabilities::{self, DesktopCapabilities};

/// Detected on each call: Settings asks when it opens, and the answer needs a D-Bus round trip on
/// Linux, so it runs off the main thread.
#[tauri::command(async)]
pub fn desktop_capabilities() -> DesktopCapabilities {
    capabilities::detect()
}
