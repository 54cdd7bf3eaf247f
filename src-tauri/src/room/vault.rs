//! Where the Matrix access token is kept: the OS keyring, never SQLite or the settings file. When
//! no keyring takes it, it is kept in memory for this run only and the user is told
//! (`RoomStatus::token_kept`). The Secret Service keyring is `secret_service.rs` (Linux).

use std::sync::Mutex;

use super::MatrixSession;
/// Where a signed-in session's token ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Keyring,
    ThisRun,
}

impl Kept {
    pub fn name(self) -> &'static str {
        match self {
            Kept::Keyring => "keyring",
            Kept::ThisRun => "this_run",
        }
    }
}

/// Keeps the signed-in session between runs.
pub trait TokenVault: Send + 'static {
    /// The session kept, and where it was kept.
    fn load(&self) -> Result<Option<(MatrixSession, Kept)>, String>;
    fn save(&self, session: &MatrixSession) -> Kept;
    /// Forgets the kept session; a keyring that cannot be reached is logged, and signing out goes on.
    fn delete(&self);
}

/// Memory only: for tests, and platforms without a Secret Service.
#[derive(Default)]
pub struct MemoryVault(Mutex<Option<MatrixSession>>);

impl TokenVault for MemoryVault {
    fn load(&self) -> Result<Option<(MatrixSession, Kept)>, String> {
        Ok(self.0.lock().unwrap_or_else(|p| p.into_inner()).clone().map(|s| (s, Kept::ThisRun)))
    }

    fn save(&self, session: &MatrixSession) -> Kept {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(session.clone());
        Kept::ThisRun
    }

    fn delete(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
