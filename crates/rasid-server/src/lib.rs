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
//! * **Hardening**: a request body limit (413), a request timeout (503),
//!   read-only connections for every query, parameterised SQL only, no path
//!   from a request ever reaches the file system, and every error answered as
//!   JSON `{error, detail}`.
//!
//! ```no_run
//! use rasid_server::{serve, ServeOptions};
//!
//! // Blocks until Ctrl-C; ingest over HTTP is on when RASID_INGEST_TOKEN is set.
//! serve(ServeOptions {
//!     db: "rasid.db".into(),
//!     addr: "127.0.0.1:8080".parse()?,
//!     ingest_token_env: "RASID_INGEST_TOKEN".into(),
//! })?;
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! Embedding or testing: [`app`] gives the [`axum::Router`] over an
//! [`AppState`], to drive with `tower::ServiceExt::oneshot` without a socket.

mod api;
mod db;
mod error;
mod ingest;
mod params;
mod records;
mod search;
mod state;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use axum::body::to_bytes;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::AppError;
pub use state::{AppState, AppStateBuilder, DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUT};

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
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            db: PathBuf::from("rasid.db"),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token_env: "RASID_INGEST_TOKEN".to_owned(),
        }
    }
}

/// The whole application: API, UI and the layers around them.
pub fn app(state: AppState) -> Router {
    let body_limit = state.shared.body_limit;
    let timeout = state.shared.timeout;
    let api = Router::new()
        .route("/api/incidents", get(api::list_incidents))
        .route("/api/incidents.csv", get(api::incidents_csv))
        .route("/api/incidents.geojson", get(api::incidents_geojson))
        .route("/api/incidents/{id}", get(api::get_incident))
        .route("/api/documents", axum::routing::post(api::post_documents))
        .route("/api/documents/{id}", get(api::get_document))
        .route("/api/search", get(api::search))
        .route("/api/timeline", get(api::timeline))
        .route("/api/facets", get(api::facets))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(ui::openapi));
    Router::new()
        .merge(api)
        .merge(ui::routes())
        .fallback(not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn(json_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
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
/// the requests in flight.
///
/// # Errors
/// When accepting connections fails.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
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

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Starts the server and blocks until Ctrl-C or SIGTERM: what `rasid serve` runs.
///
/// Logs go to stderr (see `RASID_LOG`, `RASID_LOG_FORMAT`). Ingest over HTTP
/// is on only when the variable named by `ingest_token_env` is set.
///
/// # Errors
/// When the store cannot be opened, the address cannot be bound, or serving fails.
pub fn serve(options: ServeOptions) -> anyhow::Result<()> {
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
    let ingest = token.is_some();
    let state = AppState::builder(&options.db).ingest_token(token).build()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let addr = listener.local_addr().context("no local address")?;
        tracing::info!(
            %addr,
            db = %options.db.display(),
            ingest,
            "rasid serving: open http://{addr}/"
        );
        run(listener, state, shutdown_signal())
            .await
            .context("the server stopped")
    })
}
