//! The one store, shared by the commands, the entry points and the runner.

use std::sync::{Arc, Mutex, MutexGuard};

use stint_core::store::Store;

/// The store behind a mutex. Each core call made while holding it is one short transaction.
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
