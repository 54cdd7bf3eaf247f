//! Commands for community packs and calendar files: list and remove packs (installing one asks
//! first: `pack_imports`), calendar import and export. Files come from a dialog the backend opens
//! (`desktop::file_dialog`), never from a path the webview sends.

use std::io::Read;
use std::path::Path;

use chrono::Utc;
use stint_core::i18n::Msg;
use stint_core::ics::{IcsImport, IcsImportOptions, MAX_ICS_BYTES};
use stint_core::live::Changes;
use stint_core::store::Community;
use stint_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::CommandResult;
use super::history::local_zone;
use super::publish::{packs_changed, perform};
use crate::desktop::file_dialog::{FileDialogs, FileKind};
use crate::state::AppState;

/// The format of calendar events that do not name one.
pub(super) const DEFAULT_ICS_FORMAT: &str = "pomodoro";

const CALENDAR: FileKind = FileKind { name: "Calendar", extensions: &["ics"] };

/// Reads a file of at most `limit` bytes; errors name `field`.
pub fn read_limited(path: &Path, limit: usize, field: &str) -> Result<Vec<u8>> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let cannot = |e: std::io::Error| {
        log::warn!("cannot read {}: {e}", path.display());
        Error::told(field, Msg::new("error_file_unreadable").text("file", name.as_str()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > limit {
        return Err(Error::told(
            field,
            Msg::new("error_file_too_large").text("file", name.as_str()).count("max", (limit / 1024) as u64),
        ));
    }
    Ok(bytes)
}

/// The installed communities by name (without their logos).
#[tauri::command(async)]
pub fn list_communities(state: State<'_, AppState>) -> CommandResult<Vec<Community>> {
    Ok(state.store.lock().communities()?)
}

/// Removes a community with its formats and calls; history stays.
#[tauri::command(async)]
pub fn remove_community<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.store.lock().remove_community(&id)?;
    packs_changed(&app);
    Ok(())
}

/// Asks the user for a calendar file and imports it (at most 1 MiB) as personal calls; `None` when
/// they cancel. Floating times are in the user's zone; events naming no format use
/// `default_format_id` (the pomodoro if not given).
#[tauri::command]
pub async fn import_ics<R: Runtime>(
    app: AppHandle<R>,
    default_format_id: Option<String>,
) -> CommandResult<Option<IcsImport>> {
    let dialogs = app.state::<FileDialogs>();
    let Some(path) = dialogs.open_file(&app, "Import a calendar", CALENDAR).await else { return Ok(None) };
    let bytes = read_limited(&path, MAX_ICS_BYTES, "path")?;
    let text = String::from_utf8(bytes).map_err(|_| Error::told("path", Msg::new("error_ics_not_utf8")))?;
    let options = IcsImportOptions {
        default_zone: local_zone(),
        default_format_id: default_format_id.unwrap_or_else(|| DEFAULT_ICS_FORMAT.to_string()),
    };
    let import = perform(&app, |_| Changes::CALLS, |store, now| store.import_ics(&text, &options, now))?;
    Ok(Some(import.said_in(super::error::speech())))
}

/// Asks the user where to save, and writes every call (series included) there as an .ics file;
/// returns the file written, `None` when they cancel. An existing file is replaced only when the
/// user confirmed it in the save dialog.
#[tauri::command]
pub async fn export_ics<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    let dialogs = app.state::<FileDialogs>();
    let Some(path) = dialogs.save_file(&app, "Export your calls", CALENDAR, "stint-calls.ics").await else {
        return Ok(None);
    };
    check_save_path(&path)?;
    let text = app.state::<AppState>().store.lock().export_ics(Utc::now())?;
    std::fs::write(&path, text).map_err(|e| {
        log::warn!("cannot write {}: {e}", path.display());
        Error::told("path", Msg::new("error_ics_cannot_save"))
    })?;
    Ok(Some(path.display().to_string()))
}

fn check_save_path(path: &Path) -> Result<(), Error> {
    if path.as_os_str().is_empty() {
        return Err(Error::told("path", Msg::new("error_ics_choose_save")));
    }
    match path.parent() {
        Some(dir) if dir.is_dir() => Ok(()),
        _ => Err(Error::told("path", Msg::new("error_ics_save_folder_gone"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stint_core::pack::MAX_PACK_BYTES;

    #[test]
    fn files_over_the_limit_are_refused_naming_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.stint.json");
        std::fs::write(&big, vec![b' '; MAX_PACK_BYTES + 1]).unwrap();
        let e = read_limited(&big, MAX_PACK_BYTES, "path").unwrap_err();
        assert_eq!(e.field(), Some("path"));
        assert!(e.to_string().contains("larger than 1024 KiB"), "{e}");
        let e = read_limited(&dir.path().join("missing.stint.json"), MAX_PACK_BYTES, "path").unwrap_err();
        assert!(e.to_string().contains("cannot read"), "{e}");
    }
}
