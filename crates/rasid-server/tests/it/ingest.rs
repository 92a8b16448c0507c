//! `POST /api/documents`: off by default, guarded by a bearer token, bounded,
//! all or nothing; and what it stores is served at once.

use std::time::Duration;

use axum::http::StatusCode;
use rasid_server::{app, AppState};
use serde_json::json;

use crate::common::{
    get, post_documents, read_only, sample_db, scratch, writable, ARTICLES, TOKEN,
};

const ONE: &str = r#"{"id":"t-new-1","outlet":"Wire Three","published":"2019-09-10","text":"قالت مصادر طبية إن 9 مدنيين قتلوا في قصف على بلدة كفرنبل في ريف إدلب اليوم الثلاثاء، والجرحى بالعشرات."}"#;

#[tokio::test]
async fn ingest_is_off_without_a_token() {
    let app = read_only(sample_db());
    let answer = post_documents(&app, "application/x-ndjson", Some(TOKEN), ONE).await;
    answer.assert_error(StatusCode::FORBIDDEN, "ingest_disabled");
    // Nothing was stored.
    get(&app, "/api/documents/t-new-1")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn the_token_is_required_and_checked() {
    let db = scratch("token").join("t.db");
    let app = writable(&db);
    let missing = post_documents(&app, "application/x-ndjson", None, ONE).await;
    missing.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert!(missing
        .headers
        .get("www-authenticate")
        .is_some_and(|v| v.to_str().is_ok_and(|v| v.starts_with("Bearer"))));
    let wrong = post_documents(&app, "application/x-ndjson", Some("guess"), ONE).await;
    wrong.assert_error(StatusCode::FORBIDDEN, "forbidden");
    let prefix = post_documents(&app, "application/x-ndjson", Some(&TOKEN[..10]), ONE).await;
    prefix.assert_error(StatusCode::FORBIDDEN, "forbidden");
    // Another scheme.
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/documents")
        .header("content-type", "application/x-ndjson")
        .header("authorization", format!("Basic {TOKEN}"))
        .body(axum::body::Body::from(ONE))
        .expect("request");
    crate::common::send(&app, request)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(get(&app, "/api/health").await.json()["documents"], 0);
}

#[tokio::test]
async fn bodies_are_bounded_and_typed() {
    let db = scratch("bounds").join("b.db");
    let small = app(AppState::builder(&db)
        .ingest_token(Some(TOKEN.to_owned()))
        .body_limit(1024)
        .readers(1)
        .build()
        .expect("state"));
    let big = format!(
        r#"{{"id":"big","text":"{}"}}"#,
        "قتل 3 مدنيين. ".repeat(200)
    );
    let answer = post_documents(&small, "application/x-ndjson", Some(TOKEN), big.clone()).await;
    answer.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // Without a Content-Length (a stream), the limit holds too.
    let chunks = futures_stream(big);
    let answer = post_documents(
        &small,
        "application/x-ndjson",
        Some(TOKEN),
        axum::body::Body::from_stream(chunks),
    )
    .await;
    answer.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");

    let answer = post_documents(&small, "text/html", Some(TOKEN), ONE).await;
    answer.assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    let answer = post_documents(&small, "application/json", Some(TOKEN), "[1, 2]").await;
    answer.assert_error(StatusCode::BAD_REQUEST, "invalid_documents");
    let answer = post_documents(&small, "application/json", Some(TOKEN), "{not json").await;
    answer.assert_error(StatusCode::BAD_REQUEST, "bad_request");
    let answer = post_documents(&small, "application/x-ndjson", Some(TOKEN), "\n\n").await;
    answer.assert_error(StatusCode::BAD_REQUEST, "bad_request");
}

/// A body in 100-byte chunks, without a length.
fn futures_stream(
    body: String,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body
        .into_bytes()
        .chunks(100)
        .map(|c| Ok(c.to_vec()))
        .collect();
    Chunks(chunks.into_iter())
}

struct Chunks(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Vec<u8>, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn a_bad_document_refuses_the_whole_request() {
    let db = scratch("atomic").join("a.db");
    let app = writable(&db);
    let body = format!("{ONE}\n{{\"id\":\"x\"}}\n{{\"text\":\"نص بلا معرف\"}}\nnot json\n");
    let answer = post_documents(&app, "application/x-ndjson", Some(TOKEN), body).await;
    let error = answer.assert_error(StatusCode::BAD_REQUEST, "invalid_documents");
    let problems: Vec<&str> = error["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p.as_str().expect("text"))
        .collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems.iter().any(|p| p.contains("line 2")),
        "{problems:#?}"
    );
    assert!(problems
        .iter()
        .any(|p| p.contains("line 3") && p.contains("`id`")));
    assert!(problems.iter().any(|p| p.contains("line 4")));
    assert_eq!(get(&app, "/api/health").await.json()["documents"], 0);
}

#[tokio::test]
async fn ingested_documents_are_stored_linked_and_searchable() {
    let db = scratch("ingest").join("i.db");
    let app = writable(&db);
    // JSON: an array of documents.
    let docs: Vec<serde_json::Value> = ARTICLES
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let answer = post_documents(
        &app,
        "application/json",
        Some(TOKEN),
        serde_json::to_string(&docs).expect("JSON"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let done = answer.json();
    assert_eq!(done["added"], 3);
    assert_eq!(done["claims"], 5);
    assert_eq!(done["incidents"], 2);
    assert_eq!(
        done["documents"][0],
        json!({"id": "t-ariha-1", "outcome": "added"})
    );

    // The same again: nothing changes.
    let again = post_documents(&app, "application/x-ndjson", Some(TOKEN), ARTICLES).await;
    assert_eq!(again.status, StatusCode::OK);
    let again = again.json();
    assert_eq!(
        (again["unchanged"].as_u64(), again["claims"].as_u64()),
        (Some(3), Some(0))
    );

    // A new article joins the Kafranbel record as a new incident (a later
    // day), and is found by search at once.
    let before = get(&app, "/api/search?q=%D9%85%D8%B5%D8%A7%D8%AF%D8%B1")
        .await
        .json(); // مصادر
    assert_eq!(before["total"], 0);
    let answer = post_documents(&app, "application/x-ndjson", Some(TOKEN), ONE).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["added"], 1);
    let found = get(&app, "/api/search?q=%D9%85%D8%B5%D8%A7%D8%AF%D8%B1")
        .await
        .json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], "t-new-1");
    let list = get(&app, "/api/incidents?place=Kafranbel").await.json();
    assert_eq!(list["total"], 2, "{list}");

    // A reader started on the same file sees it too (another process would).
    let reader = read_only(&db);
    assert_eq!(get(&reader, "/api/health").await.json()["documents"], 4);
    let doc = get(&reader, "/api/documents/t-new-1").await.json();
    assert_eq!(doc["claims"][0]["value_min"], 9);
}

#[tokio::test]
async fn a_slow_request_is_stopped_with_a_json_503() {
    // A body that never ends: the request's time runs out while it is read.
    let db = scratch("timeout").join("s.db");
    let app = app(AppState::builder(&db)
        .ingest_token(Some(TOKEN.to_owned()))
        .timeout(Duration::from_millis(200))
        .readers(1)
        .build()
        .expect("state"));
    let never = axum::body::Body::from_stream(futures_util_pending());
    let answer = post_documents(&app, "application/x-ndjson", Some(TOKEN), never).await;
    let body = answer.assert_error(StatusCode::SERVICE_UNAVAILABLE, "timeout");
    assert!(body["detail"]
        .as_str()
        .expect("detail")
        .contains("too long"));
}

/// A stream of body chunks that never yields one.
fn futures_util_pending(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send + 'static {
    struct Pending;
    impl futures_core::Stream for Pending {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Pending
        }
    }
    Pending
}

#[tokio::test]
async fn a_read_only_server_needs_an_existing_store_and_creates_none() {
    let dir = scratch("missing");
    let missing = dir.join("typo.db");
    let error = AppState::builder(&missing)
        .readers(1)
        .build()
        .expect_err("no store there");
    assert!(
        format!("{error:#}").contains("There is no store at"),
        "{error:#}"
    );
    assert!(!missing.exists(), "nothing was created");
}

#[tokio::test]
async fn a_read_only_server_serves_a_file_it_cannot_write() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = scratch("read-only");
    let db = dir.join("ro.db");
    std::fs::copy(sample_db(), &db).expect("a copy of the sample store");
    let bytes = std::fs::read(&db).expect("the store");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let app = read_only(&db);
    let answer = get(&app, "/api/incidents").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert!(answer.json()["total"].as_i64().is_some_and(|n| n > 0));
    drop(app);
    assert_eq!(
        std::fs::read(&db).expect("the store"),
        bytes,
        "nothing written"
    );
}
