//! Work started by a request is bounded by it: ingest goes through a bounded
//! queue; a batch whose request times out or whose client goes away before
//! it starts never runs; one that has started commits whole and its client
//! (if still there) is told so (202); the store is consistent afterwards.
//!
//! The writer's hook holds a batch at its start, so that each case happens
//! in the order the test chooses, not as the machine's speed decides.

use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use axum::Router;
use rasid_server::{app, AppState, IngestHook};

use crate::common::{assert_consistent, get, post_documents, scratch, Answer, TOKEN};

/// One document, as JSON Lines, with its own id and figure.
fn article(id: &str, killed: u32) -> String {
    serde_json::json!({
        "id": id,
        "outlet": "Test Wire",
        "published": "2020-02-11",
        "text": format!("قال الدفاع المدني إن {killed} مدنيين قتلوا في قصف على بلدة سراقب في ريف إدلب اليوم الثلاثاء."),
    })
    .to_string()
}

/// Holds every batch at its start until released; tells each start and end.
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn release(&self) {
        *self.open.lock().expect("gate") = true;
        self.opened.notify_all();
    }
}

/// A writable server whose writer waits at the gate; its events ("start 1",
/// "end 1") come on the receiver.
fn gated(
    name: &str,
    timeout: Duration,
    queue: usize,
) -> (Router, Arc<Gate>, Receiver<String>, std::path::PathBuf) {
    let db = scratch(name).join("g.db");
    let gate = Arc::new(Gate {
        open: Mutex::new(false),
        opened: Condvar::new(),
    });
    let (events, received) = channel();
    let events = Mutex::new(events);
    let held = Arc::clone(&gate);
    let hook: IngestHook = Arc::new(move |stage: &str, job: u64| {
        let _ = events
            .lock()
            .expect("events")
            .send(format!("{stage} {job}"));
        if stage == "start" {
            let mut open = held.open.lock().expect("gate");
            while !*open {
                open = held.opened.wait(open).expect("gate");
            }
        }
    });
    let state = AppState::builder(&db)
        .ingest_token(Some(TOKEN.to_owned()))
        .timeout(timeout)
        .ingest_queue(queue)
        .ingest_hook(hook)
        .readers(1)
        .build()
        .expect("the state builds");
    (app(state), gate, received, db)
}

/// Waits (on a blocking thread) for the writer's next event.
fn next_event(events: &Receiver<String>) -> String {
    tokio::task::block_in_place(|| {
        events
            .recv_timeout(Duration::from_secs(30))
            .expect("the writer reports")
    })
}

fn spawn_post(app: &Router, body: String) -> tokio::task::JoinHandle<Answer> {
    let app = app.clone();
    tokio::spawn(
        async move { post_documents(&app, "application/x-ndjson", Some(TOKEN), body).await },
    )
}

async fn stored(app: &Router, id: &str) -> bool {
    let answer = get(app, &format!("/api/documents/{id}")).await;
    match answer.status {
        StatusCode::OK => true,
        StatusCode::NOT_FOUND => false,
        other => panic!("{other}: {}", answer.text()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_whose_client_goes_away_before_it_starts_never_runs() {
    let (app, gate, events, db) = gated("gone-queued", Duration::from_secs(60), 4);
    let first = spawn_post(&app, article("gq-1", 4));
    assert_eq!(next_event(&events), "start 1");
    let second = spawn_post(&app, article("gq-2", 6));
    // Let the second reach the queue, then its client goes away.
    tokio::time::sleep(Duration::from_millis(300)).await;
    second.abort();
    let _ = second.await;
    gate.release();
    assert_eq!(first.await.expect("answered").status, StatusCode::OK);
    assert_eq!(next_event(&events), "end 1");
    // Job 2 was cancelled: the writer never started it.
    assert!(events.recv_timeout(Duration::from_millis(500)).is_err());
    assert!(stored(&app, "gq-1").await);
    assert!(!stored(&app, "gq-2").await, "a cancelled batch was stored");
    assert_consistent(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_whose_client_goes_away_while_it_runs_completes_whole() {
    let (app, gate, events, db) = gated("gone-running", Duration::from_secs(60), 4);
    let request = spawn_post(&app, article("gr-1", 5));
    assert_eq!(next_event(&events), "start 1");
    request.abort();
    let _ = request.await;
    gate.release();
    assert_eq!(next_event(&events), "end 1");
    assert!(stored(&app, "gr-1").await, "a started batch was cut");
    assert_consistent(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_that_times_out_while_queued_is_cancelled_and_answered_503() {
    let (app, gate, events, db) = gated("timeout-queued", Duration::from_millis(400), 4);
    let first = spawn_post(&app, article("tq-1", 3));
    assert_eq!(next_event(&events), "start 1");
    let second = post_documents(
        &app,
        "application/x-ndjson",
        Some(TOKEN),
        article("tq-2", 8),
    )
    .await;
    let body = second.assert_error(StatusCode::SERVICE_UNAVAILABLE, "timeout");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("nothing was stored")),
        "{body}"
    );
    gate.release();
    // The first outlived its own time while running: it is answered 202 (or
    // 200 when, on a loaded machine, its request is looked at only once it
    // is done), and completes either way.
    let first = first.await.expect("answered").status;
    assert!(
        first == StatusCode::ACCEPTED || first == StatusCode::OK,
        "{first}"
    );
    assert_eq!(next_event(&events), "end 1");
    assert!(events.recv_timeout(Duration::from_millis(500)).is_err());
    assert!(
        !stored(&app, "tq-2").await,
        "a batch answered 503 was stored"
    );
    assert!(stored(&app, "tq-1").await);
    assert_consistent(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingest_that_times_out_while_running_is_answered_202_and_its_outcome_kept() {
    let (app, gate, events, db) = gated("timeout-running", Duration::from_millis(300), 4);
    let request = spawn_post(&app, article("tr-1", 7));
    assert_eq!(next_event(&events), "start 1");
    let answer = request.await.expect("answered");
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.text());
    let body = answer.json();
    assert_eq!(body["status"], "running");
    assert_eq!(body["status_url"], "/api/ingest/1");
    assert_eq!(
        answer.headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/api/ingest/1")
    );
    let status = status_of(&app, "/api/ingest/1").await;
    assert_eq!(status["state"], "running", "{status}");
    gate.release();
    assert_eq!(next_event(&events), "end 1");
    let status = status_of(&app, "/api/ingest/1").await;
    assert_eq!(status["state"], "done", "{status}");
    assert_eq!(status["result"]["added"], 1, "{status}");
    assert!(stored(&app, "tr-1").await);
    assert_consistent(&db);
}

async fn status_of(app: &Router, uri: &str) -> serde_json::Value {
    let request = axum::http::Request::builder()
        .uri(uri)
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(axum::body::Body::empty())
        .expect("request");
    let answer = crate::common::send(app, request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    answer.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_of_an_ingest_job_needs_the_token_and_a_known_job() {
    let (app, gate, _events, _db) = gated("status", Duration::from_secs(60), 4);
    gate.release();
    get(&app, "/api/ingest/1")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    let request = axum::http::Request::builder()
        .uri("/api/ingest/999")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(axum::body::Body::empty())
        .expect("request");
    crate::common::send(&app, request)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_ingest_queue_is_answered_429_with_retry_after() {
    let (app, gate, events, db) = gated("full", Duration::from_secs(60), 1);
    let running = spawn_post(&app, article("fq-1", 2));
    assert_eq!(next_event(&events), "start 1");
    let waiting = spawn_post(&app, article("fq-2", 9));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = post_documents(
        &app,
        "application/x-ndjson",
        Some(TOKEN),
        article("fq-3", 11),
    )
    .await;
    refused.assert_error(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert_eq!(
        refused
            .headers
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    let retry: u64 = refused
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!(retry >= 1);
    gate.release();
    assert_eq!(running.await.expect("answered").status, StatusCode::OK);
    assert_eq!(waiting.await.expect("answered").status, StatusCode::OK);
    assert!(!stored(&app, "fq-3").await);
    assert_consistent(&db);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_cancels_waiting_ingest_and_lets_the_running_one_finish() {
    let db = scratch("stopping").join("s.db");
    let gate = Arc::new(Gate {
        open: Mutex::new(false),
        opened: Condvar::new(),
    });
    let (events, received) = channel();
    let events = Mutex::new(events);
    let held = Arc::clone(&gate);
    let hook: IngestHook = Arc::new(move |stage: &str, job: u64| {
        let _ = events
            .lock()
            .expect("events")
            .send(format!("{stage} {job}"));
        if stage == "start" {
            let mut open = held.open.lock().expect("gate");
            while !*open {
                open = held.opened.wait(open).expect("gate");
            }
        }
    });
    let state = AppState::builder(&db)
        .ingest_token(Some(TOKEN.to_owned()))
        .ingest_hook(hook)
        .readers(1)
        .build()
        .expect("the state builds");
    let app = app(state.clone());
    let running = spawn_post(&app, article("st-1", 3));
    assert_eq!(next_event(&received), "start 1");
    let waiting = spawn_post(&app, article("st-2", 5));
    tokio::time::sleep(Duration::from_millis(300)).await;
    state.stop_ingest();
    let refused = post_documents(
        &app,
        "application/x-ndjson",
        Some(TOKEN),
        article("st-3", 7),
    )
    .await;
    refused.assert_error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down");
    assert!(refused.headers.contains_key("retry-after"));
    assert!(refused.headers.contains_key("content-security-policy"));
    gate.release();
    assert_eq!(running.await.expect("answered").status, StatusCode::OK);
    waiting
        .await
        .expect("answered")
        .assert_error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down");
    assert!(stored(&app, "st-1").await);
    assert!(!stored(&app, "st-2").await);
    assert_consistent(&db);
}
