//! Signing in through the browser (single sign-on), for servers that take no passwords from apps:
//! Stint opens the system browser at the homeserver's SSO page with a loopback redirect
//! (`loopback.rs`), the homeserver sends the browser back with a `loginToken`, and Stint exchanges
//! it with `m.login.token` for a session that is kept like a password sign-in's.
//!
//! Every way it can fail is a `BrowserLoginError` with its sentence in the message catalogues; one
//! sign-in at a time (`PendingSignIn`), which the user can cancel.

use std::sync::Mutex;
use std::time::Duration;

use stint_core::i18n::{Lang, Msg};
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::error::RoomError;
use super::login::{login_token, sso_redirect_url, LoginOptions, MatrixSession};
use super::loopback::{Loopback, LoopbackError};
use super::transport::Homeserver;

/// How long Stint waits for the browser to come back.
pub const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// The longest login token Stint passes on; servers' tokens are a few dozen characters.
const MAX_TOKEN_CHARS: usize = 1024;

/// Why a browser sign-in did not end signed in.
#[derive(Debug, PartialEq, Eq)]
pub enum BrowserLoginError {
    /// The homeserver offers no single sign-on.
    NoSso {
        server: String,
    },
    /// The identity provider picked is not one the homeserver lists.
    UnknownProvider {
        server: String,
    },
    /// The address to open is neither https nor on the homeserver's own origin.
    UnsafeAddress {
        address: String,
    },
    /// No browser could be started.
    Browser,
    /// No port of 127.0.0.1 for the browser to come back to.
    NoPort,
    TimedOut,
    Cancelled,
    /// The browser came back without a usable token.
    NoToken,
    /// The homeserver's OAuth 2.0 authorization server describes itself in a way Stint refuses.
    BadAuthServer {
        server: String,
    },
    /// The authorization server would not register Stint as an app.
    RegistrationRefused {
        server: String,
    },
    /// The user said no on the authorization server's consent page.
    Denied,
    /// The homeserver refused the token, or could not be reached.
    Room(RoomError),
}

impl BrowserLoginError {
    /// The sentence shown in Settings (what happened and what to do), said in the language in
    /// effect where it is shown.
    pub fn words(&self) -> Msg {
        match self {
            BrowserLoginError::NoSso { server } => Msg::new("room_browser_no_sso").text("server", server.as_str()),
            BrowserLoginError::UnknownProvider { server } => {
                Msg::new("room_browser_unknown_provider").text("server", server.as_str())
            }
            BrowserLoginError::UnsafeAddress { address } => {
                Msg::new("room_browser_unsafe_address").text("address", address.as_str())
            }
            BrowserLoginError::Browser => Msg::new("room_browser_open_failed"),
            BrowserLoginError::NoPort => Msg::new("room_browser_no_port"),
            BrowserLoginError::TimedOut => Msg::new("room_browser_timed_out"),
            BrowserLoginError::Cancelled => Msg::new("room_browser_cancelled"),
            BrowserLoginError::NoToken => Msg::new("room_browser_no_token"),
            BrowserLoginError::BadAuthServer { server } => {
                Msg::new("room_oauth_bad_server").text("server", server.as_str())
            }
            BrowserLoginError::RegistrationRefused { server } => {
                Msg::new("room_oauth_registration_refused").text("server", server.as_str())
            }
            BrowserLoginError::Denied => Msg::new("room_oauth_denied"),
            // A refused login token is no wrong password: it expired, or was used already.
            BrowserLoginError::Room(RoomError::BadLogin | RoomError::Forbidden { .. }) => {
                Msg::new("room_browser_refused")
            }
            BrowserLoginError::Room(e) => e.words(),
        }
    }

    /// The sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        self.words().render(lang)
    }
}

impl From<RoomError> for BrowserLoginError {
    fn from(e: RoomError) -> Self {
        BrowserLoginError::Room(e)
    }
}

/// Refuses a browser sign-in the homeserver does not offer: no SSO, or a provider it does not list.
/// (A server that offers OAuth 2.0 is signed in to that way instead, see `room_sign_in_browser`.)
pub fn check_offered(options: &LoginOptions, provider: Option<&str>, server: &str) -> Result<(), BrowserLoginError> {
    if !options.sso {
        return Err(BrowserLoginError::NoSso { server: server.into() });
    }
    match provider {
        Some(id) if !options.sso_providers.iter().any(|p| p.id == id) => {
            Err(BrowserLoginError::UnknownProvider { server: server.into() })
        }
        _ => Ok(()),
    }
}

/// An address Stint may open in the browser for `homeserver`: https, or the homeserver's own origin
/// (a homeserver on plain http, such as a test server on 127.0.0.1).
pub fn check_browser_address(address: &str, homeserver: &str) -> Result<url::Url, BrowserLoginError> {
    let unsafe_address = || BrowserLoginError::UnsafeAddress { address: address.chars().take(200).collect() };
    let url = url::Url::parse(address).map_err(|_| unsafe_address())?;
    let home = url::Url::parse(homeserver).map_err(|_| unsafe_address())?;
    let https = url.scheme() == "https" && url.host_str().is_some();
    if https || url.origin() == home.origin() {
        Ok(url)
    } else {
        Err(unsafe_address())
    }
}

/// Runs one browser sign-in: opens the SSO page with `open`, waits for the browser until `deadline`
/// or until `cancel` fires (or its sender is dropped), and exchanges the token. `page` is the sentence
/// the browser shows once it is back.
pub async fn sign_in_through_browser(
    server: &Homeserver,
    provider: Option<&str>,
    open: impl FnOnce(&str) -> Result<(), String>,
    page: &str,
    deadline: Instant,
    cancel: oneshot::Receiver<()>,
) -> Result<MatrixSession, BrowserLoginError> {
    let loopback = Loopback::bind().await.map_err(|_| BrowserLoginError::NoPort)?;
    let address = sso_redirect_url(server, provider, &loopback.redirect_url())?;
    let address = check_browser_address(&address, server.base_url())?;
    let query = wait_for_browser(loopback, address.as_str(), open, page, deadline, cancel).await?;
    let token = login_token_of(&query)?;
    Ok(login_token(server, token).await?)
}

/// Opens `address` with `open` and waits on `loopback` for the browser to come back (until
/// `deadline`, or until `cancel` fires); gives the query it brought. SSO and OAuth 2.0 share it.
pub(super) async fn wait_for_browser(
    loopback: Loopback,
    address: &str,
    open: impl FnOnce(&str) -> Result<(), String>,
    page: &str,
    deadline: Instant,
    cancel: oneshot::Receiver<()>,
) -> Result<Vec<(String, String)>, BrowserLoginError> {
    open(address).map_err(|e| {
        log::warn!("Live room: could not open the browser: {e}");
        BrowserLoginError::Browser
    })?;
    tokio::select! {
        back = loopback.wait(page, deadline) => back.map_err(|e| match e {
            LoopbackError::TimedOut => BrowserLoginError::TimedOut,
            LoopbackError::Bind(_) => BrowserLoginError::NoPort,
        }),
        _ = cancel => Err(BrowserLoginError::Cancelled),
    }
}

/// The one `loginToken` of the browser's return: present, not empty, not absurdly long.
fn login_token_of(query: &[(String, String)]) -> Result<&str, BrowserLoginError> {
    query
        .iter()
        .find(|(k, _)| k == "loginToken")
        .map(|(_, v)| v.as_str())
        .filter(|t| !t.is_empty() && t.chars().count() <= MAX_TOKEN_CHARS)
        .ok_or(BrowserLoginError::NoToken)
}

/// The browser sign-in under way, if any: a new one cancels the old, and `cancel` ends it.
#[derive(Default)]
pub struct PendingSignIn(Mutex<Option<oneshot::Sender<()>>>);

impl PendingSignIn {
    /// Starts a sign-in; its receiver fires on `cancel` or when a newer sign-in begins.
    pub fn begin(&self) -> oneshot::Receiver<()> {
        let (sender, receiver) = oneshot::channel();
        let earlier = self.0.lock().unwrap_or_else(|p| p.into_inner()).replace(sender);
        if let Some(earlier) = earlier {
            let _ = earlier.send(());
        }
        receiver
    }

    /// Cancels the sign-in under way; false when there was none.
    pub fn cancel(&self) -> bool {
        let pending = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        pending.is_some_and(|p| p.send(()).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::super::login::IdentityProvider;
    use super::*;
    use stint_core::i18n::tr0;

    #[test]
    fn only_https_or_the_homeservers_own_origin_is_opened() {
        let home = "http://127.0.0.1:8008";
        assert!(check_browser_address("https://sso.example.org/login?x=1", home).is_ok());
        assert!(check_browser_address("http://127.0.0.1:8008/_matrix/client/v3/login/sso/redirect", home).is_ok());
        for bad in [
            "http://127.0.0.1:8009/_matrix/client/v3/login/sso/redirect",
            "http://evil.example/login",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "not an address",
        ] {
            assert!(matches!(check_browser_address(bad, home), Err(BrowserLoginError::UnsafeAddress { .. })), "{bad}");
        }
        let long = format!("http://evil.example/{}", "a".repeat(1000));
        let Err(BrowserLoginError::UnsafeAddress { address }) = check_browser_address(&long, home) else { panic!() };
        assert_eq!(address.chars().count(), 200);
    }

    #[test]
    fn a_sign_in_the_server_does_not_offer_is_refused() {
        let mut options = LoginOptions { password: true, ..LoginOptions::default() };
        assert_eq!(check_offered(&options, None, "x.org"), Err(BrowserLoginError::NoSso { server: "x.org".into() }));
        options.sso = true;
        assert_eq!(check_offered(&options, None, "x.org"), Ok(()));
        options.sso_providers = vec![IdentityProvider { id: "oidc-github".into(), name: "GitHub".into() }];
        assert_eq!(check_offered(&options, Some("oidc-github"), "x.org"), Ok(()));
        assert_eq!(
            check_offered(&options, Some("oidc-evil"), "x.org"),
            Err(BrowserLoginError::UnknownProvider { server: "x.org".into() })
        );
    }

    #[test]
    fn the_browser_must_bring_back_one_usable_token() {
        let q = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        assert_eq!(login_token_of(&q(&[("state", "s"), ("loginToken", "abc")])), Ok("abc"));
        assert_eq!(login_token_of(&q(&[("state", "s")])), Err(BrowserLoginError::NoToken));
        assert_eq!(login_token_of(&q(&[("loginToken", "")])), Err(BrowserLoginError::NoToken));
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(login_token_of(&q(&[("loginToken", &long)])), Err(BrowserLoginError::NoToken));
    }

    #[test]
    fn every_failure_is_a_sentence_in_every_language() {
        let failures = [
            BrowserLoginError::NoSso { server: "x.org".into() },
            BrowserLoginError::UnknownProvider { server: "x.org".into() },
            BrowserLoginError::UnsafeAddress { address: "http://evil.example".into() },
            BrowserLoginError::Browser,
            BrowserLoginError::NoPort,
            BrowserLoginError::TimedOut,
            BrowserLoginError::Cancelled,
            BrowserLoginError::NoToken,
            BrowserLoginError::BadAuthServer { server: "x.org".into() },
            BrowserLoginError::RegistrationRefused { server: "x.org".into() },
            BrowserLoginError::Denied,
            BrowserLoginError::Room(RoomError::BadLogin),
            BrowserLoginError::Room(RoomError::Unreachable { server: "x.org".into() }),
        ];
        for lang in Lang::ALL {
            for failure in &failures {
                let text = failure.sentence(lang);
                assert!(!text.starts_with("room_") && !text.contains('{'), "{}: {text}", lang.code());
                assert!(text.ends_with('.') && text.chars().next().unwrap().is_uppercase() || text.contains("x.org"));
            }
            assert!(!tr0(lang, "room_browser_page").starts_with("room_"));
        }
    }

    #[test]
    fn a_new_sign_in_or_cancel_ends_the_one_under_way() {
        let pending = PendingSignIn::default();
        assert!(!pending.cancel());
        let mut first = pending.begin();
        let mut second = pending.begin();
        assert_eq!(first.try_recv(), Ok(()));
        assert!(second.try_recv().is_err());
        assert!(pending.cancel());
        assert_eq!(second.try_recv(), Ok(()));
    }
}
