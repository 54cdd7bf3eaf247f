//! One Stint per data directory: the first instance listens on a Unix socket in the data dir; a
//! second launch finds it there, asks it to show its window, and exits before opening any window.
//!
//! Not tauri-plugin-single-instance: on Linux it brings zbus 5 and the smol stack, whose idle
//! `blocking` thread wakes twice a second for as long as Stint runs. A socket costs no wakeups, and
//! keying it on the data dir means one process per database, which is what must be unique.

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{AppHandle, Runtime};

/// The socket's name in the data dir.
pub const SOCKET_FILE: &str = "stint.sock";
const SHOW: &str = "show";

/// Who holds the socket.
pub enum Claim {
    /// We are the first: serve this listener.
    First(UnixListener),
    /// Another Stint is running and was asked to show itself.
    AlreadyRunning,
}

/// Takes the socket at `path`, or tells the instance that holds it to show itself. A socket left by
/// a Stint that was killed (nobody listening) is replaced.
pub fn claim(path: &Path) -> std::io::Result<Claim> {
    match UnixStream::connect(path) {
        Ok(mut running) => {
            running.write_all(format!("{SHOW}\n").as_bytes())?;
            Ok(Claim::AlreadyRunning)
        }
        Err(e) if matches!(e.kind(), ErrorKind::ConnectionRefused | ErrorKind::NotFound) => {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            UnixListener::bind(path).map(Claim::First)
        }
        Err(e) => Err(e),
    }
}

/// Calls `on_show` for each later launch; runs on its own thread, blocked in `accept` in between.
pub fn serve(listener: UnixListener, on_show: impl Fn() + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new().name("stint-instance".into()).spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut line = String::new();
            if BufReader::new(stream).read_line(&mut line).is_ok() && line.trim() == SHOW {
                on_show();
            }
        }
    })?;
    Ok(())
}

/// The plugin: registered first, so a second launch exits before any window is made.
pub fn plugin<R: Runtime>(on_second_launch: fn(&AppHandle<R>)) -> TauriPlugin<R> {
    Builder::new("stint-single-instance")
        .setup(move |app, _| {
            let dir = crate::data_dir(app)?;
            std::fs::create_dir_all(&dir)?;
            match claim(&dir.join(SOCKET_FILE)) {
                Ok(Claim::First(listener)) => {
                    let app = app.clone();
                    serve(listener, move || on_second_launch(&app))?;
                }
                Ok(Claim::AlreadyRunning) => {
                    log::info!("Stint is already running; it was asked to show its window");
                    app.cleanup_before_exit();
                    std::process::exit(0);
                }
                Err(e) => log::warn!("cannot make sure only one Stint runs ({e}); carrying on"),
            }
            Ok(())
        })
        .build()
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_second_claim_asks_the_first_to_show_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        let Claim::First(listener) = claim(&path).unwrap() else { panic!("the first claim wins") };
        let (shown, heard) = mpsc::channel();
        serve(listener, move || shown.send(()).unwrap()).unwrap();
        assert!(matches!(claim(&path).unwrap(), Claim::AlreadyRunning));
        // A generous bound that only matters if the message never arrives.
        heard.recv_timeout(Duration::from_secs(30)).expect("the first instance was asked to show");
    }

    #[test]
    fn a_socket_left_by_a_killed_instance_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        drop(UnixListener::bind(&path).unwrap()); // the file stays, nobody listens
        assert!(path.exists());
        assert!(matches!(claim(&path).unwrap(), Claim::First(_)));
    }
}
