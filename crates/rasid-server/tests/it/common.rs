//! Stores built for the tests, and requests without a socket.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use rasid_server::{app, AppState};
use rasid_testkit::shared;
use serde_json::Value;
use tower::ServiceExt as _;

/// The ingest token of the tests' writable servers.
pub(crate) const TOKEN: &str = "test-token-0123456789abcdef";

/// The test articles (our own, see fixtures/README.md).
pub(crate) const ARTICLES: &str = include_str!("fixtures/articles.jsonl");

/// A fresh folder under the target directory's tmp, named for the test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rasid-server-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A response, read whole.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            )
        })
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub(crate) fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts a JSON error `{error, detail}` with this status and code.
    pub(crate) fn assert_error(&self, status: StatusCode, code: &str) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(
            self.content_type().starts_with("application/json"),
            "{}",
            self.content_type()
        );
        let body = self.json();
        assert_eq!(body["error"], code, "{body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
        body
    }
}

pub(crate) async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body reads")
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub(crate) async fn get(app: &Router, uri: &str) -> Answer {
    let request = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .expect("request");
    send(app, request).await
}

/// A POST to /api/documents.
pub(crate) async fn post_documents(
    app: &Router,
    content_type: &str,
    token: Option<&str>,
    body: impl Into<Body>,
) -> Answer {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/documents")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(app, request.body(body.into()).expect("request")).await
}

/// A writable server on a new store at `db`.
pub(crate) fn writable(db: &Path) -> Router {
    app(AppState::builder(db)
        .ingest_token(Some(TOKEN.to_owned()))
        .readers(2)
        .build()
        .expect("the state builds"))
}

/// A read-only server (ingest off) on the store at `db`.
pub(crate) fn read_only(db: &Path) -> Router {
    app(AppState::builder(db)
        .readers(2)
        .build()
        .expect("the state builds"))
}

/// Ingests JSON Lines through the API into a new store at `db`.
pub(crate) async fn ingest_into(db: &Path, jsonl: String) -> Value {
    let answer = post_documents(&writable(db), "application/x-ndjson", Some(TOKEN), jsonl).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    answer.json()
}

/// The store of the test articles, built once per test run (on a thread of
/// its own, so any test's runtime may ask for it).
pub(crate) fn sample_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        std::thread::spawn(|| {
            let db = scratch("samples").join("samples.db");
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(ingest_into(&db, ARTICLES.to_owned()));
            db
        })
        .join()
        .expect("the sample store builds")
    })
}

/// The Douma corpus of the shared workspace as JSON Lines (the `.txt` files
/// with their manifest, read as `rasid ingest` reads them).
pub(crate) fn douma_jsonl(shared: &Path) -> String {
    let reader = rasid_docs::Reader::new(rasid_docs::ReaderOptions::default());
    let input = rasid_docs::Input::parse(
        shared
            .join("corpus/douma-2018")
            .to_str()
            .expect("UTF-8 path"),
    );
    let mut out = String::new();
    for document in reader.read(&[input]) {
        let d = document.expect("the corpus reads");
        let line = serde_json::json!({
            "id": d.id, "text": d.text, "outlet": d.outlet,
            "published": d.published, "url": d.url, "lang": d.lang,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// The Douma store, built once per test run; `None` without ../shared.
pub(crate) fn douma_db() -> Option<&'static Path> {
    static DB: OnceLock<Option<PathBuf>> = OnceLock::new();
    DB.get_or_init(|| {
        let shared = shared()?;
        Some(
            std::thread::spawn(move || {
                let db = scratch("douma").join("douma.db");
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(ingest_into(&db, douma_jsonl(&shared)));
                db
            })
            .join()
            .expect("the Douma store builds"),
        )
    })
    .as_deref()
}

/// Asserts that the store at `db` is consistent: SQLite's integrity and
/// foreign-key checks pass, and every claim belongs to an incident (what a
/// batch cut between its storing and its linking would break).
pub(crate) fn assert_consistent(db: &Path) {
    let connection = rusqlite::Connection::open(db).expect("the store opens");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    let broken: i64 = connection
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .expect("foreign key check");
    assert_eq!(broken, 0, "rows name missing rows");
    let unlinked: i64 = connection
        .query_row(
            "SELECT count(*) FROM claims WHERE id NOT IN (SELECT claim_rowid FROM incident_claims)",
            [],
            |row| row.get(0),
        )
        .expect("claims query");
    assert_eq!(unlinked, 0, "claims outside every incident");
}
