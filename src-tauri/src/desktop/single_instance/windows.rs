//! The Windows transport of the single-instance protocol (`super`): a named pipe whose name comes
//! from the data dir (`super::pipe_name`).
//!
//! The first instance creates the pipe with `FILE_FLAG_FIRST_PIPE_INSTANCE`, so a second creation
//! fails and tells the later launch that Stint runs; it then opens the pipe as a file and writes its
//! launch line. Remote clients are rejected; the pipe's default security lets only this user (and
//! administrators) write to it. A client that connects and says nothing has its read cancelled after
//! `READ_TIMEOUT`, so it cannot keep later launches waiting.

use std::fs::File;
use std::io::{ErrorKind, Write};
use std::os::windows::ffi::OsStrExt;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::path::Path;
use std::sync::mpsc;

use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_PIPE_BUSY, ERROR_PIPE_CONNECTED, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_ACCESS_INBOUND};
use windows_sys::Win32::System::Pipes::{
    ConnectNamedPipe, CreateNamedPipeW, DisconnectNamedPipe, WaitNamedPipeW, PIPE_READMODE_BYTE,
    PIPE_REJECT_REMOTE_CLIENTS, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES, PIPE_WAIT,
};
use windows_sys::Win32::System::IO::CancelSynchronousIo;

use super::{frame, pipe_name, read_launch, READ_TIMEOUT};

/// Who holds the pipe.
/// What the first Stint serves.
pub type Listener = Server;

pub enum Claim {
    /// We are the first: serve the pipe (its first instance, not yet connected).
    First(Server),
    /// Another Stint is running and was handed `args`.
    AlreadyRunning,
}

/// The listening end: the pipe's name and its current instance.
pub struct Server {
    name: Vec<u16>,
    instance: OwnedHandle,
}

/// How many times a later launch tries a pipe that is busy with another client.
const BUSY_TRIES: u32 = 5;

/// Takes the pipe of `data_dir`, or hands `args` to the instance that holds it.
pub fn claim(data_dir: &Path, args: Vec<String>) -> std::io::Result<Claim> {
    let name = pipe_name(data_dir);
    let wide: Vec<u16> = std::ffi::OsStr::new(&name).encode_wide().chain(Some(0)).collect();
    match create_instance(&wide, true) {
        Ok(instance) => Ok(Claim::First(Server { name: wide, instance })),
        Err(e) if e.raw_os_error() == Some(ERROR_ACCESS_DENIED as i32) => {
            hand_over(&name, &wide, args)?;
            Ok(Claim::AlreadyRunning)
        }
        Err(e) => Err(e),
    }
}

/// Writes the launch line to the running instance, waiting a little while it serves someone else.
fn hand_over(name: &str, wide: &[u16], args: Vec<String>) -> std::io::Result<()> {
    let message = frame(args);
    for _ in 0..BUSY_TRIES {
        match std::fs::OpenOptions::new().write(true).open(name) {
            Ok(mut pipe) => return pipe.write_all(&message),
            Err(e) if e.raw_os_error() == Some(ERROR_PIPE_BUSY as i32) => {
                // SAFETY: `wide` is a NUL-terminated UTF-16 string that outlives the call.
                unsafe { WaitNamedPipeW(wide.as_ptr(), READ_TIMEOUT.as_millis() as u32) };
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(ErrorKind::TimedOut, "the running Stint did not take the launch in time"))
}

/// Creates one instance of the pipe `name` (NUL-terminated UTF-16); the first one only if `first`.
fn create_instance(name: &[u16], first: bool) -> std::io::Result<OwnedHandle> {
    let open_mode = PIPE_ACCESS_INBOUND | if first { FILE_FLAG_FIRST_PIPE_INSTANCE } else { 0 };
    let pipe_mode = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
    // SAFETY: `name` is NUL-terminated and outlives the call; a null security descriptor asks for the
    // default one (full control for this user, SYSTEM and administrators; read-only for others).
    let handle = unsafe {
        CreateNamedPipeW(name.as_ptr(), open_mode, pipe_mode, PIPE_UNLIMITED_INSTANCES, 0, 4096, 0, std::ptr::null())
    };
    if handle == INVALID_HANDLE_VALUE {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: CreateNamedPipeW returned a valid handle that nothing else owns.
    Ok(unsafe { OwnedHandle::from_raw_handle(handle) })
}

/// Calls `on_launch` with the arguments of each later launch; runs on its own thread, blocked in
/// `ConnectNamedPipe` in between. A message that is not a launch is ignored.
pub fn serve(server: Server, on_launch: impl Fn(Vec<String>) + Send + 'static) -> std::io::Result<()> {
    std::thread::Builder::new().name("stint-instance".into()).spawn(move || {
        let Server { name, mut instance } = server;
        loop {
            // SAFETY: `instance` is a pipe handle we own; no OVERLAPPED: the call blocks until a client comes.
            let connected = unsafe { ConnectNamedPipe(instance.as_raw_handle(), std::ptr::null_mut()) } != 0
                || std::io::Error::last_os_error().raw_os_error() == Some(ERROR_PIPE_CONNECTED as i32);
            if connected {
                match read_bounded(&instance) {
                    Ok(args) => on_launch(args),
                    Err(e) => log::warn!("ignored a message on the instance pipe: {e}"),
                }
                // SAFETY: as above; the instance is disconnected so it can serve the next client.
                unsafe { DisconnectNamedPipe(instance.as_raw_handle()) };
                continue;
            }
            log::warn!("the instance pipe failed: {}", std::io::Error::last_os_error());
            match create_instance(&name, false) {
                Ok(fresh) => instance = fresh,
                Err(e) => {
                    log::warn!("a later launch of Stint can no longer reach this one: {e}");
                    return;
                }
            }
        }
    })?;
    Ok(())
}

/// Reads one launch from the connected `instance` on a helper thread, cancelling the read when the
/// client takes longer than `READ_TIMEOUT`.
fn read_bounded(instance: &OwnedHandle) -> Result<Vec<String>, String> {
    let reading = instance.try_clone().map_err(|e| format!("cannot read the instance pipe: {e}"))?;
    let (done, outcome) = mpsc::sync_channel(1);
    let reader = std::thread::Builder::new()
        .name("stint-instance-read".into())
        .spawn(move || {
            let _ = done.send(read_launch(File::from(reading)));
        })
        .map_err(|e| format!("cannot read the instance pipe: {e}"))?;
    let mut wait = READ_TIMEOUT;
    let result = loop {
        match outcome.recv_timeout(wait) {
            Ok(result) => break result,
            Err(mpsc::RecvTimeoutError::Disconnected) => break Err("the pipe reader stopped".into()),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // SAFETY: the reader thread lives until it is joined below; cancelling its blocking read
                // makes ReadFile fail. Repeated, in case the thread had not reached ReadFile yet.
                unsafe { CancelSynchronousIo(reader.as_raw_handle()) };
                wait = std::time::Duration::from_millis(100);
            }
        }
    };
    let _ = reader.join();
    result
}
