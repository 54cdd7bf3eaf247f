//! Signing in through OAuth 2.0 (Matrix's "next-generation auth", spec v1.15: MSC2964–2967), which
//! servers that delegate sign-in to an authorization server (matrix.org and others, through MAS)
//! require. The flow: discover the authorization server (`metadata`), register Stint once per
//! issuer (the client id is kept in the store's app state), open the browser at the authorization
//! address with PKCE (`pkce`) and the loopback listener's state, catch the redirect on that same
//! one-shot listener (`loopback.rs`), trade the code for tokens, and ask the homeserver who that is.
//! The refresh token is kept with the access token (the keyring, or this run only); `flow` also
//! renews and revokes.

mod flow;
mod metadata;
mod pkce;

pub use flow::{discover, refresh, revoke, Discovered, OAuthGrant, Tokens};
pub use metadata::{AuthServer, BadMetadata};

use tokio::sync::oneshot;
use tokio::time::Instant;

use super::browser_login::{wait_for_browser, BrowserLoginError};
use super::loopback::Loopback;
use super::transport::Homeserver;
use super::MatrixSession;
use flow::{authorization_url, code_of, exchange_code, register, session_of, Authorization};

/// Runs one OAuth 2.0 sign-in with `auth`: registers Stint unless `client_id` (from an earlier
/// registration with this issuer) is given, opens the authorization page with `open`, waits for the
/// browser until `deadline` or `cancel`, and trades the code. Gives the session and the client id
/// to remember for this issuer.
pub async fn sign_in_with_oauth(
    server: &Homeserver,
    auth: &AuthServer,
    client_id: Option<String>,
    open: impl FnOnce(&str) -> Result<(), String>,
    page: &str,
    deadline: Instant,
    cancel: oneshot::Receiver<()>,
) -> Result<(MatrixSession, String), BrowserLoginError> {
    let client_id = match client_id {
        Some(id) => id,
        None => register(server, auth).await?,
    };
    let loopback = Loopback::bind().await.map_err(|_| BrowserLoginError::NoPort)?;
    let pkce = pkce::Pkce::new().ok_or(BrowserLoginError::NoPort)?;
    let device_id = pkce::new_device_id().ok_or(BrowserLoginError::NoPort)?;
    let (redirect_uri, state) = loopback.redirect_uri_and_state();
    let address = authorization_url(
        auth,
        &Authorization {
            client_id: &client_id,
            redirect_uri: &redirect_uri,
            state,
            code_challenge: &pkce.challenge,
            device_id: &device_id,
        },
    );
    let query = wait_for_browser(loopback, address.as_str(), open, page, deadline, cancel).await?;
    let code = code_of(&query)?;
    let now_ms = chrono::Utc::now().timestamp_millis();
    let tokens = exchange_code(server, auth, &client_id, code, &redirect_uri, &pkce.verifier, now_ms).await?;
    let session = session_of(server, auth, &client_id, tokens).await?;
    if session.device_id != device_id {
        log::warn!("Live room: the homeserver gave another device than the one Stint asked for");
    }
    Ok((session, client_id))
}
