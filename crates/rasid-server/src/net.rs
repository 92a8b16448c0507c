//! Connections: accepted under a limit, each watched for its header-read and
//! idle timeouts, and drained within a stated time when the server stops.
//!
//! hyper serves each connection (HTTP/1.1). What hyper answers on its own,
//! before the application sees a request — a request head too large (431),
//! a URI too long (414), a head that is not HTTP (400) — is rewritten on its
//! way out into the API's JSON error with the security headers, so that
//! every error a client gets reads alike.

use std::fmt::Write as _;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower::ServiceExt as _;

use crate::limits::Limits;

/// Largest request head hyper reads (431 past it).
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Serves `router` on `listener` until `shutdown` completes; then stops
/// accepting, lets the requests under way finish for at most
/// `limits.shutdown_timeout`, and returns.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (closing, closed) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(error) if is_connection_error(&error) => continue,
                    Err(error) => {
                        // Out of file descriptors and the like: wait for some to close.
                        tracing::error!(%error, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                match Arc::clone(&permits).try_acquire_owned() {
                    Ok(permit) => {
                        let router = router.clone();
                        let closed = closed.clone();
                        connections.spawn(async move {
                            connection(stream, router, limits, closed).await;
                            drop(permit);
                        });
                    }
                    Err(_) => {
                        connections.spawn(refuse(stream));
                    }
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = closing.send(true);
    let running = connections.len();
    let started = Instant::now();
    let drained = tokio::time::timeout(limits.shutdown_timeout, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    match drained {
        Ok(()) => tracing::info!(
            connections = running,
            elapsed_ms = started.elapsed().as_millis(),
            "drained"
        ),
        Err(_) => {
            tracing::warn!(
                connections = connections.len(),
                seconds = limits.shutdown_timeout.as_secs_f64(),
                "requests still under way at the end of the drain time were stopped"
            );
            connections.abort_all();
        }
    }
    Ok(())
}

fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Answers a connection over the limit with a 503 and closes it.
async fn refuse(mut stream: TcpStream) {
    let response = automatic_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the server has as many connections as it serves at once; try again shortly",
        Some(1),
    );
    let answer = async {
        stream.write_all(&response).await?;
        stream.shutdown().await?;
        // Read what the client sent, so that closing does not reset the
        // connection before the client has read the answer.
        let mut sink = [0_u8; 4096];
        loop {
            if tokio::io::AsyncReadExt::read(&mut stream, &mut sink).await? == 0 {
                return Ok::<(), io::Error>(());
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), answer).await;
}

/// Where a connection is, for its timeouts.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Waiting for (the rest of) a request head since then: a new
    /// connection, or bytes of a next request arrived.
    Head(Instant),
    /// Requests under way (their responses not yet all sent).
    Busy(usize),
    /// Kept alive with nothing under way since then.
    Idle(Instant),
}

#[derive(Debug)]
struct Activity {
    phase: Mutex<Phase>,
}

impl Activity {
    fn new() -> Self {
        Self {
            phase: Mutex::new(Phase::Head(Instant::now())),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Phase) -> R) -> R {
        f(&mut self.phase.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Bytes arrived: on an idle connection, a request head has begun.
    fn read(&self) {
        self.with(|phase| {
            if let Phase::Idle(_) = phase {
                *phase = Phase::Head(Instant::now());
            }
        });
    }

    /// A request reached the application.
    fn begin(self: &Arc<Self>) -> InFlight {
        self.with(|phase| {
            *phase = match *phase {
                Phase::Busy(n) => Phase::Busy(n + 1),
                _ => Phase::Busy(1),
            };
        });
        InFlight(Arc::clone(self))
    }

    /// When to look again, and what is over then.
    fn deadline(&self, limits: &Limits) -> (Instant, Option<Expiry>) {
        self.with(|phase| match *phase {
            Phase::Head(since) => (since + limits.header_timeout, Some(Expiry::Header)),
            Phase::Idle(since) => (since + limits.idle_timeout, Some(Expiry::Idle)),
            Phase::Busy(_) => (Instant::now() + limits.header_timeout, None),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    Header,
    Idle,
}

/// A request under way, until its response's body is dropped (sent).
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.with(|phase| {
            *phase = match *phase {
                Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
                _ => Phase::Idle(Instant::now()),
            };
        });
    }
}

/// Serves one connection until it closes, times out or the server stops.
async fn connection(
    stream: TcpStream,
    router: Router,
    limits: Limits,
    mut closed: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Guarded {
        stream,
        activity: Arc::clone(&activity),
        replacement: None,
    });
    let requests = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let in_flight = requests.begin();
        let router = router.clone();
        async move {
            let response = router
                .oneshot(request.map(Body::new))
                .await
                .unwrap_or_else(|never| match never {});
            Ok::<_, std::convert::Infallible>(
                response.map(|body| Body::new(Tracked::new(body, in_flight))),
            )
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .max_header_size(MAX_HEAD_BYTES)
        .max_buf_size(2 * MAX_HEAD_BYTES);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let mut stopping = *closed.borrow();
    if stopping {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        let (deadline, expiry) = activity.deadline(&limits);
        tokio::select! {
            _ = connection.as_mut() => return,
            () = tokio::time::sleep_until(deadline) => {
                // The phase may have moved on while sleeping: look again.
                let (now_deadline, now_expiry) = activity.deadline(&limits);
                if now_expiry != expiry || now_deadline > Instant::now() {
                    continue;
                }
                match expiry {
                    // A half-sent head: close at once.
                    Some(Expiry::Header) => return,
                    // Nothing under way: hyper closes at once.
                    Some(Expiry::Idle) => connection.as_mut().graceful_shutdown(),
                    None => {}
                }
            }
            changed = closed.changed(), if !stopping => {
                stopping = true;
                if changed.is_ok() {
                    // Idle connections close now; a request under way finishes first.
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// A response body that keeps its request counted as under way until it is
/// dropped, i.e. sent.
struct Tracked {
    body: Body,
    _in_flight: InFlight,
}

impl Tracked {
    fn new(body: Body, in_flight: InFlight) -> Self {
        Self {
            body,
            _in_flight: in_flight,
        }
    }
}

impl http_body::Body for Tracked {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// The socket as hyper sees it: reads mark activity; an answer hyper writes
/// on its own is replaced by the JSON one.
struct Guarded {
    stream: TcpStream,
    activity: Arc<Activity>,
    /// The JSON answer being written in place of hyper's, and how much of it
    /// is written.
    replacement: Option<(Vec<u8>, usize)>,
}

impl Guarded {
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.replacement {
            if *written == bytes.len() {
                self.replacement = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.stream).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        result
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        if let Some(replacement) = replace_automatic(buf) {
            self.replacement = Some((replacement, 0));
            if let Poll::Ready(Err(error)) = self.drain(cx) {
                return Poll::Ready(Err(error));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// When `buf` is an error answer hyper wrote on its own (a status of 400 or
/// more, a complete head without a body, and none of the headers every
/// answer of the application carries), the JSON answer to write instead.
fn replace_automatic(buf: &[u8]) -> Option<Vec<u8>> {
    const MAX_AUTOMATIC: usize = 512;
    if buf.len() > MAX_AUTOMATIC || !buf.starts_with(b"HTTP/1.") || !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(buf).ok()?.to_ascii_lowercase();
    if head.contains("x-content-type-options:") {
        return None;
    }
    let code: u16 = head.get(9..12)?.parse().ok()?;
    let status = StatusCode::from_u16(code).ok()?;
    if !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let (error, detail) = match status {
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "headers_too_large",
            format!("the request's head is over {MAX_HEAD_BYTES} bytes or 100 headers"),
        ),
        StatusCode::URI_TOO_LONG => ("uri_too_long", "the request's URI is too long".to_owned()),
        StatusCode::BAD_REQUEST => (
            "bad_request",
            "the request is not valid HTTP/1.1".to_owned(),
        ),
        other => (
            crate::error::code(other),
            other.canonical_reason().unwrap_or("error").to_owned(),
        ),
    };
    Some(automatic_response(status, error, &detail, None))
}

/// A whole HTTP/1.1 error answer, written by the server itself: the JSON
/// body and the headers of every other answer, and the connection closed.
pub(crate) fn automatic_response(
    status: StatusCode,
    error: &str,
    detail: &str,
    retry_after: Option<u64>,
) -> Vec<u8> {
    let body = serde_json::json!({"error": error, "detail": detail}).to_string();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    );
    for (name, value) in crate::SECURITY_HEADERS {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    if let Some(seconds) = retry_after {
        let _ = write!(head, "retry-after: {seconds}\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::replace_automatic;

    #[test]
    fn hypers_own_answers_are_replaced() {
        let hyper_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Thu, 01 Jan 2026 00:00:00 GMT\r\n\r\n";
        let replaced =
            String::from_utf8(replace_automatic(hyper_431).expect("replaced")).expect("UTF-8");
        assert!(replaced.starts_with("HTTP/1.1 431 "), "{replaced}");
        assert!(
            replaced.contains("x-content-type-options: nosniff\r\n"),
            "{replaced}"
        );
        assert!(
            replaced.ends_with(r#""error":"headers_too_large"}"#)
                || replaced.contains(r#""error":"headers_too_large""#),
            "{replaced}"
        );
    }

    #[test]
    fn the_applications_answers_are_left_alone() {
        let ours = b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\ncontent-length: 0\r\n\r\n";
        assert!(replace_automatic(ours).is_none());
        let fine = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(replace_automatic(fine).is_none());
        let body = b"HTTP/1.1 400 looks like a head but has a body\r\n\r\n{}";
        assert!(replace_automatic(body).is_none());
    }
}
