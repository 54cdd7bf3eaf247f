//! The Matrix access token in the freedesktop Secret Service (GNOME Keyring, KWallet).
//!
//! Spoken to over D-Bus with the zbus Stint already uses for logind and the portal, rather than the
//! `keyring` crate: that crate's Secret Service backend brings zbus 4 beside Stint's zbus 6. The
//! secret (homeserver, user, device and token, and an OAuth 2.0 session's refresh token, as one JSON value) is stored under the attributes
//! `application = stint`, `kind = matrix-session`, with the `plain` transfer algorithm, which the
//! spec allows over the private session bus. No Secret Service, or a locked collection that would
//! need a prompt: the token is kept in memory for this run only.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use zbus::{ObjectPath, OwnedObjectPath, Variant as Value};

use super::oauth::OAuthGrant;
use super::vault::{Kept, TokenVault};
use super::MatrixSession;

#[derive(Serialize, Deserialize)]
struct Stored {
    homeserver: String,
    user_id: String,
    device_id: String,
    access_token: String,
    /// The refresh token and how to use it, for a session signed in through OAuth 2.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    oauth: Option<OAuthGrant>,
}

/// The Secret Service, with the memory of this run behind it.
#[derive(Default)]
pub struct SecretServiceVault {
    this_run: Mutex<Option<MatrixSession>>,
}

const SERVICE: &str = "org.freedesktop.secrets";
const PATH: &str = "/org/freedesktop/secrets";
const DEFAULT_COLLECTION: &str = "/org/freedesktop/secrets/aliases/default";

fn attributes() -> HashMap<&'static str, &'static str> {
    HashMap::from([("application", "stint"), ("kind", "matrix-session")])
}

impl TokenVault for SecretServiceVault {
    fn load(&self) -> Result<Option<(MatrixSession, Kept)>, String> {
        if let Some(session) = self.this_run.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(Some((session, Kept::ThisRun)));
        }
        let secret = zbus::block_on(read_secret()).map_err(|e| format!("cannot read the keyring: {e}"))?;
        let Some(bytes) = secret else { return Ok(None) };
        let stored: Stored =
            serde_json::from_slice(&bytes).map_err(|_| "the keyring's Matrix entry is unreadable".to_string())?;
        let session = MatrixSession {
            homeserver: stored.homeserver,
            user_id: stored.user_id,
            device_id: stored.device_id,
            access_token: stored.access_token,
            oauth: stored.oauth,
        };
        Ok(Some((session, Kept::Keyring)))
    }

    fn save(&self, session: &MatrixSession) -> Kept {
        let stored = Stored {
            homeserver: session.homeserver.clone(),
            user_id: session.user_id.clone(),
            device_id: session.device_id.clone(),
            access_token: session.access_token.clone(),
            oauth: session.oauth.clone(),
        };
        let bytes = serde_json::to_vec(&stored).unwrap_or_default();
        let label = format!("Stint: Matrix session of {}", session.user_id);
        match zbus::block_on(write_secret(&label, bytes)) {
            Ok(()) => {
                *self.this_run.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Kept::Keyring
            }
            Err(e) => {
                log::warn!("Live room: the keyring did not take the access token: {e}");
                *self.this_run.lock().unwrap_or_else(|p| p.into_inner()) = Some(session.clone());
                Kept::ThisRun
            }
        }
    }

    fn delete(&self) {
        *self.this_run.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if let Err(e) = zbus::block_on(delete_secret()) {
            log::info!("Live room: nothing removed from the keyring: {e}");
        }
    }
}

async fn service() -> zbus::Result<(zbus::Connection, zbus::Proxy<'static>, OwnedObjectPath)> {
    let connection = zbus::Connection::session().await?;
    let proxy = zbus::Proxy::new(&connection, SERVICE, PATH, "org.freedesktop.Secret.Service").await?;
    let (_, session): (zbus::OwnedVariant, OwnedObjectPath) =
        proxy.call("OpenSession", &("plain", Value::from(""))).await?;
    Ok((connection, proxy, session))
}

/// Items found unlocked (locked ones are unlocked when no prompt is needed).
async fn find(proxy: &zbus::Proxy<'_>) -> zbus::Result<Vec<OwnedObjectPath>> {
    let (unlocked, locked): (Vec<OwnedObjectPath>, Vec<OwnedObjectPath>) =
        proxy.call("SearchItems", &(attributes(),)).await?;
    if locked.is_empty() {
        return Ok(unlocked);
    }
    let (opened, _prompt): (Vec<OwnedObjectPath>, OwnedObjectPath) = proxy.call("Unlock", &(locked,)).await?;
    Ok(unlocked.into_iter().chain(opened).collect())
}

async fn read_secret() -> zbus::Result<Option<Vec<u8>>> {
    let (_connection, proxy, session) = service().await?;
    let Some(item) = find(&proxy).await?.into_iter().next() else { return Ok(None) };
    type Secret = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);
    let secrets: HashMap<OwnedObjectPath, Secret> = proxy.call("GetSecrets", &(vec![item], session)).await?;
    Ok(secrets.into_values().next().map(|(_, _, value, _)| value))
}

async fn write_secret(label: &str, bytes: Vec<u8>) -> zbus::Result<()> {
    let (connection, _proxy, session) = service().await?;
    let collection =
        zbus::Proxy::new(&connection, SERVICE, DEFAULT_COLLECTION, "org.freedesktop.Secret.Collection").await?;
    let properties: HashMap<&str, Value> = HashMap::from([
        ("org.freedesktop.Secret.Item.Label", Value::from(label)),
        ("org.freedesktop.Secret.Item.Attributes", Value::from(attributes())),
    ]);
    let secret = (session, Vec::<u8>::new(), bytes, "application/json");
    let (item, prompt): (OwnedObjectPath, OwnedObjectPath) =
        collection.call("CreateItem", &(properties, secret, true)).await?;
    if item.as_str() == "/" {
        // The collection is locked and wants a prompt: Stint does not show one.
        return Err(zbus::Error::Failure(format!("the keyring is locked (prompt {})", prompt.as_str())));
    }
    Ok(())
}

async fn delete_secret() -> zbus::Result<()> {
    let (connection, proxy, _session) = service().await?;
    for item in find(&proxy).await? {
        let path = ObjectPath::try_from(item.as_str())?;
        let item = zbus::Proxy::new(&connection, SERVICE, path, "org.freedesktop.Secret.Item").await?;
        let _prompt: OwnedObjectPath = item.call("Delete", &()).await?;
    }
    Ok(())
}
