//! Community packs arriving without a dialog: a `*.stint.json` dropped on the main window, or a
//! `stint://import?path=/abs/file.stint.json` link. Neither installs anything: the file is held for
//! the user's confirmation (`ipc::pack_imports`), which the main window asks for; a file that cannot
//! be held is reported through a `notice` event.

use std::path::{Path, PathBuf};

use stint_core::i18n::Msg;
use stint_core::pack::PackSource;
use stint_core::store::{PackAction, PackImport};
use stint_core::{Error, Result};
use tauri::{AppHandle, Runtime, Url};

use crate::desktop::tray;
use crate::ipc::error::speech;
use crate::ipc::events;

use crate::ipc::pack_imports::hold_file;

/// What a pack file's name ends with.
pub const PACK_SUFFIX: &str = ".stint.json";
/// The deep link scheme (registered for the .deb by tauri-plugin-deep-link's configuration).
pub const DEEP_LINK_SCHEME: &str = "stint";

/// What to tell the user about an import.
pub fn describe(import: &PackImport) -> String {
    let name = &import.name;
    match (import.action, import.installed_version.as_deref()) {
        (PackAction::Installed, _) => format!("Installed {name} {}.", import.version),
        (PackAction::Updated, Some(old)) => format!("Updated {name} from {old} to {}.", import.version),
        (PackAction::Updated, None) => format!("Updated {name} to {}.", import.version),
        (PackAction::Replaced, _) => format!("Replaced {name} with the pack's version {}.", import.version),
        (PackAction::AlreadyCurrent, _) => format!("{name} {} is already installed.", import.version),
        (PackAction::Older, Some(installed)) => {
            format!("{name} {installed} is installed; this file has the older version {}.", import.version)
        }
        (PackAction::Older, None) => format!("This file has an older version of {name}."),
    }
}

/// Holds a pack for the user's confirmation on behalf of a drop or a link; tells the user if it cannot.
fn hold_and_tell<R: Runtime>(app: &AppHandle<R>, path: &Path, source: PackSource) {
    if let Err(e) = hold_file(app, path, source) {
        let words =
            Msg::new("error_notice_pack_open").text("file", path.display().to_string()).said("problem", e.words());
        events::notice(app, words.render_in(speech()), true);
    }
}

/// Files dropped on the main window: each `*.stint.json` is held for confirmation; anything else is refused.
pub fn on_drop<R: Runtime>(app: &AppHandle<R>, paths: &[PathBuf]) {
    for path in paths {
        if has_pack_suffix(path) {
            hold_and_tell(app, path, PackSource::file(&path.to_string_lossy()));
        } else {
            let words = Msg::new("error_notice_drop_not_pack")
                .text("suffix", PACK_SUFFIX)
                .text("file", path.display().to_string());
            events::notice(app, words.render_in(speech()), true);
        }
    }
}

/// Deep links Stint was opened with: `stint://import?path=…` holds the pack for confirmation;
/// anything else is refused.
pub fn on_deep_links<R: Runtime>(app: &AppHandle<R>, urls: &[Url]) {
    for url in urls {
        tray::show_main_window(app);
        if url.scheme() == DEEP_LINK_SCHEME && url.host_str() == Some("room") {
            super::room::on_room_link(app, url);
            continue;
        }
        match pack_path_of_deep_link(url) {
            Ok(path) => hold_and_tell(app, &path, PackSource::link(&path.to_string_lossy())),
            Err(e) => {
                events::notice(app, Msg::new("error_notice_link").said("problem", e.words()).render_in(speech()), true)
            }
        }
    }
}

fn has_pack_suffix(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.len() > PACK_SUFFIX.len() && n.ends_with(PACK_SUFFIX))
}

/// The pack file a deep link names: `stint://import?path=<absolute path of an existing *.stint.json>`
/// (the path percent-encoded). Refused, naming the reason: another scheme or action, no or several
/// `path`s, a relative path, another file type, a file that is not there (after following links).
pub fn pack_path_of_deep_link(url: &Url) -> Result<PathBuf> {
    if url.scheme() != DEEP_LINK_SCHEME {
        return Err(Error::told("url", Msg::new("error_link_not_stint").text("scheme", DEEP_LINK_SCHEME)));
    }
    if url.host_str() != Some("import") {
        return Err(Error::told("url", Msg::new("error_link_not_import")));
    }
    let paths: Vec<String> = url.query_pairs().filter(|(k, _)| k == "path").map(|(_, v)| v.into_owned()).collect();
    let [path] = paths.as_slice() else {
        return Err(Error::told("path", Msg::new("error_link_pack_count")));
    };
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(Error::told("path", Msg::new("error_link_pack_relative")));
    }
    let not_a_pack = || Error::told("path", Msg::new("error_link_not_pack_file").text("suffix", PACK_SUFFIX));
    if !has_pack_suffix(&path) {
        return Err(not_a_pack());
    }
    let real = std::fs::canonicalize(&path).map_err(|e| {
        log::warn!("cannot open {}: {e}", path.display());
        Error::told("path", Msg::new("error_link_pack_missing"))
    })?;
    if !real.is_file() || !has_pack_suffix(&real) {
        return Err(not_a_pack());
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    fn refused(link: &str) -> String {
        match pack_path_of_deep_link(&url(link)) {
            Ok(path) => panic!("{link} was accepted as {}", path.display()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_deep_link_to_an_existing_pack_file_is_accepted_and_anything_else_refused() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("my community.stint.json");
        std::fs::write(&pack, "{}").unwrap();
        std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
        std::fs::create_dir(dir.path().join("folder.stint.json")).unwrap();
        let encoded = |p: &Path| p.display().to_string().replace(' ', "%20");

        let link = format!("stint://import?path={}", encoded(&pack));
        assert_eq!(pack_path_of_deep_link(&url(&link)).unwrap(), std::fs::canonicalize(&pack).unwrap());

        assert!(refused(&format!("https://import?path={}", encoded(&pack))).contains("Stint opens only stint:// links"));
        assert!(refused(&format!("stint://delete?path={}", encoded(&pack))).contains("does not ask to import a pack"));
        assert!(refused("stint://import").contains("names no pack file, or more than one"));
        assert!(refused(&format!("stint://import?path={0}&path={0}", encoded(&pack)))
            .contains("names no pack file, or more than one"));
        assert!(refused("stint://import?path=packs/x.stint.json").contains("does not give the whole location"));
        assert!(refused(&format!("stint://import?path={}", encoded(&dir.path().join("notes.json"))))
            .contains("not a Stint pack (a .stint.json file)"));
        assert!(refused(&format!("stint://import?path={}", encoded(&dir.path().join("gone.stint.json"))))
            .contains("it may have been moved or deleted"));
        assert!(refused(&format!("stint://import?path={}", encoded(&dir.path().join("folder.stint.json"))))
            .contains("not a Stint pack (a .stint.json file)"));
        assert!(refused("stint://import?path=/.stint.json").contains("not a Stint pack (a .stint.json file)"));
    }

    #[cfg(unix)]
    #[test]
    fn a_deep_link_through_a_symlink_must_still_end_at_a_pack_file() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "x").unwrap();
        let disguised = dir.path().join("innocent.stint.json");
        std::os::unix::fs::symlink(&secret, &disguised).unwrap();
        assert!(refused(&format!("stint://import?path={}", disguised.display()))
            .contains("not a Stint pack (a .stint.json file)"));
    }

    #[test]
    fn the_suffix_check_wants_a_name_before_the_suffix() {
        assert!(has_pack_suffix(Path::new("/a/cafe.stint.json")));
        assert!(!has_pack_suffix(Path::new("/a/.stint.json")));
        assert!(!has_pack_suffix(Path::new("/a/cafe.json")));
        assert!(!has_pack_suffix(Path::new("/a/cafe.stint.json.exe")));
    }
}
