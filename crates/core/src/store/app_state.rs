//! The app's own small state, kept in the database beside the user's data (table `app_state`):
//! what the reminders have announced, which bundled pack was imported, and when Stint was last seen
//! running a session, and when Stint last asked for an update. Each value is JSON under
//! a fixed key; a value that does not parse is treated as absent (and replaced at the next write).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::codec::to_json;
use super::Store;
use crate::Result;

/// The instant of the last reminder announced, so a restart does not repeat it.
const LAST_REMINDER: &str = "last_announced_reminder";
/// The community and version of the pack baked into the installer that was imported last.
const BUNDLED_PACK: &str = "bundled_pack";
/// The last instant Stint was known to be running while a session ran.
const LAST_SEEN: &str = "last_seen_running";
/// The last instant Stint asked its release server for an update (see `crate::update`).
const LAST_UPDATE_CHECK: &str = "last_update_check";
/// The OAuth 2.0 client id each Matrix authorization server gave Stint, by issuer: registered once,
/// not secret (a public client), so it lives here and not in the keyring.
const OAUTH_CLIENTS: &str = "oauth_clients";
/// The most issuers remembered; a new one past it replaces them all (it only costs a registration).
const MAX_OAUTH_CLIENTS: usize = 32;

/// Which bundled pack was imported last (see `Store::import_bundled_pack`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledPackMark {
    pub community_id: String,
    pub version: String,
}

pub(super) fn get<T: DeserializeOwned>(tx: &Transaction, key: &str) -> Result<Option<T>> {
    let text: Option<String> =
        tx.query_row("SELECT value FROM app_state WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
}

pub(super) fn set<T: Serialize>(tx: &Transaction, key: &str, value: &T) -> Result<()> {
    tx.execute(
        "INSERT INTO app_state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, to_json(value)?],
    )?;
    Ok(())
}

pub(super) fn bundled_pack_mark(tx: &Transaction) -> Result<Option<BundledPackMark>> {
    get(tx, BUNDLED_PACK)
}

pub(super) fn set_bundled_pack_mark(tx: &Transaction, mark: &BundledPackMark) -> Result<()> {
    set(tx, BUNDLED_PACK, mark)
}

impl Store {
    /// The instant of the last reminder announced, if any was.
    pub fn last_announced_reminder(&mut self) -> Result<Option<DateTime<Utc>>> {
        self.read(|tx| get(tx, LAST_REMINDER))
    }

    pub fn set_last_announced_reminder(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| set(tx, LAST_REMINDER, &at))
    }

    /// The last instant Stint was known to be running a session (see `live::Watch`).
    pub fn last_seen_running(&mut self) -> Result<Option<DateTime<Utc>>> {
        self.read(|tx| get(tx, LAST_SEEN))
    }

    pub fn set_last_seen_running(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| set(tx, LAST_SEEN, &at))
    }

    /// When Stint last asked for an update, if it ever did.
    pub fn last_update_check(&mut self) -> Result<Option<DateTime<Utc>>> {
        self.read(|tx| get(tx, LAST_UPDATE_CHECK))
    }

    pub fn set_last_update_check(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| set(tx, LAST_UPDATE_CHECK, &at))
    }

    /// The client id the authorization server `issuer` gave Stint, if it registered there before.
    pub fn oauth_client(&mut self, issuer: &str) -> Result<Option<String>> {
        let clients: Option<std::collections::BTreeMap<String, String>> = self.read(|tx| get(tx, OAUTH_CLIENTS))?;
        Ok(clients.and_then(|mut c| c.remove(issuer)))
    }

    /// Remembers the client id `issuer` gave Stint (replacing an earlier one of the same issuer).
    pub fn set_oauth_client(&mut self, issuer: &str, client_id: &str) -> Result<()> {
        self.write(|tx| {
            let mut clients: std::collections::BTreeMap<String, String> = get(tx, OAUTH_CLIENTS)?.unwrap_or_default();
            if clients.len() >= MAX_OAUTH_CLIENTS && !clients.contains_key(issuer) {
                clients.clear();
            }
            clients.insert(issuer.to_string(), client_id.to_string());
            set(tx, OAUTH_CLIENTS, &clients)
        })
    }

    /// Which bundled pack was imported last, if any.
    pub fn bundled_pack_mark(&mut self) -> Result<Option<BundledPackMark>> {
        self.read(bundled_pack_mark)
    }
}
