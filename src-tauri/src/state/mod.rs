//! What the commands share: the store, the runner's handle, the settings, the start-up report and the desktop.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use stint_core::store::Store;

use crate::desktop::Desktop;
use crate::notifier::NotifierHandle;
use crate::runner::RunnerHandle;
use crate::settings::Settings;

/// The one store, shared by the commands and the runner. Each call is one short transaction.
#[derive(Clone)]
pub struct SharedStore(Arc<Mutex<Store>>);

impl SharedStore {
    pub fn new(store: Store) -> Self {
        SharedStore(Arc::new(Mutex::new(store)))
    }

    /// The store; a panic elsewhere while holding it does not make it unusable (each write is atomic).
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

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

    pub fn startup_report(&self) -> Vec<String> {
        self.startup_report.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn add_to_startup_report(&self, message: String) {
        self.startup_report.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(message);
    }
}
