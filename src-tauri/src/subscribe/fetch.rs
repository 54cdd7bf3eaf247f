//! One calendar over HTTP: a conditional GET (`If-None-Match` / `If-Modified-Since` from the last good
//! answer), a capped body and a capped time, and every failure as a sentence core stores beside the
//! subscription. reqwest with rustls, the HTTP stack the room client and the updater already carry.
//! Nothing here decides what a calendar means: the outcome goes to `Store::record_fetch`.

use std::time::Duration;

use reqwest::header::{ACCEPT, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::redirect;
use reqwest::StatusCode;
use stint_core::i18n::Msg;
use stint_core::ics::MAX_ICS_BYTES;
use stint_core::subscription::{FetchOutcome, FetchRequest};

/// How much of an answer is read, and how long a fetch may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest body read: core reads calendars of at most `MAX_ICS_BYTES`.
    pub max_bytes: usize,
    /// The whole exchange, connection to last byte.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: MAX_ICS_BYTES, timeout: Duration::from_secs(30) }
    }
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_REDIRECTS: usize = 5;

/// Fetches `request.url` and says what it brought. Never fails: a failure is `FetchOutcome::Failed`.
pub async fn fetch(request: &FetchRequest, limits: Limits) -> FetchOutcome {
    let host = host_of(&request.url);
    let failed = |reason: Msg| FetchOutcome::Failed { reason };
    let client = match client(limits) {
        Ok(client) => client,
        Err(_) => return failed(Msg::new("error_subscription_no_tls")),
    };
    let mut get = client.get(&request.url).header(ACCEPT, "text/calendar, */*;q=0.5");
    if let Some(etag) = &request.etag {
        get = get.header(IF_NONE_MATCH, etag);
    }
    if let Some(since) = &request.last_modified {
        get = get.header(IF_MODIFIED_SINCE, since);
    }
    let seconds = limits.timeout.as_secs().max(1);
    let unreachable = |e: reqwest::Error| {
        let key = if e.is_timeout() {
            "error_subscription_timeout"
        } else if e.is_redirect() {
            "error_subscription_redirect"
        } else {
            "error_subscription_unreachable"
        };
        Msg::new(key).text("host", host.as_str()).length("time", seconds)
    };
    let mut response = match get.send().await {
        Ok(response) => response,
        Err(e) => return failed(unreachable(e)),
    };
    let status = response.status();
    if status == StatusCode::NOT_MODIFIED {
        return FetchOutcome::NotModified;
    }
    if !status.is_success() {
        return failed(refused(&host, status));
    }
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
    if response.content_length().is_some_and(|n| n > limits.max_bytes as u64) {
        return failed(too_large(&host, limits));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limits.max_bytes {
                    return failed(too_large(&host, limits));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return failed(unreachable(e)),
        }
    }
    FetchOutcome::Fetched { body, etag, last_modified }
}

fn client(limits: Limits) -> reqwest::Result<reqwest::Client> {
    install_crypto_provider();
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(limits.timeout))
        .timeout(limits.timeout)
        .user_agent(concat!("Stint/", env!("CARGO_PKG_VERSION")))
        .redirect(redirect::Policy::custom(|attempt| {
            let from_https = attempt.previous().iter().any(|u| u.scheme() == "https");
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if from_https && attempt.url().scheme() != "https" {
                attempt.error("a redirect away from https")
            } else {
                attempt.follow()
            }
        }))
        .build()
}

/// rustls needs one crypto provider per process: `ring`, as the room client and the updater use.
fn install_crypto_provider() {
    // Fails only when a provider is already installed, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The server's name, or the whole address when it has none Stint can read.
fn host_of(url: &str) -> String {
    url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_else(|| url.to_string())
}

fn refused(host: &str, status: StatusCode) -> Msg {
    let code = status.as_u16();
    let key = match code {
        404 | 410 => "error_subscription_gone",
        401 | 403 => "error_subscription_forbidden",
        500..=599 => "error_subscription_server",
        _ => "error_subscription_status",
    };
    Msg::new(key).text("host", host).count("code", u64::from(code))
}

fn too_large(host: &str, limits: Limits) -> Msg {
    Msg::new("error_subscription_too_large").text("host", host).count("max", (limits.max_bytes / 1024) as u64)
}
