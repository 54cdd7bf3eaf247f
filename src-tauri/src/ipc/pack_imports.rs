//! Installing a community pack only after the user saw what it installs: a link, a drop or the
//! Calls view's import holds the file (`state::pending_packs`) and tells the UI
//! (`pack-import-pending`); the UI asks for the pending imports, each with core's preview, and the
//! user confirms one choice or cancels. Confirming installs the held bytes, which core re-checks
//! against the preview shown (`Store::install_pack`).

use std::path::Path;

use chrono::Utc;
use serde::Serialize;
use stint_core::i18n::Msg;
use stint_core::pack::{parse_pack, PackChoice, PackPreview, PackSource, MAX_PACK_BYTES};
use stint_core::store::PackImport;
use stint_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

use super::communities::read_limited;
use super::error::CommandResult;
use super::events::{self, PACK_IMPORT_PENDING};
use super::publish::packs_changed;
use crate::desktop::file_dialog::{FileDialogs, FileKind};
use crate::state::pending_packs::PendingPacks;
use crate::state::AppState;

/// A held pack and what installing it would do.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PendingPackImport {
    pub id: u32,
    pub preview: PackPreview,
}

/// Reads the pack file at `path` (at most 1 MiB), checks it, and holds it for confirmation; the UI
/// is told. A file that cannot be read or is not a valid pack is refused here, naming the problem.
pub fn hold_file<R: Runtime>(app: &AppHandle<R>, path: &Path, source: PackSource) -> Result<u32> {
    if path.as_os_str().is_empty() {
        return Err(Error::told("path", Msg::new("error_pack_choose_file")));
    }
    let bytes = read_limited(path, MAX_PACK_BYTES, "path")?;
    parse_pack(&bytes)?;
    let id = app.state::<PendingPacks>().hold(bytes, source)?;
    events::emit(app, PACK_IMPORT_PENDING, ());
    Ok(id)
}

/// Core's preview of held pack `id` against what is installed now; remembered as what was shown.
fn show<R: Runtime>(app: &AppHandle<R>, id: u32) -> Result<PendingPackImport> {
    let pending = app.state::<PendingPacks>();
    let pack = pending.get(id)?;
    let preview = app.state::<AppState>().store.lock().preview_pack(&pack.bytes, &pack.source)?;
    pending.set_shown(id, preview.clone());
    Ok(PendingPackImport { id, preview })
}

/// Every pack waiting for confirmation, oldest first, each previewed against what is installed now
/// (a pack whose preview fails is let go and the user told why).
#[tauri::command(async)]
pub fn pending_pack_imports<R: Runtime>(app: AppHandle<R>) -> CommandResult<Vec<PendingPackImport>> {
    let mut shown = Vec::new();
    for pack in app.state::<PendingPacks>().all() {
        match show(&app, pack.id) {
            Ok(import) => shown.push(import),
            Err(e) => {
                let _ = app.state::<PendingPacks>().release(pack.id);
                let words = Msg::new("error_notice_pack_set_aside").said("problem", e.words());
                events::notice(&app, words.render_in(super::error::speech()), true);
            }
        }
    }
    Ok(shown)
}

const PACK: FileKind = FileKind { name: "Stint community pack", extensions: &["stint.json", "json"] };

/// The Calls view's import: asks the user for a pack file (the backend's dialog), holds it and
/// previews it; `None` when they cancel.
#[tauri::command]
pub async fn open_pack_file<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<PendingPackImport>> {
    let dialogs = app.state::<FileDialogs>();
    let Some(path) = dialogs.open_file(&app, "Import a community pack", PACK).await else { return Ok(None) };
    let id = hold_file(&app, &path, PackSource::file(&path.to_string_lossy()))?;
    Ok(Some(show(&app, id)?))
}

/// Installs held pack `id` as the user chose, if what is installed is still what the preview
/// showed (else `conflict`: the UI shows the new preview). The pack is let go once installed.
#[tauri::command(async)]
pub fn confirm_pack_import<R: Runtime>(app: AppHandle<R>, id: u32, choice: PackChoice) -> CommandResult<PackImport> {
    let pending = app.state::<PendingPacks>();
    let pack = pending.get(id)?;
    let Some(seen) = &pack.shown else {
        return Err(Error::conflict("error_pack_not_shown").into());
    };
    let import =
        app.state::<AppState>().store.lock().install_pack(&pack.bytes, &pack.source, choice, seen, Utc::now())?;
    pending.release(id)?;
    packs_changed(&app);
    Ok(import)
}

/// Lets held pack `id` go without installing anything.
#[tauri::command(async)]
pub fn cancel_pack_import<R: Runtime>(app: AppHandle<R>, id: u32) -> CommandResult<()> {
    app.state::<PendingPacks>().release(id)?;
    Ok(())
}
