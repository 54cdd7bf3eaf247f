//! What the commands and the entry points share: the store, the runner's handle, the notifier, the
//! settings, the start-up report and the desktop.

pub mod pending_packs;
pub mod settings;

use std::path::PathBuf;
use std::sync::Mutex;

use stint_core::live::SessionPrefs;

use crate::desktop::notifier::NotifierHandle;
use crate::desktop::system::Desktop;
use crate::runner::RunnerHandle;
use crate::shared_store::SharedStore;
use settings::Settings;

pub struct AppState {
    pub store: SharedStore,
    pub runner: RunnerHandle,
    pub notifier: NotifierHandle,
    pub settings: Mutex<Settings>,
    /// Where the settings are kept (tauri-plugin-store file).
    pub settings_path: PathBuf,
    /// What the user must be told at start-up (a recovered database, settings kept aside). The
    /// background integrity check may add to it after start-up.
    pub startup_report: Mutex<Vec<String>>,
    /// The folder of the database and the settings.
    pub data_dir: PathBuf,
    /// Start at login and the global shortcut.
    pub desktop: Box<dyn Desktop>,
}

impl AppState {
    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// What the live session's decisions take from the settings.
    pub fn session_prefs(&self) -> SessionPrefs {
        self.settings().session_prefs()
    }

    pub fn startup_report(&self) -> Vec<String> {
        self.startup_report.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn add_to_startup_report(&self, message: String) {
        self.startup_report.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(message);
    }
}
