//! The requests of Matrix's OAuth 2.0 API (MSC2964–2967): discovery, dynamic client registration
//! (RFC 7591 with Matrix's client metadata), the authorization address with PKCE, the code's
//! exchange, refresh (RFC 6749 §6) and revocation (RFC 7009).
//!
//! Every answer is read capped (64 KiB) and checked; a server's refusal becomes a `BrowserLoginError`
//! (during sign-in) or a `RoomError` (refresh, revocation), never a raw body.

use std::time::Duration;

use ruma::api::auth_scheme::SendAccessToken;
use ruma::api::client::account::whoami;
use serde::{Deserialize, Serialize};

use super::metadata::{parse_metadata, AuthServer, BadMetadata, MAX_METADATA_BYTES};
use crate::room::browser_login::BrowserLoginError;
use crate::room::error::RoomError;
use crate::room::transport::{read_capped, Homeserver};
use crate::room::MatrixSession;

/// Stint's page, sent as its `client_uri` when it registers (https, as the spec asks).
const CLIENT_URI: &str = "https://github.com/stint-app/stint";
/// The loopback redirect Stint registers; RFC 8252 lets the port vary at each sign-in.
pub const REGISTERED_REDIRECT: &str = "http://127.0.0.1/stint/signed-in";
/// The most of a token, registration or error answer Stint reads.
const MAX_ANSWER_BYTES: usize = MAX_METADATA_BYTES;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest token or client id Stint keeps; servers' are a few dozen characters.
const MAX_TOKEN_CHARS: usize = 4096;

/// How Stint renews a session signed in through OAuth 2.0; kept with the access token, in the
/// keyring (the refresh token is as secret as the access token).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthGrant {
    pub issuer: String,
    pub client_id: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// When the access token stops working (ms since the Unix epoch), when the server said.
    #[serde(default)]
    pub expires_at_ms: Option<i64>,
}

impl std::fmt::Debug for OAuthGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthGrant")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "…"))
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

/// What a homeserver says about OAuth 2.0: nothing (it takes passwords or SSO), a usable
/// authorization server, or a document Stint refuses.
pub type Discovered = Option<Result<AuthServer, BadMetadata>>;

/// Asks the homeserver for its authorization server: the stable path, then MSC2965's unstable one.
pub async fn discover(server: &Homeserver) -> Result<Discovered, RoomError> {
    for path in ["/_matrix/client/v1/auth_metadata", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"] {
        let url = format!("{}{path}", server.base_url());
        let (status, body) = match get(server.http(), &url, &server.host()).await {
            Ok(answer) => answer,
            // The only `Server` error of a GET's reading: an answer past the cap, refused whole.
            Err(RoomError::Server { .. }) => return Ok(Some(Err(BadMetadata("larger than 64 KiB")))),
            Err(e) => return Err(e),
        };
        match status {
            200 => return Ok(Some(parse_metadata(&body))),
            // Unknown endpoint (404, or 405 from some proxies): no OAuth 2.0 here, or not at this path.
            400..=499 => continue,
            _ => return Err(RoomError::Server { status, code: String::new(), message: String::new() }),
        }
    }
    Ok(None)
}

#[derive(Deserialize)]
struct Registered {
    client_id: String,
}

/// Registers Stint as a public native client of `auth` and gives its client id.
pub async fn register(server: &Homeserver, auth: &AuthServer) -> Result<String, BrowserLoginError> {
    let body = serde_json::json!({
        "client_name": "Stint",
        "client_uri": CLIENT_URI,
        "application_type": "native",
        "redirect_uris": [REGISTERED_REDIRECT],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
    });
    let refused = || BrowserLoginError::RegistrationRefused { server: host_of(&auth.registration_endpoint) };
    let body = serde_json::to_vec(&body).map_err(|_| refused())?;
    let (status, answer) =
        post(server, &auth.registration_endpoint, "application/json", body).await.map_err(BrowserLoginError::Room)?;
    if !(200..300).contains(&status) {
        log::warn!("Live room: the authorization server refused to register Stint (HTTP {status})");
        return Err(refused());
    }
    let registered: Registered = serde_json::from_slice(&answer).map_err(|_| refused())?;
    if registered.client_id.is_empty() || registered.client_id.chars().count() > MAX_TOKEN_CHARS {
        return Err(refused());
    }
    Ok(registered.client_id)
}

/// What one authorization needs: the client, the redirect with its state, the PKCE challenge and
/// the device the new session will be.
pub struct Authorization<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub code_challenge: &'a str,
    pub device_id: &'a str,
}

/// The scope of a Matrix session for `device_id`: the whole client-server API, on that device.
pub fn scope(device_id: &str) -> String {
    format!("urn:matrix:client:api:* urn:matrix:client:device:{device_id}")
}

/// The address to open in the browser: the authorization code flow, answered in the query.
pub fn authorization_url(auth: &AuthServer, a: &Authorization) -> url::Url {
    let mut url = auth.authorization_endpoint.clone();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("response_mode", "query")
        .append_pair("client_id", a.client_id)
        .append_pair("redirect_uri", a.redirect_uri)
        .append_pair("scope", &scope(a.device_id))
        .append_pair("state", a.state)
        .append_pair("code_challenge", a.code_challenge)
        .append_pair("code_challenge_method", "S256");
    url
}

/// The code the browser brought back, or why it brought none (`error=access_denied`: the user said no).
pub fn code_of(query: &[(String, String)]) -> Result<&str, BrowserLoginError> {
    let value = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    match (value("code"), value("error")) {
        (_, Some("access_denied")) => Err(BrowserLoginError::Denied),
        (_, Some(error)) => {
            log::warn!("Live room: the authorization server sent back the error {:?}", cap(error));
            Err(BrowserLoginError::NoToken)
        }
        (Some(code), None) if !code.is_empty() && code.chars().count() <= MAX_TOKEN_CHARS => Ok(code),
        _ => Err(BrowserLoginError::NoToken),
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    token_type: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize, Default)]
struct TokenError {
    #[serde(default)]
    error: String,
}

/// New tokens from the token endpoint: the access token, and the grant to renew it.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_at_ms: Option<i64>,
}

/// Trades the code for tokens (with the PKCE verifier that only Stint knows).
pub async fn exchange_code(
    server: &Homeserver,
    auth: &AuthServer,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    now_ms: i64,
) -> Result<Tokens, BrowserLoginError> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", client_id),
        ("code_verifier", verifier),
    ];
    token_request(server, &auth.token_endpoint, &form, now_ms).await.map_err(|e| match e {
        // The code was refused: expired, used already, or not for this verifier.
        RoomError::SignedOut => BrowserLoginError::Room(RoomError::BadLogin),
        other => BrowserLoginError::Room(other),
    })
}

/// Renews the session's access token with its refresh token; `SignedOut` when the server refuses it.
pub async fn refresh(server: &Homeserver, grant: &OAuthGrant, now_ms: i64) -> Result<Tokens, RoomError> {
    let refresh_token = grant.refresh_token.as_deref().ok_or(RoomError::SignedOut)?;
    let endpoint = url::Url::parse(&grant.token_endpoint).map_err(|_| RoomError::SignedOut)?;
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", &grant.client_id)];
    let mut tokens = token_request(server, &endpoint, &form, now_ms).await?;
    // A server may keep the refresh token as it was (RFC 6749 §6).
    tokens.refresh_token = tokens.refresh_token.or_else(|| grant.refresh_token.clone());
    Ok(tokens)
}

/// Revokes `token` (RFC 7009) when the server has a revocation endpoint; signing out goes on anyway.
pub async fn revoke(server: &Homeserver, grant: &OAuthGrant, token: &str, hint: &str) -> Result<(), RoomError> {
    let Some(endpoint) = grant.revocation_endpoint.as_deref().and_then(|e| url::Url::parse(e).ok()) else {
        return Ok(());
    };
    let body = form_body(&[("token", token), ("token_type_hint", hint), ("client_id", &grant.client_id)]);
    let (status, _) = post(server, &endpoint, "application/x-www-form-urlencoded", body).await?;
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(RoomError::Server { status, code: String::new(), message: String::new() })
    }
}

/// The session these tokens are: who and which device, as the homeserver says (`whoami`).
pub async fn session_of(
    server: &Homeserver,
    auth: &AuthServer,
    client_id: &str,
    tokens: Tokens,
) -> Result<MatrixSession, RoomError> {
    let request = whoami::v3::Request::new();
    let me = server.send(request, SendAccessToken::IfRequired(&tokens.access_token), server.path(), None).await?;
    let device_id = me.device_id.map(|d| d.to_string()).ok_or(RoomError::Server {
        status: 200,
        code: String::new(),
        message: "The homeserver did not say which device this sign-in is".into(),
    })?;
    Ok(MatrixSession {
        homeserver: server.base_url().to_string(),
        user_id: me.user_id.to_string(),
        device_id,
        access_token: tokens.access_token,
        oauth: Some(OAuthGrant {
            issuer: auth.issuer.clone(),
            client_id: client_id.to_string(),
            token_endpoint: auth.token_endpoint.to_string(),
            revocation_endpoint: auth.revocation_endpoint.as_ref().map(|u| u.to_string()),
            refresh_token: tokens.refresh_token,
            expires_at_ms: tokens.expires_at_ms,
        }),
    })
}

async fn token_request(
    server: &Homeserver,
    endpoint: &url::Url,
    form: &[(&str, &str)],
    now_ms: i64,
) -> Result<Tokens, RoomError> {
    let (status, body) = post(server, endpoint, "application/x-www-form-urlencoded", form_body(form)).await?;
    read_tokens(status, &body, now_ms)
}

/// The token endpoint's answer, checked: a Bearer token of sane length, or why there is none (a
/// refused grant is `SignedOut`: the user has to sign in again).
fn read_tokens(status: u16, body: &[u8], now_ms: i64) -> Result<Tokens, RoomError> {
    if (400..500).contains(&status) {
        let error: TokenError = serde_json::from_slice(body).unwrap_or_default();
        log::info!("Live room: the token endpoint refused ({}): {:?}", status, cap(&error.error));
        return Err(match error.error.as_str() {
            "invalid_grant" | "invalid_client" | "unauthorized_client" | "" => RoomError::SignedOut,
            _ => RoomError::Server { status, code: String::new(), message: String::new() },
        });
    }
    let unreadable = || RoomError::Server { status, code: String::new(), message: String::new() };
    if status != 200 {
        return Err(unreadable());
    }
    let answer: TokenAnswer = serde_json::from_slice(body).map_err(|_| unreadable())?;
    let too_long = |t: &str| t.is_empty() || t.chars().count() > MAX_TOKEN_CHARS;
    if !answer.token_type.eq_ignore_ascii_case("bearer")
        || too_long(&answer.access_token)
        || answer.refresh_token.as_deref().is_some_and(too_long)
    {
        return Err(unreadable());
    }
    // A lifetime past ten years is as good as none.
    let expires_at_ms = answer.expires_in.filter(|s| *s < 10 * 365 * 86_400).map(|s| now_ms + s as i64 * 1000);
    Ok(Tokens { access_token: answer.access_token, refresh_token: answer.refresh_token, expires_at_ms })
}

fn form_body(pairs: &[(&str, &str)]) -> Vec<u8> {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish().into_bytes()
}

async fn get(http: &reqwest::Client, url: &str, host: &str) -> Result<(u16, Vec<u8>), RoomError> {
    let unreachable = |_| RoomError::Unreachable { server: host.to_string() };
    let mut response = http
        .get(url)
        .header("Accept", "application/json")
        .timeout(REQUEST_TIMEOUT)
        .send()
        .await
        .map_err(unreachable)?;
    let status = response.status().as_u16();
    Ok((status, read_capped(&mut response, MAX_ANSWER_BYTES, host).await?))
}

async fn post(
    server: &Homeserver,
    url: &url::Url,
    content_type: &str,
    body: Vec<u8>,
) -> Result<(u16, Vec<u8>), RoomError> {
    let host = host_of(url);
    let unreachable = |_| RoomError::Unreachable { server: host.clone() };
    let mut response = server
        .http()
        .post(url.as_str())
        .header("Content-Type", content_type)
        .header("Accept", "application/json")
        .body(body)
        .timeout(REQUEST_TIMEOUT)
        .send()
        .await
        .map_err(unreachable)?;
    let status = response.status().as_u16();
    Ok((status, read_capped(&mut response, MAX_ANSWER_BYTES, &host).await?))
}

fn host_of(url: &url::Url) -> String {
    url.host_str().unwrap_or_default().to_string()
}

fn cap(text: &str) -> String {
    text.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_browser_brings_back_a_code_or_the_reason_there_is_none() {
        assert_eq!(code_of(&q(&[("state", "s"), ("code", "abc")])), Ok("abc"));
        assert_eq!(code_of(&q(&[("state", "s"), ("error", "access_denied")])), Err(BrowserLoginError::Denied));
        assert_eq!(code_of(&q(&[("error", "server_error"), ("code", "abc")])), Err(BrowserLoginError::NoToken));
        assert_eq!(code_of(&q(&[("state", "s")])), Err(BrowserLoginError::NoToken));
        assert_eq!(code_of(&q(&[("code", "")])), Err(BrowserLoginError::NoToken));
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(code_of(&q(&[("code", &long)])), Err(BrowserLoginError::NoToken));
    }

    #[test]
    fn the_authorization_address_asks_for_a_matrix_session_on_a_new_device() {
        let auth = super::super::metadata::parse_metadata(
            br#"{"issuer":"https://a.example/","authorization_endpoint":"https://a.example/authorize?lang=en",
                "token_endpoint":"https://a.example/token","registration_endpoint":"https://a.example/register",
                "response_types_supported":["code"],"code_challenge_methods_supported":["S256"]}"#,
        )
        .unwrap();
        let a = Authorization {
            client_id: "client 1",
            redirect_uri: "http://127.0.0.1:4000/stint/signed-in",
            state: "st",
            code_challenge: "ch",
            device_id: "ABCDEFGHIJ",
        };
        let url = authorization_url(&auth, &a);
        let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("lang"), Some("en"));
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("client_id"), Some("client 1"));
        assert_eq!(get("scope"), Some("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(get("state"), Some("st"));
        assert_eq!(get("redirect_uri"), Some("http://127.0.0.1:4000/stint/signed-in"));
    }

    #[test]
    fn only_a_sane_bearer_token_is_taken_from_the_token_endpoint() {
        let read = |status, body: &str| read_tokens(status, body.as_bytes(), 1_000);
        let good =
            read(200, r#"{"access_token":"a","token_type":"Bearer","expires_in":300,"refresh_token":"r"}"#).unwrap();
        assert_eq!((good.access_token.as_str(), good.refresh_token.as_deref()), ("a", Some("r")));
        assert_eq!(good.expires_at_ms, Some(301_000));
        let forever = read(200, r#"{"access_token":"a","token_type":"bearer","expires_in":999999999999}"#).unwrap();
        assert_eq!((forever.expires_at_ms, forever.refresh_token), (None, None));
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        let unreadable = [
            r#"{"access_token":"a","token_type":"MAC"}"#.to_string(),
            r#"{"access_token":"","token_type":"Bearer"}"#.to_string(),
            format!(r#"{{"access_token":"{long}","token_type":"Bearer"}}"#),
            format!(r#"{{"access_token":"a","token_type":"Bearer","refresh_token":"{long}"}}"#),
            r#"{"token_type":"Bearer"}"#.to_string(),
            r#"{"access_token":"a","token_type":"Bearer","expires_in":-5}"#.to_string(),
            "<html>".to_string(),
            "[]".to_string(),
        ];
        for body in &unreadable {
            assert!(matches!(read(200, body), Err(RoomError::Server { .. })), "{body}");
        }
        assert_eq!(read(400, r#"{"error":"invalid_grant"}"#).err(), Some(RoomError::SignedOut));
        assert_eq!(read(401, "not json").err(), Some(RoomError::SignedOut));
        assert!(matches!(read(400, r#"{"error":"unsupported_grant_type"}"#), Err(RoomError::Server { .. })));
        assert!(matches!(read(502, ""), Err(RoomError::Server { status: 502, .. })));
        assert!(matches!(read(302, ""), Err(RoomError::Server { status: 302, .. })));
    }

    /// A homeserver on 127.0.0.1 that answers `/versions` and gives `answer(path)` for the rest.
    async fn fake_homeserver(answer: fn(&str) -> (u16, String)) -> Homeserver {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            loop {
                let (mut stream, _) = listener.accept().await.unwrap();
                let mut head = vec![0u8; 4096];
                let n = stream.read(&mut head).await.unwrap_or(0);
                let line = String::from_utf8_lossy(&head[..n]).lines().next().unwrap_or_default().to_string();
                let path = line.split(' ').nth(1).unwrap_or_default().to_string();
                let (status, body) = match path.as_str() {
                    "/_matrix/client/versions" => (200, r#"{"versions":["v1.15"]}"#.to_string()),
                    other => answer(other),
                };
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
            }
        });
        Homeserver::connect(&format!("http://127.0.0.1:{port}")).await.unwrap()
    }

    const UNSTABLE: &str = "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata";
    const META: &str = r#"{"issuer": "https://a.example/", "authorization_endpoint": "https://a.example/authorize",
        "token_endpoint": "https://a.example/token", "registration_endpoint": "https://a.example/register",
        "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"]}"#;

    #[tokio::test]
    async fn discovery_falls_back_to_the_unstable_path_and_refuses_what_it_cannot_trust() {
        let unstable_only = fake_homeserver(|path| match path {
            UNSTABLE => (200, META.into()),
            _ => (404, r#"{"errcode":"M_UNRECOGNIZED"}"#.into()),
        })
        .await;
        let found = discover(&unstable_only).await.unwrap().unwrap().unwrap();
        assert_eq!(found.token_endpoint.as_str(), "https://a.example/token");

        let none = fake_homeserver(|_| (404, r#"{"errcode":"M_UNRECOGNIZED"}"#.into())).await;
        assert_eq!(discover(&none).await.unwrap(), None);

        let huge = fake_homeserver(|_| (200, format!(r#"{{"issuer":"{}"}}"#, "a".repeat(MAX_METADATA_BYTES)))).await;
        assert_eq!(discover(&huge).await.unwrap(), Some(Err(BadMetadata("larger than 64 KiB"))));

        let plain_http =
            fake_homeserver(|_| (200, META.replace("https://a.example/authorize", "http://a.example/authorize"))).await;
        assert!(matches!(discover(&plain_http).await.unwrap(), Some(Err(_))));

        let failing = fake_homeserver(|_| (500, "oops".into())).await;
        assert!(matches!(discover(&failing).await, Err(RoomError::Server { status: 500, .. })));
    }

    #[test]
    fn the_refresh_token_stays_out_of_logs() {
        let grant = OAuthGrant {
            issuer: "https://a.example/".into(),
            client_id: "c".into(),
            token_endpoint: "https://a.example/token".into(),
            revocation_endpoint: None,
            refresh_token: Some("very-secret".into()),
            expires_at_ms: None,
        };
        assert!(!format!("{grant:?}").contains("very-secret"));
    }
}
