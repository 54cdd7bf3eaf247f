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
use stint_core::i18n::Msg;
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
pub async fn fetch<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Offered>, Msg> {
    let mut builder = app.updater_builder().version_comparator(|_, _| true);
    if let Some(url) = std::env::var(URL_ENV).ok().filter(|u| !u.trim().is_empty()) {
        let url = url
            .trim()
            .parse()
            .map_err(|_| Msg::new("error_update_bad_url").text("variable", URL_ENV).text("url", url.as_str()))?;
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
pub async fn install(update: &Update) -> Result<(), Msg> {
    update.download_and_install(|_, _| {}, || {}).await.map_err(|e| install_failed(&update.version, &e))
}

/// The sentence for a check that failed.
pub fn check_failed(error: &Error) -> Msg {
    log::warn!("update check: {error}");
    match error {
        Error::InsecureTransportProtocol => Msg::new("error_update_not_https").text("variable", URL_ENV),
        Error::TargetNotFound(_) | Error::TargetsNotFound(_) => Msg::new("error_update_no_target"),
        Error::Serialization(_) | Error::ReleaseNotFound | Error::Semver(_) => Msg::new("error_update_unreadable"),
        _ => Msg::new("error_update_unreachable"),
    }
}

/// The sentence for an install that failed; names a bad signature as such.
pub fn install_failed(version: &str, error: &Error) -> Msg {
    log::warn!("update install ({version}): {error}");
    let key = match error {
        Error::Minisign(_) | Error::Base64(_) | Error::SignatureUtf8(_) => "error_update_unsigned",
        Error::SignedVersionMismatch { .. } | Error::MissingSignedVersion => "error_update_signature_mismatch",
        Error::InvalidUpdaterFormat => "error_update_wrong_package",
        Error::AuthenticationFailed | Error::PackageInstallFailed | Error::DebInstallFailed => {
            "error_update_not_installed_by_system"
        }
        Error::Reqwest(_) | Error::Network(_) => "error_update_download_incomplete",
        _ => "error_update_install_failed",
    };
    Msg::new(key).text("version", version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stint_core::i18n::Lang;

    #[test]
    fn a_bad_signature_is_named_as_such_and_says_nothing_was_installed() {
        let bad = Error::Minisign(minisign_error());
        let message = install_failed("0.2.0", &bad).render(Lang::En);
        assert!(message.contains("not signed by Stint's developers"), "{message}");
        let de = install_failed("0.2.0", &bad).render(Lang::De);
        assert!(de.contains("nicht von Stints Entwicklern signiert") && de.contains("0.2.0"), "{de}");
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
            for words in [check_failed(error), install_failed("0.2.0", error)] {
                for lang in Lang::ALL {
                    let message = words.render(lang);
                    assert!(message.starts_with(|c: char| c.is_uppercase()) && message.ends_with('.'), "{message}");
                    assert!(!message.contains("404") && !message.contains("linux-x86_64-deb"), "{message}");
                }
            }
        }
    }

    /// A minisign error, as the plugin returns for a signature or key that does not verify.
    fn minisign_error() -> minisign_verify::Error {
        minisign_verify::PublicKey::from_base64("not a key").expect_err("not a minisign key")
    }
}
