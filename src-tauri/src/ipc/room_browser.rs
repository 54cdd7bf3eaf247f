//! Commands for signing in to a Matrix account through the browser: which ways a homeserver offers
//! (so Settings can show "Sign in through the browser" and its identity providers), the sign-in
//! itself — OAuth 2.0 (`room::oauth`) when the server offers it, else SSO (`room::browser_login`) —
//! handed to the room service once signed in, and cancelling it.

use serde::Serialize;
use stint_core::Error;
use tauri::State;
use tokio::time::Instant;
use ts_rs::TS;

use super::error::{speech, CommandError, CommandResult};
use crate::desktop::links::Links;
use crate::room::browser_login::{
    check_offered, sign_in_through_browser, BrowserLoginError, PendingSignIn, SIGN_IN_TIMEOUT,
};
use crate::room::oauth::{sign_in_with_oauth, AuthServer};
use crate::room::service::{RoomHandle, RoomStatus};
use crate::room::{login_options, Homeserver, MatrixSession, RoomError};
use crate::state::AppState;

/// How a homeserver lets Stint sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignInWays {
    pub password: bool,
    /// Through the browser: OAuth 2.0 or single sign-on.
    pub browser: bool,
    /// The identity providers to offer by name, when the server lists any.
    pub providers: Vec<SignInProvider>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignInProvider {
    pub id: String,
    pub name: String,
}

/// The ways the homeserver at `homeserver` offers for signing in.
#[tauri::command]
pub async fn room_sign_in_ways(homeserver: String) -> CommandResult<SignInWays> {
    let server = connect(&homeserver).await?;
    let options = login_options(&server).await.map_err(|e| conflict(e.words()))?;
    Ok(SignInWays {
        password: options.password,
        browser: options.sso || options.oauth.is_some(),
        // An OAuth 2.0 server picks the identity provider itself.
        providers: match options.oauth {
            Some(_) => Vec::new(),
            None => options.sso_providers.into_iter().map(|p| SignInProvider { id: p.id, name: p.name }).collect(),
        },
    })
}

/// Opens the browser at the homeserver's sign-in page — its OAuth 2.0 server's when it has one, else
/// its SSO page (with `provider` when the user picked one) — waits up to five minutes for it to come
/// back, and signs in. Cancelled by
/// `room_cancel_browser_sign_in` or by another browser sign-in.
#[tauri::command]
pub async fn room_sign_in_browser(
    room: State<'_, RoomHandle>,
    pending: State<'_, PendingSignIn>,
    links: State<'_, Links>,
    state: State<'_, AppState>,
    homeserver: String,
    provider: Option<String>,
) -> CommandResult<RoomStatus> {
    let lang = state.settings().lang();
    let server = connect(&homeserver).await?;
    let options = login_options(&server).await.map_err(|e| conflict(e.words()))?;
    let cancel = pending.begin();
    let page = stint_core::i18n::tr0(lang, "room_browser_page");
    let deadline = Instant::now() + SIGN_IN_TIMEOUT;
    let open = |url: &str| links.0.open(url);
    let session = match options.oauth {
        Some(Ok(auth)) => oauth_sign_in(&state, &server, &auth, open, &page, deadline, cancel).await,
        Some(Err(why)) => {
            log::warn!("Live room: refused the authorization server's description: {}", why.0);
            Err(BrowserLoginError::BadAuthServer { server: server.host() })
        }
        None => {
            let provider = provider.filter(|p| !p.is_empty());
            check_offered(&options, provider.as_deref(), &server.host()).map_err(|e| conflict(e.words()))?;
            sign_in_through_browser(&server, provider.as_deref(), open, &page, deadline, cancel).await
        }
    }
    .map_err(|e| conflict(e.words()))?;
    room.adopt(server, session).await.map_err(conflict)?;
    Ok(room.status(speech()))
}

/// The OAuth 2.0 sign-in, registering Stint with the issuer only the first time (its client id is
/// kept in the store; a client id the server no longer knows shows as a refused sign-in, after
/// which Stint registers again).
async fn oauth_sign_in(
    state: &AppState,
    server: &Homeserver,
    auth: &AuthServer,
    open: impl FnOnce(&str) -> Result<(), String>,
    page: &str,
    deadline: Instant,
    cancel: tokio::sync::oneshot::Receiver<()>,
) -> Result<MatrixSession, BrowserLoginError> {
    let known = state.store.lock().oauth_client(&auth.issuer).unwrap_or_else(|e| {
        log::warn!("Live room: cannot read the registered OAuth 2.0 clients: {e}");
        None
    });
    let known = known.filter(|id| !id.is_empty());
    let result = sign_in_with_oauth(server, auth, known.clone(), open, page, deadline, cancel).await;
    match &result {
        Ok((_, client_id)) if known.as_deref() != Some(client_id) => {
            if let Err(e) = state.store.lock().set_oauth_client(&auth.issuer, client_id) {
                log::warn!("Live room: cannot keep the OAuth 2.0 client id: {e}");
            }
        }
        // A refused code with a remembered client: forget it, so the next sign-in registers anew.
        Err(BrowserLoginError::Room(RoomError::BadLogin)) if known.is_some() => {
            if let Err(e) = state.store.lock().set_oauth_client(&auth.issuer, "") {
                log::warn!("Live room: cannot forget the OAuth 2.0 client id: {e}");
            }
        }
        _ => {}
    }
    result.map(|(session, _)| session)
}

/// Cancels the browser sign-in under way, if any.
#[tauri::command]
pub fn room_cancel_browser_sign_in(pending: State<'_, PendingSignIn>) {
    pending.cancel();
}

async fn connect(homeserver: &str) -> CommandResult<Homeserver> {
    if homeserver.trim().is_empty() {
        return Err(Error::told("homeserver", stint_core::i18n::Msg::new("error_room_no_homeserver")).into());
    }
    Homeserver::connect(homeserver).await.map_err(|e| conflict(e.words()))
}

/// A refusal of the homeserver's or of the sign-in's, said in the language in effect.
fn conflict(words: stint_core::i18n::Msg) -> CommandError {
    Error::Conflict(words).into()
}
