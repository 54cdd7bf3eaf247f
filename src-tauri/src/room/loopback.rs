//! The one-shot listener a browser sign-in returns to (RFC 8252's loopback redirect): bound to
//! 127.0.0.1 on a free port, it waits for exactly one request to its own path carrying its own
//! random `state`, answers that one with a short page, and hands its query to the caller.
//!
//! Anything else that reaches the port (another path, a wrong or missing state, another method, a
//! request larger than 8 KiB or slower than 3 s) is closed without an answer, and the listener goes
//! on waiting until its deadline. Dropping the listener frees the port, which is how a sign-in is
//! cancelled.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{timeout_at, Instant};

/// The path the browser is sent back to.
const PATH: &str = "/stint/signed-in";
/// The most of one request read: a request line with a login token or an authorization code and a
/// browser's headers fit in far less.
pub const MAX_REQUEST_BYTES: usize = 8 * 1024;
/// How long one connection may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);

/// Why no browser came back.
#[derive(Debug, PartialEq, Eq)]
pub enum LoopbackError {
    /// This computer refused a port on 127.0.0.1.
    Bind(String),
    /// The deadline passed before the browser came back.
    TimedOut,
}

/// A listener waiting for the browser.
pub struct Loopback {
    listener: TcpListener,
    port: u16,
    state: String,
}

impl Loopback {
    /// Binds a free port of 127.0.0.1 and picks a fresh random state.
    pub async fn bind() -> Result<Loopback, LoopbackError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| LoopbackError::Bind(e.to_string()))?;
        let port = listener.local_addr().map_err(|e| LoopbackError::Bind(e.to_string()))?.port();
        Ok(Loopback { listener, port, state: random_token()? })
    }

    /// The redirect address, with the state in its query (SSO keeps the query and adds its token).
    pub fn redirect_url(&self) -> String {
        format!("http://127.0.0.1:{}{PATH}?state={}", self.port, self.state)
    }

    /// The redirect address without a query, and the state to send beside it: OAuth 2.0 adds
    /// `state` and `code` to the redirect itself (RFC 6749), so its `state` is this one.
    pub fn redirect_uri_and_state(&self) -> (String, &str) {
        (format!("http://127.0.0.1:{}{PATH}", self.port), &self.state)
    }

    /// Waits until `deadline` for the one request with the right path and state, answers it with
    /// `page` (a sentence, shown as a small HTML page), and gives its query parameters.
    pub async fn wait(self, page: &str, deadline: Instant) -> Result<Vec<(String, String)>, LoopbackError> {
        loop {
            let (stream, _) = match timeout_at(deadline, self.listener.accept()).await {
                Err(_) => return Err(LoopbackError::TimedOut),
                // A failed accept (a connection reset before it was taken) is someone else's trouble.
                Ok(Err(_)) => continue,
                Ok(Ok(accepted)) => accepted,
            };
            let until = deadline.min(Instant::now() + REQUEST_TIMEOUT);
            if let Some(query) = self.answer(stream, page, until).await {
                return Ok(query);
            }
        }
    }

    /// Reads one request; when it is the expected one, answers with `page` and gives its query.
    /// Anything else is dropped unanswered.
    async fn answer(&self, mut stream: TcpStream, page: &str, until: Instant) -> Option<Vec<(String, String)>> {
        let head = timeout_at(until, read_head(&mut stream)).await.ok()??;
        let query = self.accepts(&head)?;
        let body = page_html(page);
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        // The sign-in goes on even if the browser left before reading the page.
        let _ = timeout_at(until, async {
            stream.write_all(response.as_bytes()).await?;
            stream.shutdown().await
        })
        .await;
        Some(query)
    }

    /// The query of `head` when it is `GET <PATH>?…state=<state>…`, each parameter given once.
    fn accepts(&self, head: &str) -> Option<Vec<(String, String)>> {
        let line = head.lines().next()?;
        let mut parts = line.split(' ');
        let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
        if method != "GET" || !target.starts_with('/') || !version.starts_with("HTTP/1.") || parts.next().is_some() {
            return None;
        }
        let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok()?;
        if url.path() != PATH {
            return None;
        }
        let query: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let once = |name: &str| query.iter().filter(|(k, _)| k == name).count() <= 1;
        let state_matches = query.iter().any(|(k, v)| k == "state" && constant_time_eq(v, &self.state));
        (state_matches && query.iter().all(|(k, _)| once(k))).then_some(query)
    }
}

/// Reads up to the blank line that ends a request's head; `None` when it is larger than
/// `MAX_REQUEST_BYTES`, not UTF-8, or the connection ends first.
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_REQUEST_BYTES {
            return None;
        }
        if head.windows(4).any(|w| w == b"\r\n\r\n") {
            return String::from_utf8(head).ok();
        }
    }
}

/// Compares without stopping at the first difference, so timing tells nothing about the state.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 32 random bytes as URL-safe hex, from the crypto provider rustls uses.
pub fn random_token() -> Result<String, LoopbackError> {
    let mut bytes = [0u8; 32];
    rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut bytes)
        .map_err(|_| LoopbackError::Bind("no secure random numbers".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn page_html(sentence: &str) -> String {
    let text = sentence.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Stint</title></head>\
         <body style=\"font-family:sans-serif;margin:4rem auto;max-width:30rem\"><p>{text}</p></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "You can close this tab & return to Stint.";

    fn port_and_state(listener: &Loopback) -> (u16, String) {
        (listener.port, listener.state.clone())
    }

    /// Sends `raw` to the listener and reads what comes back until it closes the connection.
    async fn send(port: u16, raw: &[u8]) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        // The listener may close before reading everything of an oversized request.
        let _ = stream.write_all(raw).await;
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
        String::from_utf8_lossy(&answer).into_owned()
    }

    fn get(target: &str) -> Vec<u8> {
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n").into_bytes()
    }

    #[tokio::test]
    async fn only_the_request_with_its_path_and_state_is_answered() {
        let listener = Loopback::bind().await.unwrap();
        let (port, state) = port_and_state(&listener);
        assert_eq!(listener.redirect_url(), format!("http://127.0.0.1:{port}/stint/signed-in?state={state}"));
        assert_eq!(state.len(), 64);
        let waiting = tokio::spawn(listener.wait(PAGE, Instant::now() + Duration::from_secs(30)));

        let other_state = "0".repeat(64);
        let mut padded = format!("GET /stint/signed-in?state={state}&loginToken=t HTTP/1.1\r\nX-Pad: ").into_bytes();
        padded.extend(std::iter::repeat_n(b'a', MAX_REQUEST_BYTES));
        padded.extend_from_slice(b"\r\n\r\n");
        let refused: Vec<(&str, Vec<u8>)> = vec![
            ("another path", get(&format!("/favicon.ico?state={state}"))),
            ("a wrong state", get(&format!("/stint/signed-in?state={other_state}&loginToken=t"))),
            ("a state one character short", get(&format!("/stint/signed-in?state={}", &state[1..]))),
            ("no state", get("/stint/signed-in?loginToken=t")),
            ("a state given twice", get(&format!("/stint/signed-in?state={state}&state={other_state}"))),
            ("a token given twice", get(&format!("/stint/signed-in?state={state}&loginToken=a&loginToken=b"))),
            (
                "a POST",
                format!("POST /stint/signed-in?state={state} HTTP/1.1\r\nContent-Length: 0\r\n\r\n").into_bytes(),
            ),
            ("a request larger than 8 KiB", padded),
            ("not HTTP", b"hello\r\n\r\n".to_vec()),
            ("an absolute target", get(&format!("http://evil.example/stint/signed-in?state={state}"))),
        ];
        for (what, raw) in refused {
            assert_eq!(send(port, &raw).await, "", "{what} was answered");
            assert!(!waiting.is_finished(), "{what} ended the wait");
        }

        let answer = send(port, &get(&format!("/stint/signed-in?state={state}&loginToken=abc%2Bdef"))).await;
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("You can close this tab &amp; return to Stint."), "{answer}");
        let query = waiting.await.unwrap().unwrap();
        assert_eq!(query, [("state".to_string(), state), ("loginToken".to_string(), "abc+def".to_string())]);
        // One-shot: the port is closed once the browser came back.
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }

    #[tokio::test]
    async fn a_silent_connection_does_not_hold_up_the_browser() {
        let listener = Loopback::bind().await.unwrap();
        let (port, state) = port_and_state(&listener);
        let waiting = tokio::spawn(listener.wait(PAGE, Instant::now() + Duration::from_secs(30)));
        let _silent = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let started = std::time::Instant::now();
        let answer = send(port, &get(&format!("/stint/signed-in?state={state}&loginToken=x"))).await;
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        assert!(started.elapsed() < REQUEST_TIMEOUT + Duration::from_secs(1), "{:?}", started.elapsed());
        waiting.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn nobody_coming_back_times_out() {
        let listener = Loopback::bind().await.unwrap();
        let result = listener.wait(PAGE, Instant::now() + Duration::from_millis(100)).await;
        assert_eq!(result, Err(LoopbackError::TimedOut));
    }

    #[test]
    fn states_are_fresh_and_compared_in_full() {
        assert_ne!(random_token().unwrap(), random_token().unwrap());
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
