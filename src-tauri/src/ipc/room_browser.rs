//! Commands for signing in to a Matrix account through the browser: which ways a homeserver offers
//! (so Settings can show "Sign in through the browser" and its identity providers), the sign-in
//! itself (`room::browser_login`, handed to the room service once signed in), and cancelling it.

use serde::Serialize;
use stint_core::Error;
use tauri::State;
use tokio::time::Instant;
use ts_rs::TS;

use super::error::{CommandError, CommandResult};
use crate::desktop::links::Links;
use crate::room::browser_login::{check_offered, sign_in_through_browser, PendingSignIn, SIGN_IN_TIMEOUT};
use crate::room::service::{RoomHandle, RoomStatus};
use crate::room::{login_options, Homeserver};
use crate::state::AppState;

/// How a homeserver lets Stint sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignInWays {
    pub password: bool,
    /// Single sign-on through the browser.
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
    let options = login_options(&server).await.map_err(|e| conflict(e.to_string()))?;
    Ok(SignInWays {
        password: options.password,
        browser: options.sso,
        providers: options.sso_providers.into_iter().map(|p| SignInProvider { id: p.id, name: p.name }).collect(),
    })
}

/// Opens the browser at the homeserver's sign-in page (with `provider` when the user picked one),
/// waits up to five minutes for it to come back, and signs in. Cancelled by
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
    let options = login_options(&server).await.map_err(|e| conflict(e.to_string()))?;
    let provider = provider.filter(|p| !p.is_empty());
    check_offered(&options, provider.as_deref(), &server.host()).map_err(|e| conflict(e.sentence(lang)))?;
    let cancel = pending.begin();
    let page = stint_core::i18n::tr0(lang, "room_browser_page");
    let deadline = Instant::now() + SIGN_IN_TIMEOUT;
    let open = |url: &str| links.0.open(url);
    let session = sign_in_through_browser(&server, provider.as_deref(), open, &page, deadline, cancel)
        .await
        .map_err(|e| conflict(e.sentence(lang)))?;
    room.adopt(server, session).await.map_err(conflict)?;
    Ok(room.status())
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
    Homeserver::connect(homeserver).await.map_err(|e| conflict(e.to_string()))
}

/// A homeserver's refusal, a sentence already said (`RoomError::said`).
fn conflict(message: String) -> CommandError {
    Error::Conflict(stint_core::i18n::Msg::new("error_room_refused").text("reason", message)).into()
}
