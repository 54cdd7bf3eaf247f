//! Calendar subscriptions: a calendar Stint reads from an address (`https://`, or `webcal://`, which
//! means https) and keeps its events as calls. This module decides what the shell only carries: which
//! addresses may be subscribed to, when a refresh is due, and what a fetch's outcome is. The shell
//! does the HTTP and hands the outcome to `Store::record_fetch`, which replaces the subscription's
//! own calls in one transaction or, on any failure, keeps those of the last good refresh.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::{Msg, Speech};
use crate::ics::{import_ics, IcsImport, IcsImportOptions};
use crate::{Error, Result};

/// A good refresh is repeated after this long.
pub const REFRESH_EVERY: Duration = Duration::hours(6);
/// After a failed attempt, the next one waits this long (an offline laptop does not retry in a loop).
pub const RETRY_AFTER_FAILURE: Duration = Duration::minutes(30);
/// The longest address accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// A subscription as the Calls view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Subscription {
    #[ts(type = "number")]
    pub id: i64,
    /// The address fetched (`webcal://` already written as `https://`).
    pub url: String,
    pub added_at: DateTime<Utc>,
    /// When the calendar was last read (or confirmed unchanged) successfully.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// The last attempt's failure, as a sentence; `None` after a good refresh. The store fills it
    /// only for a failure stored as text (before failures were kept as messages); otherwise
    /// `error_words` holds it, and the shell says it in the language in effect.
    pub error: Option<String>,
    /// The last attempt's failure as a catalogue message, not sent to the window as such.
    #[serde(skip)]
    #[ts(skip)]
    pub error_words: Option<Msg>,
    /// How many calls the subscription holds now.
    pub calls: u32,
    /// The events of the last good refresh that could not become calls, each with its reason, as
    /// sentences: `skipped_words` in English, until the shell says them in the language in effect;
    /// events skipped before they were kept as messages are the sentences stored then.
    pub skipped: Vec<String>,
    /// The same as catalogue messages, not sent to the window as such.
    #[serde(skip)]
    #[ts(skip)]
    pub skipped_words: Vec<Msg>,
}

impl Subscription {
    /// The subscription with its last failure and its skipped events said as `speech` says them.
    /// What was stored as text before messages were kept stays as it was.
    pub fn said_in(mut self, speech: impl Into<Speech>) -> Self {
        let speech = speech.into();
        if let Some(words) = &self.error_words {
            self.error = Some(words.render_in(speech));
        }
        if !self.skipped_words.is_empty() {
            self.skipped = self.skipped_words.iter().map(|m| m.render_in(speech)).collect();
        }
        self
    }
}

/// What the shell needs to fetch one subscription: its address and the validators of the last good
/// answer, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    pub id: i64,
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What one fetch brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// The server answered 304: the calendar has not changed since the last good refresh.
    NotModified,
    /// A calendar body and the validators the server sent with it.
    Fetched { body: Vec<u8>, etag: Option<String>, last_modified: Option<String> },
    /// The fetch failed; `reason` is a sentence saying what happened (not what to do: the store adds
    /// that the calls of the last good refresh are kept).
    Failed { reason: Msg },
}

/// A fetch's outcome, read: what `Store::record_read` stores. Reading a calendar is the costly part,
/// so the shell does it before it takes the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchRead {
    NotModified,
    Calendar {
        import: IcsImport,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// The message stored beside the subscription.
    Failed(Msg),
}

impl FetchRead {
    /// A failure: `reason` (what happened), and that nothing was lost.
    pub fn failed(reason: Msg) -> Self {
        FetchRead::Failed(Msg::new("error_subscription_failed").said("reason", reason))
    }
}

/// Reads what a fetch brought: a body that is not a calendar is a failure, in a sentence.
pub fn read_fetch(outcome: FetchOutcome, options: &IcsImportOptions) -> FetchRead {
    match outcome {
        FetchOutcome::NotModified => FetchRead::NotModified,
        FetchOutcome::Failed { reason } => FetchRead::failed(reason),
        FetchOutcome::Fetched { body, etag, last_modified } => {
            let Ok(text) = std::str::from_utf8(&body) else {
                return FetchRead::failed(Msg::new("error_subscription_not_text"));
            };
            match import_ics(text, options) {
                Ok(import) => FetchRead::Calendar { import, etag, last_modified },
                Err(e) => FetchRead::failed(Msg::new("error_subscription_not_calendar").said("problem", e.words())),
            }
        }
    }
}

/// The address to fetch for what the user typed: `https://…` as is, `webcal://…` as `https://…`,
/// and `http://` only for this computer (a calendar server on `localhost`). Anything else is
/// `invalid_input` on field `url`, in a sentence.
pub fn subscription_url(input: &str) -> Result<String> {
    let input = input.trim();
    let refuse = |key: &'static str| Error::told("url", Msg::new(key));
    if input.is_empty() {
        return Err(refuse("error_subscription_url_empty"));
    }
    if input.chars().count() > MAX_URL_CHARS {
        return Err(refuse("error_subscription_url_too_long"));
    }
    let (scheme, rest) = input.split_once("://").ok_or_else(|| refuse("error_subscription_url_not_web"))?;
    let scheme = scheme.to_ascii_lowercase();
    let https = match scheme.as_str() {
        "https" | "webcal" | "webcals" => format!("https://{rest}"),
        "http" => format!("http://{rest}"),
        _ => return Err(refuse("error_subscription_url_scheme")),
    };
    let url = url::Url::parse(&https).map_err(|_| refuse("error_subscription_url_invalid"))?;
    let host = url.host_str().unwrap_or_default();
    if host.is_empty() {
        return Err(refuse("error_subscription_url_no_host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("error_subscription_url_password"));
    }
    if url.scheme() == "http" && !is_loopback(host) {
        return Err(refuse("error_subscription_url_not_https"));
    }

    Ok(url.to_string())
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Whether a subscription should be fetched at `now`: never read yet, or its last good refresh is
/// `REFRESH_EVERY` old — but not within `RETRY_AFTER_FAILURE` of a failed attempt. A clock set back
/// (an attempt "in the future") makes it due, so a wrong clock cannot stop refreshes for good.
pub fn refresh_due(
    refreshed_at: Option<DateTime<Utc>>,
    last_attempt_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let stale = match refreshed_at {
        None => true,
        Some(at) => at > now || now - at >= REFRESH_EVERY,
    };
    let resting = match (last_attempt_at, refreshed_at) {
        (Some(attempt), refreshed) if refreshed.is_none_or(|r| attempt > r) => {
            attempt <= now && now - attempt < RETRY_AFTER_FAILURE
        }
        _ => false,
    };
    stale && !resting
}
