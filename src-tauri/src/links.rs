//! Opening links outside Stint: only join links that pass `calls::validate_join_link` (https, http
//! and the meeting apps' schemes), with the system's default handler. The webview gets no opener
//! permission of its own; it asks through the `open_link` command.

use stint_core::calls::validate_join_link;
use stint_core::{Error, Result};

/// Hands a validated link to the system. A trait so tests can record instead of opening.
pub trait LinkOpener: Send + Sync + 'static {
    fn open(&self, url: &str) -> std::result::Result<(), String>;
}

/// The system's default handler (xdg-open, `open`, ShellExecute) through tauri-plugin-opener.
pub struct SystemOpener;

impl LinkOpener for SystemOpener {
    fn open(&self, url: &str) -> std::result::Result<(), String> {
        tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| e.to_string())
    }
}

/// The app's opener, in Tauri's state.
pub struct Links(pub Box<dyn LinkOpener>);

impl Links {
    /// Validates `url` as a join link and opens it; a refused link is `invalid_input` (field
    /// `join_link`) and nothing is opened.
    pub fn open(&self, url: &str) -> Result<()> {
        let url = validate_join_link(url)?;
        self.0.open(&url).map_err(|e| Error::Storage(format!("cannot open the link {url}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<String>>>);

    impl LinkOpener for Recorder {
        fn open(&self, url: &str) -> std::result::Result<(), String> {
            self.0.lock().unwrap().push(url.to_string());
            Ok(())
        }
    }

    #[test]
    fn only_web_and_meeting_links_are_opened() {
        let opened = Recorder::default();
        let links = Links(Box::new(opened.clone()));
        links.open("https://meet.example.org/cafe").unwrap();
        links.open("zoommtg://zoom.us/join?confno=123").unwrap();
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "not a link", ""] {
            let e = links.open(bad).unwrap_err();
            assert_eq!((e.code(), e.field()), ("invalid_input", Some("join_link")), "{bad}");
        }
        assert_eq!(*opened.0.lock().unwrap(), ["https://meet.example.org/cafe", "zoommtg://zoom.us/join?confno=123"]);
    }
}
