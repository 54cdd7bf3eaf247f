//! A tiny HTTP server on 127.0.0.1 for the subscription tests: it serves one calendar with an ETag,
//! answers 304 to a matching `If-None-Match`, and can be told to fail, to trickle its body or to
//! send it without a length. Plain std::net, one thread, `Connection: close` on every answer.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How the server answers the next requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The calendar, with its ETag (304 when the client already has it).
    Serve,
    /// This status and a short text body.
    Status(u16),
    /// The headers and a few bytes, then nothing for a long while.
    Slow,
    /// The body with no `Content-Length`, so only reading it shows its size.
    NoLength,
}

#[derive(Debug)]
pub struct Served {
    pub mode: Mode,
    pub body: Vec<u8>,
    pub etag: String,
    /// The `If-None-Match` of each request received (`None` when absent).
    pub if_none_match: Vec<Option<String>>,
    pub not_modified: usize,
}

pub struct TestServer {
    pub url: String,
    state: Arc<Mutex<Served>>,
}

impl TestServer {
    /// Serves `body` with ETag `"v1"` at `http://127.0.0.1:<port>/calendar.ics`.
    pub fn start(body: &[u8]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/calendar.ics", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(Served {
            mode: Mode::Serve,
            body: body.to_vec(),
            etag: "\"v1\"".into(),
            if_none_match: Vec::new(),
            not_modified: 0,
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                std::thread::spawn(move || answer(stream, &shared));
            }
        });
        TestServer { url, state }
    }

    pub fn state(&self) -> MutexGuard<'_, Served> {
        self.state.lock().unwrap()
    }
}

fn answer(mut stream: TcpStream, state: &Mutex<Served>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_string());
            }
        }
    }
    let (mode, body, etag) = {
        let mut s = state.lock().unwrap();
        s.if_none_match.push(if_none_match.clone());
        let not_modified = s.mode == Mode::Serve && if_none_match.as_deref() == Some(s.etag.as_str());
        if not_modified {
            s.not_modified += 1;
        }
        let mode = if not_modified { Mode::Status(304) } else { s.mode.clone() };
        (mode, s.body.clone(), s.etag.clone())
    };
    let head = |status: &str, extra: &str| format!("HTTP/1.1 {status}\r\nConnection: close\r\n{extra}\r\n");
    let _ = match mode {
        Mode::Serve => {
            let extra = format!("Content-Type: text/calendar\r\nETag: {etag}\r\nContent-Length: {}\r\n", body.len());
            stream.write_all(head("200 OK", &extra).as_bytes()).and_then(|_| stream.write_all(&body))
        }
        Mode::Status(304) => stream.write_all(head("304 Not Modified", &format!("ETag: {etag}\r\n")).as_bytes()),
        Mode::Status(code) => {
            let text = b"no calendar here";
            let extra = format!("Content-Type: text/plain\r\nContent-Length: {}\r\n", text.len());
            stream.write_all(head(&format!("{code} Status"), &extra).as_bytes()).and_then(|_| stream.write_all(text))
        }
        Mode::Slow => {
            let extra = format!("Content-Type: text/calendar\r\nContent-Length: {}\r\n", body.len());
            let _ = stream.write_all(head("200 OK", &extra).as_bytes()).and_then(|_| stream.write_all(&body[..10]));
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(20));
            Ok(())
        }
        Mode::NoLength => {
            let extra = "Content-Type: text/calendar\r\n";
            stream.write_all(head("200 OK", extra).as_bytes()).and_then(|_| stream.write_all(&body))
        }
    };
}
