//! Tests of the rasid server: every endpoint through `tower::ServiceExt::oneshot`
//! (no socket), ingest and its guards, the Douma corpus through the API, and
//! the UI in headless Chromium against a server on a loopback port.

mod api;
mod bounded;
mod browser;
mod common;
mod douma;
mod ingest;
mod net;
