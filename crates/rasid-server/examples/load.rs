//! A bounded load test on loopback: many keep-alive connections sending
//! `GET /api/incidents` to a server in this process; prints requests per
//! second and latency percentiles.
//!
//! ```sh
//! cargo run --release -p rasid-server --example load
//! cargo run --release -p rasid-server --example load -- --db /tmp/d.db --connections 100 --requests 20000 --seconds 20
//! ```
//!
//! Without `--db` it builds a store from `samples/articles` in a temporary
//! folder. It stops after `--requests` requests or `--seconds` seconds,
//! whichever comes first; only 127.0.0.1 is ever contacted.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt as _;
use hyper_util::rt::TokioIo;
use rasid_server::{app, run, AppState};
use tower::ServiceExt as _;

struct Options {
    db: Option<PathBuf>,
    connections: usize,
    requests: usize,
    seconds: u64,
    path: String,
}

fn options() -> anyhow::Result<Options> {
    let mut options = Options {
        db: None,
        connections: 100,
        requests: 20_000,
        seconds: 20,
        path: "/api/incidents?limit=50".to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--db" => options.db = Some(value()?.into()),
            "--connections" => options.connections = value()?.parse()?,
            "--requests" => options.requests = value()?.parse()?,
            "--seconds" => options.seconds = value()?.parse()?,
            "--path" => options.path = value()?,
            other => anyhow::bail!("unknown argument `{other}`"),
        }
    }
    anyhow::ensure!(options.connections > 0, "--connections must be positive");
    Ok(options)
}

/// A store of the bundled sample articles, ingested through the API.
async fn sample_store(dir: &std::path::Path) -> anyhow::Result<PathBuf> {
    let db = dir.join("load.db");
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/articles");
    let reader = rasid_docs::Reader::new(rasid_docs::ReaderOptions::default());
    let mut jsonl = String::new();
    for document in reader.read(&[rasid_docs::Input::parse(
        samples.to_str().context("a UTF-8 path")?,
    )]) {
        let d = document?;
        let line = serde_json::json!({"id": d.id, "text": d.text, "outlet": d.outlet, "published": d.published});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let token = "load-test-token-0123456789";
    let writer = app(AppState::builder(&db)
        .ingest_token(Some(token.to_owned()))
        .build()?);
    let response = writer
        .oneshot(
            Request::post("/api/documents")
                .header(header::CONTENT_TYPE, "application/x-ndjson")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from(jsonl))?,
        )
        .await?;
    anyhow::ensure!(response.status() == StatusCode::OK, "ingest failed");
    Ok(db)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[allow(clippy::print_stdout)] // an example's report
fn main() -> anyhow::Result<()> {
    let options = options()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let temp = tempfile::tempdir()?;
        let db = match &options.db {
            Some(db) => db.clone(),
            None => sample_store(temp.path()).await?,
        };
        let state = AppState::builder(&db).build()?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(run(listener, state, async {
            let _ = stopped.await;
        }));

        let issued = Arc::new(AtomicUsize::new(0));
        let deadline = Duration::from_secs(options.seconds);
        let started = Instant::now();
        let mut clients = Vec::with_capacity(options.connections);
        for _ in 0..options.connections {
            let issued = Arc::clone(&issued);
            let path = options.path.clone();
            let limit = options.requests;
            clients.push(tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await?;
                stream.set_nodelay(true)?;
                let (mut sender, connection) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
                tokio::spawn(connection);
                let mut latencies = Vec::new();
                let mut failures = 0usize;
                while issued.fetch_add(1, Ordering::Relaxed) < limit && started.elapsed() < deadline
                {
                    let request = Request::get(path.as_str())
                        .header(header::HOST, addr.to_string())
                        .body(http_body_util::Empty::<axum::body::Bytes>::new())?;
                    let sent = Instant::now();
                    let response = sender.send_request(request).await?;
                    let ok = response.status() == StatusCode::OK;
                    let body = response.into_body().collect().await?.to_bytes();
                    latencies.push(sent.elapsed());
                    if !ok || body.is_empty() {
                        failures += 1;
                    }
                }
                anyhow::Ok((latencies, failures))
            }));
        }
        let mut latencies = Vec::new();
        let mut failures = 0;
        for client in clients {
            let (mut l, f) = client.await??;
            latencies.append(&mut l);
            failures += f;
        }
        let elapsed = started.elapsed();
        let _ = stop.send(());
        server.await??;

        latencies.sort_unstable();
        #[allow(clippy::cast_precision_loss)]
        let rate = latencies.len() as f64 / elapsed.as_secs_f64();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "GET {} over {} connections: {} requests in {:.2} s, {failures} failed",
            options.path,
            options.connections,
            latencies.len(),
            elapsed.as_secs_f64()
        );
        println!(
            "{rate:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.99)),
            ms(latencies.last().copied().unwrap_or_default()),
        );
        anyhow::ensure!(failures == 0, "{failures} requests failed");
        Ok(())
    })
}
