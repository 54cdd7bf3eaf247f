//! One Stint per data directory: the first instance listens on a Unix socket in the data dir; a
//! second launch finds it there, hands over its command line (a `stint://` link the desktop opened
//! Stint with), and exits before opening any window.
//!
//! Not tauri-plugin-single-instance: on Linux it brings zbus 5 and the smol stack, whose idle
//! `blocking` thread wakes twice a second for as long as Stint runs. A socket costs no wakeups, and
//! keying it on the data dir means one process per database, which is what must be unique.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{AppHandle, Runtime};

/// The socket's name in the data dir.
pub const SOCKET_FILE: &str = "stint.sock";

/// What a later launch sends: one line of JSON.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Launch {
    args: Vec<String>,
}

/// Who holds the socket.
pub enum Claim {
    /// We are the first: serve this listener.
    First(UnixListener),
    /// Another Stint is running and was handed `args`.
    AlreadyRunning,
}

/// Takes the socket at `path`, or hands `args` to the instance that holds it. A socket left by a
/// Stint that was killed (nobody listening) is replaced.
pub fn claim(path: &Path, args: Vec<String>) -> std::io::Result<Claim> {
    match UnixStream::connect(path) {
        Ok(mut running) => {
            let mut line = serde_json::to_string(&Launch { args })?;
            line.push('\n');
            running.write_all(line.as_bytes())?;
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

/// Calls `on_launch` with the arguments of each later launch; runs on its own thread, blocked in
/// `accept` in between. A message that is not a launch is ignored.
pub fn serve(listener: UnixListener, on_launch: impl Fn(Vec<String>) + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new().name("stint-instance".into()).spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut line = String::new();
            // At most 1 MiB: a command line, not a stream.
            if BufReader::new(stream.take(1 << 20)).read_line(&mut line).is_err() {
                continue;
            }
            match serde_json::from_str::<Launch>(&line) {
                Ok(launch) => on_launch(launch.args),
                Err(e) => log::warn!("ignored a malformed message on the instance socket: {e}"),
            }
        }
    })?;
    Ok(())
}

/// The plugin: registered first, so a second launch exits before any window is made.
pub fn plugin<R: Runtime>(on_second_launch: fn(&AppHandle<R>, Vec<String>)) -> TauriPlugin<R> {
    Builder::new("stint-single-instance")
        .setup(move |app, _| {
            let dir = super::data_dir::data_dir(app)?;
            std::fs::create_dir_all(&dir)?;
            match claim(&dir.join(SOCKET_FILE), std::env::args().collect()) {
                Ok(Claim::First(listener)) => {
                    let app = app.clone();
                    serve(listener, move |args| on_second_launch(&app, args))?;
                }
                Ok(Claim::AlreadyRunning) => {
                    log::info!("Stint is already running; it was handed this launch");
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

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn the_second_claim_hands_its_arguments_to_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        let Claim::First(listener) = claim(&path, args(&["stint"])).unwrap() else { panic!("the first claim wins") };
        let (launched, heard) = mpsc::channel();
        serve(listener, move |args| launched.send(args).unwrap()).unwrap();

        // Garbage on the socket is ignored; the listener keeps serving.
        UnixStream::connect(&path).unwrap().write_all(b"not json\n").unwrap();
        let link = "stint://import?path=%2Ftmp%2Fa%0Ab.stint.json";
        assert!(matches!(claim(&path, args(&["stint", link])).unwrap(), Claim::AlreadyRunning));
        // A generous bound that only matters if the message never arrives.
        let got = heard.recv_timeout(Duration::from_secs(30)).expect("the first instance heard the launch");
        assert_eq!(got, args(&["stint", link]));
    }

    #[test]
    fn a_socket_left_by_a_killed_instance_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        drop(UnixListener::bind(&path).unwrap()); // the file stays, nobody listens
        assert!(path.exists());
        assert!(matches!(claim(&path, Vec::new()).unwrap(), Claim::First(_)));
    }
}
