//! One Stint per data directory: the first instance listens on a channel named after the data dir; a
//! second launch finds it there, hands over its command line (a `stint://` link the desktop opened
//! Stint with), and exits before opening any window.
//!
//! Two transports carry one protocol (this module): a Unix socket in the data dir (`unix`) and a
//! named pipe whose name is derived from the data dir (`windows`). A launch is one line of JSON,
//! `{"args": [...]}`, at most `MAX_MESSAGE` bytes, read within `READ_TIMEOUT`.
//!
//! Not tauri-plugin-single-instance: on Linux it brings zbus 5 and the smol stack, whose idle
//! `blocking` thread wakes twice a second for as long as Stint runs. A socket or a pipe costs no
//! wakeups, and keying it on the data dir means one process per database, which is what must be unique.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Duration;

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{AppHandle, Runtime};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as transport;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as transport;

/// How long a connected client may take to send its line.
pub const READ_TIMEOUT: Duration = Duration::from_secs(2);
/// The most a launch message may be: a command line, not a stream.
pub const MAX_MESSAGE: u64 = 1 << 20;

/// Lets the next start of Stint be the first instance while this one still runs (an update
/// restarts into the new version, which must not hand its launch over to the old one). The Unix
/// socket's file goes; a named pipe goes with its process.
pub fn release(data_dir: &Path) {
    #[cfg(unix)]
    let _ = std::fs::remove_file(data_dir.join(unix::SOCKET_FILE));
    #[cfg(windows)]
    let _ = data_dir;
}

/// What a later launch sends: one line of JSON.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Launch {
    args: Vec<String>,
}

/// The message that hands `args` to the running instance.
pub fn frame(args: Vec<String>) -> Vec<u8> {
    let mut line = serde_json::to_vec(&Launch { args }).expect("a list of strings serializes");
    line.push(b'\n');
    line
}

/// Reads one launch message from `reader` (at most `MAX_MESSAGE` bytes). The error says what was
/// wrong, for the log.
pub fn read_launch(reader: impl Read) -> Result<Vec<String>, String> {
    let mut line = Vec::new();
    BufReader::new(reader.take(MAX_MESSAGE))
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("the launch message could not be read: {e}"))?;
    serde_json::from_slice::<Launch>(&line)
        .map(|launch| launch.args)
        .map_err(|e| format!("the launch message is malformed: {e}"))
}

/// The name of the pipe that stands for `data_dir` on Windows: `\\.\pipe\stint-` and a hash of the
/// path, case-folded as Windows compares paths, so one directory has one name however it is spelled.
pub fn pipe_name(data_dir: &Path) -> String {
    let folded = data_dir.to_string_lossy().trim_end_matches(['\\', '/']).replace('/', "\\").to_lowercase();
    // FNV-1a, 64 bits: stable across runs and builds (std's hasher is not).
    let hash = folded.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!(r"\\.\pipe\stint-{hash:016x}")
}

/// What a launch found on its data dir, before Tauri starts.
pub enum Start {
    /// This is the first Stint on the data dir: serve the channel once the app is up (`plugin`).
    First(Claimed),
    /// Another Stint runs there and was handed this launch's command line: exit now.
    HandedOver,
    /// The channel could not be made or reached (logged): carry on without the guarantee.
    Unchecked,
}

/// The channel the first Stint listens on.
pub struct Claimed(transport::Listener);

/// Claims `data_dir` for this process or hands `args` to the Stint that holds it. `run` calls it
/// first, before Tauri starts GTK's threads: a second launch that exited once those ran crashed in
/// about one launch in twelve (exit's cleanup racing them in `pthread_mutex_lock`), and it has
/// nothing to show anyway.
pub fn claim(data_dir: &Path, args: Vec<String>) -> Start {
    if let Err(e) = std::fs::create_dir_all(data_dir) {
        log::warn!("cannot make sure only one Stint runs: {} cannot be created ({e}); carrying on", data_dir.display());
        return Start::Unchecked;
    }
    match transport::claim(data_dir, args) {
        Ok(transport::Claim::First(listener)) => Start::First(Claimed(listener)),
        Ok(transport::Claim::AlreadyRunning) => Start::HandedOver,
        Err(e) => {
            log::warn!("cannot make sure only one Stint runs ({e}); carrying on");
            Start::Unchecked
        }
    }
}

/// The plugin that serves a claimed channel: each later launch's command line goes to
/// `on_second_launch` with the app's handle.
pub fn plugin<R: Runtime>(
    claimed: Option<Claimed>,
    on_second_launch: fn(&AppHandle<R>, Vec<String>),
) -> TauriPlugin<R> {
    Builder::new("stint-single-instance")
        .setup(move |app, _| {
            if let Some(Claimed(listener)) = claimed {
                let app = app.clone();
                transport::serve(listener, move |args| on_second_launch(&app, args))?;
            }
            Ok(())
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn a_framed_launch_reads_back_whole() {
        let sent = args(&["stint", "stint://import?path=%2Ftmp%2Fa%0Ab.stint.json", "naïve \"quoted\"\nline"]);
        let message = frame(sent.clone());
        assert_eq!(message.iter().filter(|&&b| b == b'\n').count(), 1, "one line, newlines escaped");
        assert_eq!(read_launch(&message[..]).unwrap(), sent);
        // What follows the line is not read into the launch.
        let mut two = message.clone();
        two.extend(frame(args(&["other"])));
        assert_eq!(read_launch(&two[..]).unwrap(), sent);
    }

    #[test]
    fn a_bad_message_is_refused_with_a_reason() {
        assert!(read_launch(&b"not json\n"[..]).unwrap_err().contains("malformed"));
        assert!(read_launch(&b""[..]).unwrap_err().contains("malformed"));
        assert!(read_launch(&br#"{"args": [1]}"#[..]).unwrap_err().contains("malformed"));
    }

    #[test]
    fn an_endless_message_is_cut_at_the_limit() {
        let endless = std::io::repeat(b'a');
        let e = read_launch(endless).unwrap_err();
        assert!(e.contains("malformed"), "{e}");
    }

    #[test]
    fn one_data_dir_has_one_pipe_name_however_it_is_spelled() {
        let name = pipe_name(Path::new(r"C:\Users\Ana\AppData\Roaming\app.stint.desktop"));
        assert!(name.starts_with(r"\\.\pipe\stint-"), "{name}");
        assert_eq!(name.len(), r"\\.\pipe\stint-".len() + 16);
        assert!(!name[r"\\.\pipe\".len()..].contains('\\'), "a pipe name has no further backslash");
        for same in [
            r"c:\users\ana\appdata\roaming\APP.STINT.DESKTOP",
            r"C:\Users\Ana\AppData\Roaming\app.stint.desktop\",
            "C:/Users/Ana/AppData/Roaming/app.stint.desktop",
        ] {
            assert_eq!(pipe_name(Path::new(same)), name, "{same}");
        }
        assert_ne!(pipe_name(Path::new(r"C:\Users\Bo\AppData\Roaming\app.stint.desktop")), name);
        assert_ne!(pipe_name(Path::new(r"D:\stint-test")), name);
    }
}
