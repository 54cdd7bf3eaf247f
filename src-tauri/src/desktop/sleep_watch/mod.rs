//! Suspend and resume, as the OS tells them: the runner reacts within a second of a resume instead
//! of at its next (≤ 60 s) wake. Linux listens to logind over D-Bus (`logind`), Windows registers for
//! power notifications (`windows`), macOS observes NSWorkspace's sleep and wake notifications
//! (`macos`); where none works the runner's wall-clock check still catches a suspend, only later.

#[cfg(target_os = "linux")]
mod logind;
#[cfg(target_os = "linux")]
pub use logind::spawn;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "macos")]
pub use macos::spawn;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::spawn;

/// What the OS told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SleepSignal {
    /// The machine is about to suspend.
    GoingToSleep,
    /// The machine has just resumed.
    Resumed,
}
