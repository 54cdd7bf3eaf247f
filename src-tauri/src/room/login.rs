//! Signing in to a homeserver: which ways it offers, a password, or a token from the browser (SSO).
//!
//! Many public servers (matrix.org among them) no longer take passwords from apps: they offer single
//! sign-on through the browser, or OAuth 2.0 through their authorization server. `login_options` finds
//! out which; `sso_redirect_url` is the page to open for SSO, whose redirect brings back a login token
//! for `login_token`. The OAuth 2.0 flow is `oauth/`.

use ruma::api::auth_scheme::SendAccessToken;
use ruma::api::client::session::{get_login_types, login, sso_login, sso_login_with_provider};
use ruma::api::client::uiaa::{MatrixUserIdentifier, UserIdentifier};
use ruma::api::OutgoingRequestExt;

use super::error::RoomError;
use super::oauth::{discover, Discovered, OAuthGrant};
use super::transport::Homeserver;

/// The name a new device gets on the user's session list.
const DEVICE_NAME: &str = "Stint";

/// The ways a homeserver lets Stint sign in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginOptions {
    pub password: bool,
    /// Single sign-on through the browser; `sso_providers` may be empty (the server picks).
    pub sso: bool,
    pub sso_providers: Vec<IdentityProvider>,
    /// OAuth 2.0 (next-generation auth): the server's authorization server, when it has one (or the
    /// document Stint refused). Such a server wants apps to use only this.
    pub oauth: Discovered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProvider {
    pub id: String,
    pub name: String,
}

/// A signed-in session. The access token belongs in the OS keyring, never in SQLite or settings.
#[derive(Clone, PartialEq, Eq)]
pub struct MatrixSession {
    pub homeserver: String,
    pub user_id: String,
    pub device_id: String,
    pub access_token: String,
    /// How to renew the access token, for a session signed in through OAuth 2.0.
    pub oauth: Option<OAuthGrant>,
}

impl std::fmt::Debug for MatrixSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixSession")
            .field("homeserver", &self.homeserver)
            .field("user_id", &self.user_id)
            .field("device_id", &self.device_id)
            .field("access_token", &"…")
            .field("oauth", &self.oauth)
            .finish()
    }
}

/// Asks the homeserver how one may sign in: its login flows, and its OAuth 2.0 authorization server.
pub async fn login_options(server: &Homeserver) -> Result<LoginOptions, RoomError> {
    // A server whose discovery fails still takes passwords or SSO.
    let oauth = discover(server).await.unwrap_or_else(|e| {
        log::info!("Live room: could not ask for the OAuth 2.0 server: {e}");
        None
    });
    let mut options = LoginOptions { oauth, ..LoginOptions::default() };
    let flows = match server.send(get_login_types::v3::Request::new(), SendAccessToken::None, server.path(), None).await
    {
        Ok(flows) => flows.flows,
        // A server that delegates sign-in to OAuth 2.0 may have no login API left at all.
        Err(_) if options.oauth.is_some() => Vec::new(),
        Err(e) => return Err(e),
    };
    for flow in flows {
        match flow {
            get_login_types::v3::LoginType::Password(_) => options.password = true,
            get_login_types::v3::LoginType::Sso(sso) => {
                options.sso = true;
                options.sso_providers =
                    sso.identity_providers.into_iter().map(|p| IdentityProvider { id: p.id, name: p.name }).collect();
            }
            _ => {}
        }
    }
    Ok(options)
}

/// Signs in with a user name (or full user id) and password.
pub async fn login_password(server: &Homeserver, user: &str, password: &str) -> Result<MatrixSession, RoomError> {
    let identifier = UserIdentifier::Matrix(MatrixUserIdentifier::new(user.trim().to_string()));
    let info = login::v3::LoginInfo::Password(login::v3::Password::new(identifier, password.to_string()));
    login_with(server, info).await
}

/// Completes a browser sign-in (SSO) with the `loginToken` its redirect brought back.
pub async fn login_token(server: &Homeserver, token: &str) -> Result<MatrixSession, RoomError> {
    login_with(server, login::v3::LoginInfo::Token(login::v3::Token::new(token.to_string()))).await
}

async fn login_with(server: &Homeserver, info: login::v3::LoginInfo) -> Result<MatrixSession, RoomError> {
    let mut request = login::v3::Request::new(info);
    request.initial_device_display_name = Some(DEVICE_NAME.into());
    let answer = server.send(request, SendAccessToken::None, server.path(), None).await?;
    Ok(MatrixSession {
        homeserver: server.base_url().to_string(),
        user_id: answer.user_id.to_string(),
        device_id: answer.device_id.to_string(),
        access_token: answer.access_token,
        oauth: None,
    })
}

/// The page to open in the browser for single sign-on, with `provider` when the user picked one.
/// After signing in, the server redirects to `redirect_url` with `?loginToken=…`.
pub fn sso_redirect_url(server: &Homeserver, provider: Option<&str>, redirect_url: &str) -> Result<String, RoomError> {
    let build_error =
        |e: ruma::api::error::IntoHttpError| RoomError::request(format_args!("cannot build the sign-in address: {e}"));
    let request: http::Request<Vec<u8>> = match provider {
        Some(id) => sso_login_with_provider::v3::Request::new(id.to_string(), redirect_url.to_string())
            .try_into_http_request(server.base_url(), SendAccessToken::None, server.path())
            .map_err(build_error)?,
        None => sso_login::v3::Request::new(redirect_url.to_string())
            .try_into_http_request(server.base_url(), SendAccessToken::None, server.path())
            .map_err(build_error)?,
    };
    Ok(request.uri().to_string())
}
