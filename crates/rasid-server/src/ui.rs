//! The web UI: plain HTML, CSS and JavaScript compiled into the binary (no
//! build step, no CDN), and the offline basemap.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
const FAVICON: &str = include_str!("../assets/favicon.svg");
/// Country shapes of the Middle East and North/East Africa (Natural Earth via
/// world-atlas; see `data/basemap/README.md`).
const BASEMAP: &str = include_str!("../../../data/basemap/mena.geojson");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// The UI's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/assets/basemap.geojson",
            get(|| async { asset("application/geo+json", BASEMAP) }),
        )
        .route(
            "/favicon.svg",
            get(|| async { asset("image/svg+xml", FAVICON) }),
        )
}

/// `GET /api/openapi.json`
pub(crate) async fn openapi() -> Response {
    asset("application/json", crate::OPENAPI)
}
