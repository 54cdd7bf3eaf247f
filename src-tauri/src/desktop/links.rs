//! Opening links outside Stint: only join links that pass `calls::validate_join_link` (https, http
//! and the meeting apps' schemes), with the system's default handler. The webview gets no opener
//! permission of its own; it asks through the `open_link` command.

use stint_core::calls::validate_join_link;
use stint_core::{Error, Result};

/// Hands a validated link to the system. A trait so tests can record instead of opening.
pub trait LinkOpener: Send + Sync + 'static {
    fn open(&self, url: &str) -> std::result::Result<(), String>;
}

/// The system's default handler (xdg-open, `open`, ShellExecute) through the `open` crate. On
/// Linux its launchers run without the WebKit tuning Stint gave itself (webview_env.rs), so
/// that the browser or meeting app a link opens does not inherit it.
pub struct SystemOpener;

impl LinkOpener for SystemOpener {
    #[cfg(target_os = "linux")]
    fn open(&self, url: &str) -> std::result::Result<(), String> {
        linux::open_untuned(url, &super::webview_env::set_by_stint())
    }

    #[cfg(not(target_os = "linux"))]
    fn open(&self, url: &str) -> std::result::Result<(), String> {
        open::that_detached(url).map_err(|e| e.to_string())
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::process::{Command, Stdio};

    /// Tries the desktop's launchers in turn (xdg-open first) until one starts; it is reaped in the
    /// background, as the launched application may outlive it.
    pub fn open_untuned(url: &str, scrubbed: &[&str]) -> Result<(), String> {
        let mut last_error = String::from("no launcher to open links with");
        for mut launcher in launchers(url, scrubbed) {
            match launcher.spawn() {
                Ok(mut child) => {
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Err(e) => last_error = format!("{}: {e}", launcher.get_program().to_string_lossy()),
            }
        }
        Err(last_error)
    }

    /// The launchers for `url`, each without the `scrubbed` variables and without a terminal.
    pub fn launchers(url: &str, scrubbed: &[&str]) -> Vec<Command> {
        let mut launchers = open::commands(url);
        for launcher in &mut launchers {
            for name in scrubbed {
                launcher.env_remove(name);
            }
            launcher.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        }
        launchers
    }
}

/// The app's opener, in Tauri's state.
pub struct Links(pub Box<dyn LinkOpener>);

impl Links {
    /// Validates `url` as a join link and opens it; a refused link is `invalid_input` (field
    /// `join_link`) and nothing is opened.
    pub fn open(&self, url: &str) -> Result<()> {
        let url = validate_join_link(url)?;
        self.0.open(&url).map_err(|e| {
            log::warn!("cannot open the link {url}: {e}");
            Error::conflict("error_link_browser_failed")
        })
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

    #[cfg(target_os = "linux")]
    #[test]
    fn launched_programs_do_not_inherit_the_webkit_tuning() {
        let launchers = linux::launchers("https://meet.example.org/cafe", &["Malloc", "JSC_useJIT"]);
        assert_eq!(launchers[0].get_program(), "xdg-open");
        for launcher in &launchers {
            assert!(launcher.get_args().any(|arg| arg == "https://meet.example.org/cafe"));
            let removed: Vec<_> =
                launcher.get_envs().filter(|(_, value)| value.is_none()).map(|(name, _)| name).collect();
            assert_eq!(removed, ["JSC_useJIT", "Malloc"], "{:?}", launcher.get_program());
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
