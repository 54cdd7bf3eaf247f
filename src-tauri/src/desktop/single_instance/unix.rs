//! The Unix transport of the single-instance protocol (`super`): a socket in the data dir.
//!
//! What arrives on the socket is outside input (it can open a `stint://` link): the socket is the
//! user's alone (mode 0600, made so before it takes its name), a peer of another user is refused by
//! its credentials, and a client that connects and says nothing is given up after `READ_TIMEOUT`, so
//! it cannot keep later launches waiting.

use std::io::{ErrorKind, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

use super::{frame, read_launch, READ_TIMEOUT};

/// The socket's name in the data dir.
pub const SOCKET_FILE: &str = "stint.sock";

/// Who holds the socket.
/// What the first Stint serves.
pub type Listener = UnixListener;

pub enum Claim {
    /// We are the first: serve this listener.
    First(UnixListener),
    /// Another Stint is running and was handed `args`.
    AlreadyRunning,
}

/// Takes the socket of `data_dir`, or hands `args` to the instance that holds it.
pub fn claim(data_dir: &Path, args: Vec<String>) -> std::io::Result<Claim> {
    claim_at(&data_dir.join(SOCKET_FILE), args)
}

/// Takes the socket at `path`, or hands `args` to the instance that holds it. A socket left by a
/// Stint that was killed (nobody listening) is replaced.
fn claim_at(path: &Path, args: Vec<String>) -> std::io::Result<Claim> {
    match UnixStream::connect(path) {
        Ok(mut running) => {
            running.write_all(&frame(args))?;
            Ok(Claim::AlreadyRunning)
        }
        Err(e) if matches!(e.kind(), ErrorKind::ConnectionRefused | ErrorKind::NotFound) => {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            bind_private(path).map(Claim::First)
        }
        Err(e) => Err(e),
    }
}

/// Binds a socket that only this user can connect to: bound under a temporary name, made 0600, then
/// renamed to `path`, so it is never reachable at its name with looser rights.
fn bind_private(path: &Path) -> std::io::Result<UnixListener> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}", std::process::id()));
    let temporary = std::path::PathBuf::from(temporary);
    let _ = std::fs::remove_file(&temporary);
    let listener = UnixListener::bind(&temporary)?;
    std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o600))?;
    std::fs::rename(&temporary, path)?;
    Ok(listener)
}

/// Whether the process at the other end of `stream` runs as this user (Linux: `SO_PEERCRED`).
#[cfg(target_os = "linux")]
fn same_user(stream: &UnixStream) -> bool {
    use std::os::fd::AsRawFd;
    let mut credentials = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut length = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `length` bytes into `credentials`, a ucred on our stack,
    // for a socket descriptor that `stream` keeps open during the call.
    let read = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut credentials as *mut libc::ucred).cast(),
            &mut length,
        )
    };
    // SAFETY: getuid has no preconditions.
    read == 0 && credentials.uid == unsafe { libc::getuid() }
}

/// Elsewhere on Unix the socket's 0600 mode is the guard.
#[cfg(not(target_os = "linux"))]
fn same_user(_: &UnixStream) -> bool {
    true
}

/// Calls `on_launch` with the arguments of each later launch; runs on its own thread, blocked in
/// `accept` in between. A message that is not a launch is ignored.
pub fn serve(listener: UnixListener, on_launch: impl Fn(Vec<String>) + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new().name("stint-instance".into()).spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if !same_user(&stream) {
                log::warn!("refused a launch message from another user on the instance socket");
                continue;
            }
            if let Err(e) = stream.set_read_timeout(Some(READ_TIMEOUT)) {
                log::warn!("cannot bound the wait for a launch message: {e}");
                continue;
            }
            match read_launch(stream) {
                Ok(args) => on_launch(args),
                Err(e) => log::warn!("ignored a message on the instance socket: {e}"),
            }
        }
    })?;
    Ok(())
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
        let Claim::First(listener) = claim_at(&path, args(&["stint"])).unwrap() else { panic!("the first claim wins") };
        let (launched, heard) = mpsc::channel();
        serve(listener, move |args| launched.send(args).unwrap()).unwrap();

        // Garbage on the socket is ignored; the listener keeps serving.
        UnixStream::connect(&path).unwrap().write_all(b"not json\n").unwrap();
        let link = "stint://import?path=%2Ftmp%2Fa%0Ab.stint.json";
        assert!(matches!(claim_at(&path, args(&["stint", link])).unwrap(), Claim::AlreadyRunning));
        // A generous bound that only matters if the message never arrives.
        let got = heard.recv_timeout(Duration::from_secs(30)).expect("the first instance heard the launch");
        assert_eq!(got, args(&["stint", link]));
    }

    #[test]
    fn the_socket_is_the_users_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        let Claim::First(_listener) = claim_at(&path, Vec::new()).unwrap() else { panic!("the first claim wins") };
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [SOCKET_FILE], "no temporary name is left behind");
    }

    #[test]
    fn a_client_that_says_nothing_does_not_keep_later_launches_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        let Claim::First(listener) = claim_at(&path, Vec::new()).unwrap() else { panic!("the first claim wins") };
        let (launched, heard) = mpsc::channel();
        serve(listener, move |args| launched.send(args).unwrap()).unwrap();
        let _silent = UnixStream::connect(&path).unwrap(); // connected, never writes, never closes
        assert!(matches!(claim_at(&path, args(&["stint", "later"])).unwrap(), Claim::AlreadyRunning));
        let got = heard.recv_timeout(READ_TIMEOUT * 10).expect("the later launch was heard");
        assert_eq!(got, args(&["stint", "later"]));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_peer_of_this_user_is_recognised() {
        let (ours, _theirs) = UnixStream::pair().unwrap();
        assert!(same_user(&ours));
    }

    #[test]
    fn a_socket_left_by_a_killed_instance_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SOCKET_FILE);
        drop(UnixListener::bind(&path).unwrap()); // the file stays, nobody listens
        assert!(path.exists());
        assert!(matches!(claim_at(&path, Vec::new()).unwrap(), Claim::First(_)));
    }
}
