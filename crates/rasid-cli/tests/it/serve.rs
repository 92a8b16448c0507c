//! `rasid serve`: the address as users write it, printed once bound (the
//! real port for `:0`), and SIGTERM during an ingest: the server drains
//! within its stated time, exits 0, and the store is consistent.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOKEN: &str = "serve-test-token-0123456789";

/// Starts `rasid serve` and reads the line that says where it listens.
fn start(db: &std::path::Path, addr: &str, extra: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["serve", "--db", db.to_str().expect("UTF-8"), "--addr", addr])
        .args(extra)
        .env("RASID_INGEST_TOKEN", TOKEN)
        .env("RASID_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasid serve starts");
    let stderr = child.stderr.take().expect("piped");
    let mut lines = BufReader::new(stderr).lines();
    let line = loop {
        let line = lines
            .next()
            .expect("rasid serve says where it listens")
            .expect("stderr reads");
        if line.starts_with("rasid: serving ") {
            break line;
        }
    };
    // Keep reading stderr so the server never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    let address = line
        .rsplit("http://")
        .next()
        .and_then(|rest| rest.strip_suffix('/'))
        .expect("an address in the line")
        .to_owned();
    (child, address)
}

fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

fn wait(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(
            started.elapsed() < within,
            "still running {within:?} after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_on_port_zero_prints_the_real_port_and_accepts_localhost() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("s.db");
    let (mut child, address) = start(&db, ":0", &[]);
    let port: u16 = address
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    assert_ne!(port, 0, "the real port, not 0: {address}");
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    let mut stream = TcpStream::connect(&address).expect("it listens there");
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(15));
    assert!(status.success(), "{status}");

    let (mut child, address) = start(&db, "localhost:0", &[]);
    assert!(!address.ends_with(":0"), "{address}");
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(15));
    assert!(status.success(), "{status}");
}

#[test]
fn sigterm_during_an_ingest_drains_exits_0_and_leaves_the_store_consistent() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("s.db");
    let (mut child, address) = start(&db, "127.0.0.1:0", &["--shutdown-timeout", "20s"]);
    // Enough documents that the batch is still being written when the
    // signal comes.
    let mut body = String::new();
    for n in 0..400 {
        body.push_str(
            &serde_json::json!({
                "id": format!("term-{n}"),
                "published": "2021-06-01",
                "text": format!("قال الدفاع المدني إن {} مدنيين قتلوا في قصف على بلدة كفرومة في ريف إدلب اليوم الثلاثاء، وأصيب {} آخرون.", n % 40 + 2, n % 17 + 3),
            })
            .to_string(),
        );
        body.push('\n');
    }
    let mut stream = TcpStream::connect(&address).expect("connects");
    write!(
        stream,
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("the request is sent");
    std::thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(25));
    assert!(status.success(), "{status}");
    assert!(signalled.elapsed() < Duration::from_secs(25));
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);

    let connection = rusqlite::Connection::open(&db).expect("the store opens");
    let documents: i64 = connection
        .query_row("SELECT count(*) FROM documents", [], |row| row.get(0))
        .expect("count");
    let unlinked: i64 = connection
        .query_row(
            "SELECT count(*) FROM claims WHERE id NOT IN (SELECT claim_rowid FROM incident_claims)",
            [],
            |row| row.get(0),
        )
        .expect("count");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("check");
    assert_eq!(integrity, "ok");
    eprintln!(
        "after SIGTERM: {documents} documents stored, answer {:?}, exit in {:?}",
        answer.lines().next(),
        signalled.elapsed()
    );
    // The batch is all there or not at all, and every claim is in an incident.
    assert!(documents == 0 || documents == 400, "{documents} documents");
    assert_eq!(unlinked, 0, "claims outside every incident");
    if answer.starts_with("HTTP/1.1 200") {
        assert_eq!(documents, 400, "answered 200 but not stored: {answer}");
    }
}
