//! One homeserver over HTTP: ruma's typed requests and responses, carried by reqwest.
//!
//! ruma builds each request (path, query, body, the endpoint's version for this server) and reads each
//! successful response; this module sends it, caps how much of an answer it reads, and turns failures
//! into `RoomError`s. reqwest is the HTTP client tauri-plugin-updater brings too (rustls with the
//! `ring` provider, the system's root certificates), so the app carries one HTTP stack.
//! Why ruma and not matrix-sdk: measured, see the note in `room/mod.rs`.

use std::borrow::Cow;
use std::sync::Once;
use std::time::Duration;

use ruma::api::auth_scheme::{AuthScheme, SendAccessToken};
use ruma::api::client::discovery::get_supported_versions;
use ruma::api::path_builder::PathBuilder;
use ruma::api::{IncomingResponseExt, MatrixVersion, OutgoingRequest, OutgoingRequestExt, SupportedVersions};
use serde::Deserialize;
use stint_core::i18n::Msg;

use super::error::RoomError;

/// The most of one answer Stint reads; a filtered sync of one room is a few kilobytes.
const MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;
/// How long an ordinary request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A homeserver: its base URL, the HTTP client, and the spec versions it speaks.
#[derive(Debug, Clone)]
pub struct Homeserver {
    base_url: String,
    http: reqwest::Client,
    versions: SupportedVersions,
}

impl Homeserver {
    /// Connects to the homeserver at `base_url` (`https://matrix.example.org`) and asks which spec
    /// versions it speaks, so that every later request takes the path the server knows.
    pub async fn connect(base_url: &str) -> Result<Self, RoomError> {
        let base_url = normalize_base_url(base_url)?;
        let http = http_client()?;
        // Until the server says otherwise, assume the oldest stable version.
        let mut server = Homeserver {
            base_url,
            http,
            versions: SupportedVersions { versions: [MatrixVersion::V1_1].into(), features: Default::default() },
        };
        let answer = server.send(get_supported_versions::Request::new(), SendAccessToken::None, (), None).await?;
        server.versions = answer.as_supported_versions();
        Ok(server)
    }

    /// The same server with a connection pool of its own: connections belong to the tokio runtime
    /// that opened them, so a client moved to another runtime (a thread of its own) needs new ones.
    pub fn with_own_connections(&self) -> Self {
        match http_client() {
            Ok(http) => Homeserver { http, ..self.clone() },
            Err(_) => self.clone(),
        }
    }

    /// The HTTP client, for the few requests that are no Matrix endpoint (OAuth 2.0's).
    pub(super) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The host name, for messages ("Stint cannot reach matrix.example.org.").
    pub fn host(&self) -> String {
        url::Url::parse(&self.base_url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default()
    }

    pub fn versions(&self) -> &SupportedVersions {
        &self.versions
    }

    /// The path input of a versioned endpoint: the versions this server speaks.
    pub fn path(&self) -> Cow<'_, SupportedVersions> {
        Cow::Borrowed(&self.versions)
    }

    /// Sends a ruma request and reads its response. `auth` is the endpoint's authentication input
    /// (`SendAccessToken::IfRequired(token)`, or `None`), `path` its path input (`self.path()` for a
    /// versioned endpoint, `()` for a fixed path); `timeout` overrides the usual 30 s (a long-poll
    /// needs its own wait plus a margin).
    pub async fn send<R: OutgoingRequest>(
        &self,
        request: R,
        auth: <R::Authentication as AuthScheme>::Input<'_>,
        path: <R::PathBuilder as PathBuilder>::Input<'_>,
        timeout: Option<Duration>,
    ) -> Result<R::IncomingResponse, RoomError> {
        let request: http::Request<Vec<u8>> = request
            .try_into_http_request(&self.base_url, auth, path)
            .map_err(|e| RoomError::request(format_args!("cannot build the request: {e}")))?;
        let (status, body) = self.execute(request, timeout.unwrap_or(REQUEST_TIMEOUT)).await?;
        let response = http::Response::builder().status(status).body(&body[..]).expect("a status and a body");
        R::IncomingResponse::try_from_http_response(response).map_err(|_| unreadable(status))
    }

    /// Sends an HTTP request built by ruma; answers with a status below 400 and the body, or the error.
    async fn execute(&self, request: http::Request<Vec<u8>>, timeout: Duration) -> Result<(u16, Vec<u8>), RoomError> {
        let (parts, body) = request.into_parts();
        let unreachable = |_| RoomError::Unreachable { server: self.host() };
        let mut response = self
            .http
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .timeout(timeout)
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status().as_u16();
        let bytes = read_capped(&mut response, MAX_RESPONSE_BYTES, &self.host()).await?;
        if status >= 400 {
            return Err(error_from(status, &bytes));
        }
        Ok((status, bytes))
    }
}

/// Reads a response's body, at most `max` bytes; a longer one is refused, not cut.
pub(super) async fn read_capped(
    response: &mut reqwest::Response,
    max: usize,
    host: &str,
) -> Result<Vec<u8>, RoomError> {
    let status = response.status().as_u16();
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|_| RoomError::Unreachable { server: host.into() })? {
        if bytes.len() + chunk.len() > max {
            return Err(RoomError::Server {
                status,
                code: String::new(),
                message: "the answer was larger than Stint reads".into(),
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

pub(super) fn http_client() -> Result<reqwest::Client, RoomError> {
    install_crypto_provider();
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .user_agent(concat!("Stint/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| RoomError::request(format_args!("cannot set up HTTPS: {e}")))
}

/// `https://matrix.example.org/` → `https://matrix.example.org`; a bare host name gets `https://`.
pub fn normalize_base_url(input: &str) -> Result<String, RoomError> {
    let input = input.trim();
    let with_scheme = if input.contains("://") { input.to_string() } else { format!("https://{input}") };
    let url = url::Url::parse(&with_scheme)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| RoomError::Invalid(Msg::new("error_room_homeserver_address").text("address", input)))?;
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// The Matrix error body: `{ errcode, error, retry_after_ms? }`.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    errcode: String,
    #[serde(default)]
    error: String,
    #[serde(default)]
    retry_after_ms: Option<u64>,
}

fn error_from(status: u16, body: &[u8]) -> RoomError {
    let body: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    match (status, body.errcode.as_str()) {
        (_, "M_UNKNOWN_TOKEN" | "M_MISSING_TOKEN") => RoomError::SignedOut,
        (_, "M_LIMIT_EXCEEDED") | (429, _) => {
            RoomError::RateLimited { retry_after: body.retry_after_ms.map(Duration::from_millis) }
        }
        (403, "M_FORBIDDEN") if body.error.contains("password") || body.error.contains("Invalid") => {
            RoomError::BadLogin
        }
        (403, _) => RoomError::Forbidden { message: body.error },
        (404, _) => RoomError::NotFound,
        _ => RoomError::Server { status, code: body.errcode, message: body.error },
    }
}

fn unreadable(status: u16) -> RoomError {
    RoomError::Server { status, code: String::new(), message: "Stint could not read the homeserver's answer".into() }
}

/// rustls needs one crypto provider per process; Stint uses `ring`, as tauri-plugin-updater does.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when a provider is already installed, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized_and_nonsense_is_refused() {
        assert_eq!(normalize_base_url("https://matrix.example.org/").unwrap(), "https://matrix.example.org");
        assert_eq!(normalize_base_url(" matrix.example.org ").unwrap(), "https://matrix.example.org");
        assert_eq!(normalize_base_url("http://127.0.0.1:8008").unwrap(), "http://127.0.0.1:8008");
        for bad in ["", "ftp://x.org", "https://", "not a url at all"] {
            assert!(matches!(normalize_base_url(bad), Err(RoomError::Invalid(_))), "{bad}");
        }
    }

    #[test]
    fn matrix_errors_map_to_what_the_user_can_do() {
        let e = |status, body: &str| error_from(status, body.as_bytes());
        assert_eq!(e(401, r#"{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token"}"#), RoomError::SignedOut);
        assert_eq!(
            e(429, r#"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":1500}"#),
            RoomError::RateLimited { retry_after: Some(Duration::from_millis(1500)) }
        );
        assert_eq!(e(403, r#"{"errcode":"M_FORBIDDEN","error":"Invalid username or password"}"#), RoomError::BadLogin);
        assert!(matches!(
            e(403, r#"{"errcode":"M_FORBIDDEN","error":"You don't have permission"}"#),
            RoomError::Forbidden { .. }
        ));
        assert_eq!(e(404, r#"{"errcode":"M_NOT_FOUND"}"#), RoomError::NotFound);
        assert!(matches!(e(502, "<html>bad gateway</html>"), RoomError::Server { status: 502, .. }));
    }
}
