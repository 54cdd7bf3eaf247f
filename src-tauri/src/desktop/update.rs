//! Signed updates, carried out: tauri-plugin-updater fetches the release manifest (`latest.json`
//! from the release server in tauri.conf.json, or `STINT_UPDATE_URL`), picks the entry of this
//! install's kind (`linux-x86_64-deb`, `-rpm`, the AppImage, Windows, macOS), downloads the package and
//! verifies its minisign signature with the public key compiled into Stint (`plugins.updater.pubkey`,
//! `requireSignedVersion`: the signature must also name the version the manifest announces) before it
//! installs anything — a .deb with `dpkg -i` and an .rpm with `rpm -U`, through pkexec or sudo.
//!
//! Core decides when to check and whether the version offered may be installed
//! (`stint_core::update`); this module fetches, installs and says in a sentence what went wrong.
//! The plugin's own "is it newer" test is switched off (`version_comparator`) so that an older
//! version reaches core and is refused there with a message, instead of looking like "no update".

use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Error, Update, UpdaterExt};
use ts_rs::TS;

/// Replaces the release server's URL of the manifest (tests serve one on the loopback). A debug build
/// accepts `http://`; a release build only `https://`.
pub const URL_ENV: &str = "STINT_UPDATE_URL";

/// The plugin, configured by `plugins.updater` in tauri.conf.json.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

/// An update that was found and may be installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AvailableUpdate {
    pub version: String,
    /// What is new in it, as the release wrote it (plain text); `null` when the release says nothing.
    pub notes: Option<String>,
}

/// What Settings shows about updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateStatus {
    /// The running version.
    pub current_version: String,
    /// When Stint last asked for an update (RFC 3339), or `null` if it never did.
    pub last_checked: Option<String>,
    /// A newer version that the user can install.
    pub available: Option<AvailableUpdate>,
    /// The outcome of the last check or install, as a sentence; `null` before the first.
    pub message: Option<String>,
    /// Whether `message` reports a failure or a refusal (shown as an alert).
    pub message_is_error: bool,
}

/// What the plugin found: the manifest's release, whatever its version.
pub struct Offered {
    pub version: String,
    pub notes: Option<String>,
    update: Update,
}

/// The update the user was shown, kept so that "Install" installs exactly that one.
#[derive(Default)]
pub struct Pending(Mutex<Option<Update>>);

impl Pending {
    pub fn keep(&self, offered: Option<Offered>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = offered.map(|o| o.update);
    }

    pub fn take(&self) -> Option<Update> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// Asks the release server for its manifest. `Ok(None)`: it says there is nothing (204).
pub async fn fetch<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Offered>, String> {
    let mut builder = app.updater_builder().version_comparator(|_, _| true);
    if let Some(url) = std::env::var(URL_ENV).ok().filter(|u| !u.trim().is_empty()) {
        let url = url.trim().parse().map_err(|_| {
            format!("{URL_ENV} is not a web address ({url}); correct it or unset it to use Stint's release server.")
        })?;
        builder = builder.endpoints(vec![url]).map_err(|e| check_failed(&e))?;
    }
    let updater = builder.build().map_err(|e| check_failed(&e))?;
    let update = updater.check().await.map_err(|e| check_failed(&e))?;
    Ok(update.map(|update| Offered {
        version: update.version.clone(),
        notes: update.body.clone().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        update,
    }))
}

/// Downloads, verifies and installs `update`. The running Stint is untouched when this fails.
pub async fn install(update: &Update) -> Result<(), String> {
    update.download_and_install(|_, _| {}, || {}).await.map_err(|e| install_failed(&update.version, &e))
}

/// The sentence for a check that failed.
pub fn check_failed(error: &Error) -> String {
    log::warn!("update check: {error}");
    match error {
        Error::InsecureTransportProtocol => format!(
            "Stint refuses an update address that does not start with https://; correct {URL_ENV} or unset it."
        ),
        Error::TargetNotFound(_) | Error::TargetsNotFound(_) => {
            "The release server offers no update for this kind of installation; download the new version from the website instead."
                .into()
        }
        Error::Serialization(_) | Error::ReleaseNotFound | Error::Semver(_) => {
            "The release server's answer could not be read, so nothing was installed; try again later.".into()
        }
        _ => "Stint could not reach its release server; check your connection and try again later.".into(),
    }
}

/// The sentence for an install that failed; names a bad signature as such.
pub fn install_failed(version: &str, error: &Error) -> String {
    log::warn!("update install ({version}): {error}");
    match error {
        Error::Minisign(_) | Error::Base64(_) | Error::SignatureUtf8(_) => format!(
            "The download of Stint {version} is not signed by Stint's developers, so it was not installed and this version keeps running; try again later, and tell the developers if it happens again."
        ),
        Error::SignedVersionMismatch { .. } | Error::MissingSignedVersion => format!(
            "The release server announced Stint {version}, but its signature is for another version, so nothing was installed; try again later."
        ),
        Error::InvalidUpdaterFormat => format!(
            "The download of Stint {version} is not a package this installation can use, so nothing was installed; download the new version from the website instead."
        ),
        Error::AuthenticationFailed | Error::PackageInstallFailed | Error::DebInstallFailed => format!(
            "Stint {version} was downloaded but the system did not install it (installing needs an administrator's password); try again, or install it from the website."
        ),
        Error::Reqwest(_) | Error::Network(_) => format!(
            "The download of Stint {version} did not complete, so nothing was installed; check your connection and try again."
        ),
        _ => format!(
            "Stint {version} could not be installed, and this version keeps running; try again, or install it from the website."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_signature_is_named_as_such_and_says_nothing_was_installed() {
        let bad = Error::Minisign(minisign_error());
        let message = install_failed("0.2.0", &bad);
        assert!(message.contains("not signed by Stint's developers"), "{message}");
        assert!(message.contains("not installed"), "{message}");
        assert!(message.ends_with('.'), "{message}");
    }

    #[test]
    fn every_message_is_a_sentence_without_the_raw_error() {
        let errors = [
            Error::ReleaseNotFound,
            Error::TargetNotFound("linux-x86_64-deb".into()),
            Error::InsecureTransportProtocol,
            Error::Network("Download request failed with status: 404".into()),
            Error::PackageInstallFailed,
            Error::InvalidUpdaterFormat,
            Error::SignedVersionMismatch { signed: "0.1.0".into(), announced: "0.2.0".into() },
        ];
        for error in &errors {
            for message in [check_failed(error), install_failed("0.2.0", error)] {
                assert!(message.starts_with(|c: char| c.is_uppercase()) && message.ends_with('.'), "{message}");
                assert!(!message.contains("404") && !message.contains("linux-x86_64-deb"), "{message}");
            }
        }
    }

    /// A minisign error, as the plugin returns for a signature or key that does not verify.
    fn minisign_error() -> minisign_verify::Error {
        minisign_verify::PublicKey::from_base64("not a key").expect_err("not a minisign key")
    }
}
