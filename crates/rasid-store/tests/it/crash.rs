//! A process killed (SIGKILL) while its ingest transaction is open: the file,
//! reopened, holds the state before the batch or the state after it, never a
//! part of the batch.
//!
//! The test binary re-runs itself as the child: [`child_process`] does the
//! ingest when `RASID_STORE_CHILD_DB` is set, and nothing otherwise.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rasid_store::Store;

use crate::common::{generated, incident, Snapshot};

const CHILD_DB: &str = "RASID_STORE_CHILD_DB";
const CHILD_PAUSE: &str = "RASID_STORE_CHILD_PAUSE";
/// Documents in the killed batch: about 3 MB, more than SQLite's page cache,
/// so pages of the open transaction spill into the WAL before the kill.
const BATCH: usize = 3000;

/// The first state: 200 documents and incidents linking some of their claims.
fn set_up(store: &mut Store) {
    store
        .ingest_batch(&generated(0..200, 1))
        .expect("first batch");
    store
        .replace_incidents(
            &[
                incident("a", "2018-04-07", 21),
                incident("b", "2018-04-08", 3),
            ],
            &[
                (
                    "a".to_owned(),
                    vec![("gen-00001".to_owned(), 0), ("gen-00150".to_owned(), 1)],
                ),
                ("b".to_owned(), vec![("gen-00199".to_owned(), 2)]),
            ],
        )
        .expect("incidents");
}

/// The batch the child ingests: it updates documents 100..200 (dropping the
/// links of two of them) and adds the rest.
fn next_batch() -> Vec<(rasid_docs::Document, Vec<crate::common::TestClaim>)> {
    generated(100..100 + BATCH, 2)
}

/// Not a test on its own: the body of the child process.
#[test]
fn child_process() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let pause_at = std::env::var(CHILD_PAUSE)
        .ok()
        .and_then(|value| value.parse::<usize>().ok());
    let batch = next_batch();
    let mut store = Store::open(&path).expect("the child opens the store");
    let mut stdout = std::io::stdout();
    let say = |stdout: &mut std::io::Stdout, line: &str| {
        writeln!(stdout, "{line}").expect("the parent reads");
        stdout.flush().expect("flushed");
    };
    say(&mut stdout, "CHILD started");
    store
        .ingest_batch_with(&batch, |progress| {
            if Some(progress.done) == pause_at {
                say(&mut std::io::stdout(), "CHILD in-transaction");
                // Hold the transaction open until the parent kills us.
                std::thread::sleep(Duration::from_secs(120));
            }
            ControlFlow::Continue(())
        })
        .expect("the child ingests");
    say(&mut stdout, "CHILD committed");
    std::thread::sleep(Duration::from_secs(120));
}

/// Runs the child on `path`, waits for `marker` on its stdout, waits `delay`
/// more, then kills it with SIGKILL.
fn kill_child(path: &Path, pause_at: Option<usize>, marker: &str, delay: Duration) {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = Command::new(exe);
    command
        .args([
            "crash::child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, path);
    if let Some(at) = pause_at {
        command.env(CHILD_PAUSE, at.to_string());
    }
    let _reached = rasid_testkit::kill_child_at(command, marker, delay);
}

/// Sets the file up in the state before the batch, and returns that state.
fn before(path: &Path) -> Snapshot {
    let mut store = Store::open(path).expect("opens");
    set_up(&mut store);
    Snapshot::of(&store)
}

/// The state after the batch, from a store in memory.
fn after() -> Snapshot {
    let mut memory = Store::open_in_memory().expect("opens");
    set_up(&mut memory);
    memory.ingest_batch(&next_batch()).expect("ingests");
    Snapshot::of(&memory).without_times()
}

fn reopened(path: &Path) -> Snapshot {
    let store = Store::open(path).expect("the store reopens after the kill");
    assert_eq!(store.check().expect("checks run"), Vec::<String>::new());
    Snapshot::of(&store)
}

#[test]
fn a_process_killed_mid_transaction_leaves_the_store_as_before() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let before = before(&path);
    kill_child(
        &path,
        Some(BATCH - 1),
        "CHILD in-transaction",
        Duration::ZERO,
    );
    // The parent's last connection emptied the WAL on close; frames in it now
    // are pages of the child's uncommitted transaction.
    let wal = std::fs::metadata(dir.path().join("rasid.sqlite-wal")).map_or(0, |m| m.len());
    eprintln!("WAL left by the killed child: {wal} bytes");
    assert!(wal > 0, "the open transaction had spilled into the WAL");
    assert_eq!(
        reopened(&path),
        before,
        "exactly the state before the batch"
    );
}

#[test]
fn a_process_killed_after_commit_leaves_the_whole_batch() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let after = after();
    before(&path);
    kill_child(&path, None, "CHILD committed", Duration::ZERO);
    assert_eq!(reopened(&path).without_times(), after);
}

#[test]
fn a_process_killed_at_any_moment_leaves_the_old_or_the_new_state() {
    // How long the child's batch takes on this machine, start to commit.
    let took = {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("rasid.sqlite");
        before(&path);
        let started = std::time::Instant::now();
        kill_child(&path, None, "CHILD committed", Duration::ZERO);
        started.elapsed()
    };
    let after = after();
    // Kills spread over the transaction, and one after it has surely committed.
    for eighths in [0, 2, 4, 6, 7, 12] {
        let delay = took * eighths / 8;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("rasid.sqlite");
        let before = before(&path);
        assert_ne!(before.counts, after.counts);
        kill_child(&path, None, "CHILD started", delay);
        let found = reopened(&path);
        let old = found == before;
        let new = found.clone().without_times() == after;
        eprintln!(
            "killed {} ms into a batch of {} ms: {}",
            delay.as_millis(),
            took.as_millis(),
            if old {
                "the state before"
            } else if new {
                "the state after"
            } else {
                "neither"
            }
        );
        assert!(
            old || new,
            "killed {delay:?} into the batch: {:?} is neither {:?} nor {:?}",
            found.counts,
            before.counts,
            after.counts
        );
    }
}
