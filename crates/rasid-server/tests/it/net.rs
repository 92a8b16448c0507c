//! Over a real socket: the header-read, idle and request timeouts, the
//! connection limit, and every error status a client can get, each in the
//! API's JSON error format with the security headers — those the
//! application answers and those hyper answers on its own (431, 414, 400).

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rasid_server::{run_with, AppState, Limits};

use crate::common::{sample_db, scratch, ARTICLES, TOKEN};

/// A server on 127.0.0.1:0 in a thread of its own, stopped when dropped.
struct Served {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Served {
    fn start(state: AppState, limits: Limits) -> Self {
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(async move {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                        .await
                        .expect("a loopback port");
                    addr_tx
                        .send(listener.local_addr().expect("address"))
                        .expect("the test waits");
                    run_with(listener, state, limits, async {
                        let _ = stopped.await;
                    })
                    .await
                    .expect("serves");
                });
        });
        let addr = addr_rx.recv().expect("the server starts");
        Self {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        stream
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn read_only(db: &Path) -> AppState {
    AppState::builder(db).readers(1).build().expect("state")
}

fn quick_limits() -> Limits {
    Limits {
        header_timeout: Duration::from_millis(400),
        idle_timeout: Duration::from_millis(1500),
        ..Limits::default()
    }
}

/// One answer read from a socket: status, lower-case headers, body.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A JSON error with this status and code, and the security headers.
    fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body: serde_json::Value =
            serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body));
        assert_eq!(body["error"], code, "{body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
        ] {
            assert_eq!(self.header(name), Some(value), "{status}: {name}");
        }
        assert!(
            self.header("content-security-policy")
                .is_some_and(|v| v.contains("default-src 'self'")),
            "{status}: content-security-policy"
        );
    }
}

/// Reads one answer (with a `Content-Length` body) from `stream`.
fn read_answer(stream: &mut TcpStream) -> Raw {
    let mut bytes = Vec::new();
    let mut chunk = [0_u8; 8192];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).expect("an answer");
        assert!(
            n > 0,
            "closed before an answer: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = bytes[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).expect("the body");
        assert!(n > 0, "closed inside the body");
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Raw {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn ask(served: &Served, request: &[u8]) -> Raw {
    let mut stream = served.connect();
    stream.write_all(request).expect("the request is sent");
    read_answer(&mut stream)
}

/// Whether the server closes `stream` within `within` (a read gives 0 or
/// fails), without answering.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).expect("timeout");
    let mut byte = [0_u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => panic!("the server answered instead of closing"),
        Err(error) => error.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

#[test]
fn a_silent_connection_is_closed_after_the_header_timeout() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let mut stream = served.connect();
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(5)));
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(350),
        "closed after {waited:?}"
    );
}

#[test]
fn a_half_sent_head_is_closed_after_the_header_timeout() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let mut stream = served.connect();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .expect("half a head");
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(5)));
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn a_kept_alive_connection_waits_up_to_the_idle_timeout_not_the_header_timeout() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let mut stream = served.connect();
    let request = b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
    stream.write_all(request).expect("first request");
    assert_eq!(read_answer(&mut stream).status, 200);
    // Longer than the header timeout, shorter than the idle one: still open.
    std::thread::sleep(Duration::from_millis(800));
    stream.write_all(request).expect("second request");
    assert_eq!(read_answer(&mut stream).status, 200);
    // Then idle past the idle timeout: closed.
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(6)));
    assert!(started.elapsed() >= Duration::from_millis(1300));
}

#[test]
fn a_request_whose_body_does_not_arrive_in_time_is_answered_503_json() {
    let state = AppState::builder(scratch("net-slow-body").join("w.db"))
        .ingest_token(Some(TOKEN.to_owned()))
        .timeout(Duration::from_millis(400))
        .readers(1)
        .build()
        .expect("state");
    let served = Served::start(state, quick_limits());
    let mut stream = served.connect();
    let started = Instant::now();
    // A body of 100 bytes announced, 10 sent.
    write!(
        stream,
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100\r\n\r\n{{\"id\":\"sl"
    )
    .expect("a partial body");
    let answer = read_answer(&mut stream);
    answer.assert_error(503, "timeout");
    assert!(
        answer.body.contains("nothing was stored"),
        "{}",
        answer.body
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(350) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[test]
fn a_connection_over_the_limit_is_answered_503_json() {
    let limits = Limits {
        max_connections: 2,
        header_timeout: Duration::from_secs(10),
        ..Limits::default()
    };
    let served = Served::start(read_only(sample_db()), limits);
    let _first = served.connect();
    let _second = served.connect();
    std::thread::sleep(Duration::from_millis(200));
    let answer = ask(&served, b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    answer.assert_error(503, "busy");
    assert_eq!(answer.header("retry-after"), Some("1"));
}

#[test]
fn error_404_of_an_unknown_route_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    ask(&served, b"GET /no/such/route HTTP/1.1\r\nHost: x\r\n\r\n").assert_error(404, "not_found");
}

#[test]
fn error_405_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    ask(
        &served,
        b"DELETE /api/incidents HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .assert_error(405, "method_not_allowed");
}

#[test]
fn error_400_of_a_bad_parameter_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    ask(
        &served,
        b"GET /api/incidents?limit=abc HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .assert_error(400, "bad_request");
}

#[test]
fn error_400_of_a_head_that_is_not_http_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    ask(&served, b"NOT A REQUEST\0\r\n\r\n").assert_error(400, "bad_request");
}

#[test]
fn error_414_of_a_long_uri_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let request = format!(
        "GET /api/incidents?place={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(10_000)
    );
    ask(&served, request.as_bytes()).assert_error(414, "uri_too_long");
}

#[test]
fn error_431_of_a_head_over_the_limit_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let request = format!(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
        "b".repeat(70_000)
    );
    ask(&served, request.as_bytes()).assert_error(431, "headers_too_large");
}

#[test]
fn error_431_of_too_many_headers_is_json_with_the_headers() {
    let served = Served::start(read_only(sample_db()), quick_limits());
    let mut request = String::from("GET /api/health HTTP/1.1\r\nHost: x\r\n");
    for n in 0..150 {
        let _ = write!(request, "X-Header-{n}: {n}\r\n");
    }
    request.push_str("\r\n");
    ask(&served, request.as_bytes()).assert_error(431, "headers_too_large");
}

fn writable_state(name: &str) -> AppState {
    AppState::builder(scratch(name).join("w.db"))
        .ingest_token(Some(TOKEN.to_owned()))
        .body_limit(4096)
        .readers(1)
        .build()
        .expect("state")
}

#[test]
fn error_413_of_a_body_over_the_limit_is_json_with_the_headers() {
    let served = Served::start(writable_state("net-413"), quick_limits());
    let body = ARTICLES.repeat(4);
    let request = format!(
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    ask(&served, request.as_bytes()).assert_error(413, "payload_too_large");
}

#[test]
fn error_415_is_json_with_the_headers() {
    let served = Served::start(writable_state("net-415"), quick_limits());
    let request = format!(
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi"
    );
    ask(&served, request.as_bytes()).assert_error(415, "unsupported_media_type");
}

#[test]
fn error_401_and_403_are_json_with_the_headers() {
    let served = Served::start(writable_state("net-401"), quick_limits());
    let post = |auth: &str| {
        format!("POST /api/documents HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/x-ndjson\r\nContent-Length: 2\r\n\r\n{{}}")
    };
    ask(&served, post("").as_bytes()).assert_error(401, "unauthorized");
    ask(&served, post("Authorization: Bearer wrong\r\n").as_bytes()).assert_error(403, "forbidden");
}
