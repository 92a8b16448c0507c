//! rasid over HTTP: a JSON API described by OpenAPI 3 and a web UI for
//! analysts, over the store `rasid ingest` writes.
//!
//! * **API** (`/api/…`): incidents with filters and paging, one incident with
//!   its claims and documents, one document with its claims and their byte
//!   spans, Arabic-aware full-text search over the articles, the filtered
//!   incidents as CSV and GeoJSON, incidents per day, the filters' values, and
//!   ingest (`POST /api/documents`, off unless a token is set). Described at
//!   `/api/openapi.json`.
//! * **UI** (`/`): plain HTML, CSS and JavaScript compiled into the binary:
//!   the incident list with filters, a map on an offline basemap, a
//!   timeline, and per incident its claim table with each article shown right
//!   to left, the figure and the source highlighted where they stand.
//! * **Hardening**: a request body limit (413), a request timeout (503; a
//!   query cut by it is interrupted), header-read and idle timeouts and a
//!   connection limit ([`Limits`]), ingest through a bounded queue (429),
//!   draining on SIGTERM, read-only connections for every query,
//!   parameterised SQL only, no path from a request ever reaches the file
//!   system, and every error answered as JSON `{error, detail}` with the
//!   security headers.
//!
//! ```no_run
//! use rasid_server::{Server, ServeOptions};
//!
//! // Ingest over HTTP is on when RASID_INGEST_TOKEN is set.
//! let server = Server::bind(ServeOptions {
//!     db: "rasid.db".into(),
//!     addr: "127.0.0.1:0".parse()?,
//!     ..ServeOptions::default()
//! })?;
//! eprintln!("listening on http://{}/", server.local_addr());
//! server.run()?; // until Ctrl-C or SIGTERM, then drains
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! Embedding or testing: [`app`] gives the [`axum::Router`] over an
//! [`AppState`], to drive with `tower::ServiceExt::oneshot` without a socket.

mod api;
mod db;
mod error;
mod ingest;
mod limits;
mod net;
mod params;
mod queue;
mod records;
mod search;
mod state;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use axum::body::to_bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse as _, Response};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::AppError;
pub use limits::{
    parse_duration, Limits, DEFAULT_BODY_LIMIT, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
    DEFAULT_INGEST_QUEUE, DEFAULT_MAX_CONNECTIONS, DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_TIMEOUT,
};
pub use queue::IngestHook;
pub use state::{AppState, AppStateBuilder};

/// Longest URI accepted, in bytes (414 past it).
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// The headers on every answer, errors included.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    ("cache-control", "no-cache"),
];

/// The OpenAPI 3 description of the API, as served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// How `rasid serve` starts a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The store (`rasid ingest --db`).
    pub db: PathBuf,
    /// Where to listen, e.g. `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// The environment variable holding the ingest token; ingest over HTTP is
    /// off unless it is set (and not blank).
    pub ingest_token_env: String,
    /// Timeouts, connection and queue limits.
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            db: PathBuf::from("rasid.db"),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token_env: "RASID_INGEST_TOKEN".to_owned(),
            limits: Limits::default(),
        }
    }
}

/// The whole application: API, UI and the layers around them.
pub fn app(state: AppState) -> Router {
    let body_limit = state.shared.body_limit;
    let api = Router::new()
        .route("/api/incidents", get(api::list_incidents))
        .route("/api/incidents.csv", get(api::incidents_csv))
        .route("/api/incidents.geojson", get(api::incidents_geojson))
        .route("/api/incidents/{id}", get(api::get_incident))
        .route("/api/documents", axum::routing::post(api::post_documents))
        .route("/api/ingest/{job}", get(api::ingest_status))
        .route("/api/documents/{id}", get(api::get_document))
        .route("/api/search", get(api::search))
        .route("/api/timeline", get(api::timeline))
        .route("/api/facets", get(api::facets))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(ui::openapi));
    let mut router = Router::new()
        .merge(api)
        .merge(ui::routes())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_timeout,
        ))
        .layer(middleware::from_fn(uri_limit))
        .with_state(state)
        .layer(middleware::from_fn(json_errors));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router.layer(
        TraceLayer::new_for_http()
            .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
            .on_response(DefaultOnResponse::new().level(Level::INFO)),
    )
}

/// Answers 503 when a request takes longer than the state's timeout; the
/// handler's future is dropped, which interrupts its query. Ingest keeps the
/// same limit itself, so that its answer can say what became of its batch.
async fn request_timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::POST && request.uri().path() == "/api/documents" {
        return next.run(request).await;
    }
    match tokio::time::timeout(state.shared.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::Unavailable {
            code: "timeout",
            detail: format!(
                "the request took longer than {} s and was stopped",
                state.shared.timeout.as_secs_f64()
            ),
            retry_after: None,
        }
        .into_response(),
    }
}

/// 414 for a URI over [`MAX_URI_BYTES`].
async fn uri_limit(request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |path| path.as_str().len());
    if length > MAX_URI_BYTES {
        return error::json_error(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            &format!("the URI is {length} bytes; at most {MAX_URI_BYTES} are read"),
            None,
        );
    }
    next.run(request).await
}

/// Unknown paths: a JSON 404.
async fn not_found(method: Method, uri: Uri) -> AppError {
    AppError::NotFound(format!("no route for {method} {}", uri.path()))
}

/// Turns the errors answered outside the handlers (a 405, the body limit's
/// 413, the timeout's 503, a rejected path) into JSON `{error, detail}`.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, 2048).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let detail = match text.trim() {
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        t => t.to_owned(),
    };
    let detail = match status {
        StatusCode::SERVICE_UNAVAILABLE => "the request took too long and was stopped".to_owned(),
        _ => detail,
    };
    let json = error::json_error(status, error::code(status), &detail, None);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, json.into_body())
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes
/// the requests in flight (for at most the default drain time), under the
/// default [`Limits`].
///
/// # Errors
/// When accepting connections fails.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run_with(listener, state, Limits::default(), shutdown).await
}

/// [`run`] under `limits` (their connection and drain parts; the request
/// timeout, body limit and queue are the state's). When `shutdown`
/// completes, ingest stops taking batches (waiting ones are cancelled) and
/// the connections are drained.
///
/// # Errors
/// When accepting connections fails.
pub async fn run_with(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let stopping = state.clone();
    let router = app(state);
    net::serve(listener, router, limits, async move {
        shutdown.await;
        stopping.stop_ingest();
    })
    .await
}

/// Logs to stderr: `RASID_LOG` (or `RUST_LOG`) filters, e.g.
/// `RASID_LOG=debug`; `RASID_LOG_FORMAT=json` writes one JSON object per event.
fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("RASID_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    // Another subscriber (a test's, an embedding program's) wins.
    let _ = if std::env::var("RASID_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// SIGTERM and Ctrl-C, listened for from the moment the server is bound
/// (so that a signal sent as soon as the address is printed is not lost).
struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    /// Must run inside the runtime.
    fn listen() -> anyhow::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Self {
                terminate: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
                interrupt: signal(SignalKind::interrupt()).context("cannot listen for Ctrl-C")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The next signal.
    async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {},
            _ = self.interrupt.recv() => {},
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// A server bound to its address, not yet serving: what `rasid serve` runs.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    signals: Signals,
    listener: std::net::TcpListener,
    state: AppState,
    limits: Limits,
    db: PathBuf,
}

impl Server {
    /// Opens the store, builds the search index and binds the address (port
    /// 0 picks a free one; [`Server::local_addr`] tells which).
    ///
    /// Logs go to stderr (see `RASID_LOG`, `RASID_LOG_FORMAT`). Ingest over
    /// HTTP is on only when the variable named by `ingest_token_env` is set.
    ///
    /// # Errors
    /// When the store cannot be opened or the address cannot be bound.
    pub fn bind(options: ServeOptions) -> anyhow::Result<Self> {
        init_tracing();
        let token = std::env::var(&options.ingest_token_env)
            .ok()
            .filter(|t| !t.trim().is_empty());
        if token.as_ref().is_some_and(|t| t.len() < 16) {
            tracing::warn!(
                variable = options.ingest_token_env,
                "the ingest token is shorter than 16 characters"
            );
        }
        let limits = options.limits;
        let state = AppState::builder(&options.db)
            .ingest_token(token)
            .timeout(limits.request_timeout)
            .body_limit(limits.body_limit)
            .ingest_queue(limits.ingest_queue)
            .build()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let listener = std::net::TcpListener::bind(options.addr)
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        listener
            .set_nonblocking(true)
            .context("cannot set up the listening socket")?;
        let signals = runtime.block_on(async { Signals::listen() })?;
        Ok(Self {
            runtime,
            signals,
            listener,
            state,
            limits,
            db: options.db,
        })
    }

    /// The address bound, with the real port when 0 was asked.
    ///
    /// # Panics
    /// Never: a bound socket has an address.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound socket has an address")
    }

    /// Serves until Ctrl-C or SIGTERM, then drains: ingest stops taking
    /// batches, idle connections close, requests under way get
    /// [`Limits::shutdown_timeout`] to finish; a second signal stops at once.
    ///
    /// # Errors
    /// When serving fails.
    pub fn run(self) -> anyhow::Result<()> {
        let Self {
            runtime,
            mut signals,
            listener,
            state,
            limits,
            db,
        } = self;
        let served = runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)
                .context("cannot use the listening socket")?;
            let addr = listener.local_addr().context("no local address")?;
            tracing::info!(
                %addr,
                db = %db.display(),
                ingest = state.ingest_enabled(),
                "rasid serving: open http://{addr}/"
            );
            let drain = limits.shutdown_timeout;
            let shutdown = async move {
                signals.next().await;
                tracing::info!(
                    seconds = drain.as_secs_f64(),
                    "shutting down: draining the requests under way"
                );
                tokio::spawn(async move {
                    signals.next().await;
                    tracing::warn!("a second signal: stopping now");
                    std::process::exit(1);
                });
            };
            run_with(listener, state, limits, shutdown)
                .await
                .context("the server stopped")
        });
        // Blocking tasks still running (a query cut by the drain time) are
        // not waited for; an ingest cut there is rolled back with its
        // transaction when the process ends.
        runtime.shutdown_timeout(std::time::Duration::from_millis(200));
        served
    }
}

/// Starts the server and blocks until Ctrl-C or SIGTERM, then drains; see
/// [`Server`].
///
/// # Errors
/// When the store cannot be opened, the address cannot be bound, or serving fails.
pub fn serve(options: ServeOptions) -> anyhow::Result<()> {
    Server::bind(options)?.run()
}
