//! Starts the live room's service (`room::service`) and carries its news: core's changes go through
//! `ipc::publish` like every other writer's, its status to every window as `room-status`.

use stint_core::live::Changes;
use tauri::{AppHandle, Manager, Runtime};

use crate::ipc::events::{emit, ROOM_STATUS};
use crate::ipc::publish::publish;
use crate::room::service::{self, RoomSink, RoomStatus};
use crate::room::vault::TokenVault;
use crate::shared_store::SharedStore;

struct AppSink<R: Runtime>(AppHandle<R>);

impl<R: Runtime> RoomSink for AppSink<R> {
    fn changed(&self, changes: Changes) {
        publish(&self.0, changes);
    }

    fn status(&self, status: &RoomStatus) {
        emit(&self.0, ROOM_STATUS, status.clone());
    }
}

/// Starts the room thread and lets the commands and the runner's effects reach it.
pub fn start<R: Runtime>(app: &AppHandle<R>, store: SharedStore) {
    match service::spawn(store, vault(), Box::new(AppSink(app.clone()))) {
        Ok(handle) => {
            app.manage(handle);
        }
        Err(e) => log::error!("Stint could not start the live room service: {e}"),
    }
}

#[cfg(target_os = "linux")]
fn vault() -> Box<dyn TokenVault> {
    Box::new(crate::room::secret_service::SecretServiceVault::default())
}

#[cfg(not(target_os = "linux"))]
fn vault() -> Box<dyn TokenVault> {
    Box::new(crate::room::vault::MemoryVault::default())
}
