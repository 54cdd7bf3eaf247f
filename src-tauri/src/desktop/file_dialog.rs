//! The files the user picks for an import or an export. The backend opens the native dialog itself
//! (tauri-plugin-dialog's callback API, awaited, so no thread waits on it), so no command takes a
//! path from the webview: a page that runs script in the window cannot make Stint read or write a
//! file the user did not choose.
//!
//! End-to-end tests cannot drive a native GTK dialog: when `STINT_TEST_DIALOG_PATH` is set at start
//! (tests only; it is not a setting), every dialog answers that path at once instead of opening.
//! Because nobody confirmed anything then, a save to a path that exists gets a new name.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// Set only by the end-to-end tests: the path every file dialog answers without opening.
pub const TEST_DIALOG_PATH: &str = "STINT_TEST_DIALOG_PATH";

/// The most "name (n)" variants tried for a free name.
const MAX_RENAMES: u32 = 999;

/// Which files a dialog offers.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    /// What the filter is called in the dialog ("Calendar").
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// The file dialogs, or the tests' fixed answer.
#[derive(Debug, Default)]
pub struct FileDialogs {
    answer: Mutex<Option<PathBuf>>,
}

impl FileDialogs {
    /// Real dialogs, unless `STINT_TEST_DIALOG_PATH` is set.
    pub fn from_env() -> Self {
        let answer = std::env::var_os(TEST_DIALOG_PATH).filter(|v| !v.is_empty()).map(PathBuf::from);
        if let Some(path) = &answer {
            log::warn!("{TEST_DIALOG_PATH} is set: every file dialog answers {} (for tests only)", path.display());
        }
        FileDialogs { answer: Mutex::new(answer) }
    }

    /// From now on, every dialog answers `path` without opening (the shell's tests).
    #[cfg(test)]
    pub fn answer_with(&self, path: impl Into<PathBuf>) {
        *self.answer.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.into());
    }

    fn answer(&self) -> Option<PathBuf> {
        self.answer.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Asks for one existing file to read; `None` when the user cancels.
    pub async fn open_file<R: Runtime>(&self, app: &AppHandle<R>, title: &str, kind: FileKind) -> Option<PathBuf> {
        if let Some(path) = self.answer() {
            return Some(path);
        }
        let (tx, rx) = tokio::sync::oneshot::channel();
        builder(app, title, kind).pick_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
        rx.await.ok().flatten()
    }

    /// Asks where to save, proposing `file_name`; `None` when the user cancels. The native dialog
    /// asks before replacing a file; without it (tests), a path that exists gets a free name.
    pub async fn save_file<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        title: &str,
        kind: FileKind,
        file_name: &str,
    ) -> Option<PathBuf> {
        if let Some(path) = self.answer() {
            return free_name(&path);
        }
        let (tx, rx) = tokio::sync::oneshot::channel();
        builder(app, title, kind).set_file_name(file_name).save_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
        rx.await.ok().flatten()
    }
}

/// A dialog with `title` that offers files of `kind` (any file when it names no extension).
fn builder<R: Runtime>(app: &AppHandle<R>, title: &str, kind: FileKind) -> FileDialogBuilder<R> {
    let builder = app.dialog().file().set_title(title);
    if kind.extensions.is_empty() {
        builder
    } else {
        builder.add_filter(kind.name, kind.extensions)
    }
}

/// `path` if nothing is there, else the first free `stem (2).ext`, `stem (3).ext`, … beside it
/// (`None` if a thousand are taken).
pub fn free_name(path: &Path) -> Option<PathBuf> {
    if !path.exists() {
        return Some(path.to_path_buf());
    }
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let extension = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..=MAX_RENAMES)
        .map(|n| path.with_file_name(format!("{stem} ({n}){extension}")))
        .find(|candidate| !candidate.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_exists_gets_the_first_free_name_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stint-calls.ics");
        assert_eq!(free_name(&path).unwrap(), path);
        std::fs::write(&path, "mine").unwrap();
        std::fs::write(dir.path().join("stint-calls (2).ics"), "mine too").unwrap();
        assert_eq!(free_name(&path).unwrap(), dir.path().join("stint-calls (3).ics"));
        let folder = dir.path().join("stint-history");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(free_name(&folder).unwrap(), dir.path().join("stint-history (2)"));
    }
}
