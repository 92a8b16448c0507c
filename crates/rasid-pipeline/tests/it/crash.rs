//! A process killed (SIGKILL) while it stores and links a batch: reopened,
//! the store holds the state before the batch or after it, and in both every
//! stored claim is in exactly one incident — no relink needed to repair it.
//!
//! The test binary re-runs itself as the child: [`child_process`] stores and
//! links when `RASID_PIPELINE_CHILD_DB` is set, and does nothing otherwise.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rasid_docs::Document;
use rasid_extract::Claim;
use rasid_link::LinkOptions;
use rasid_store::Store;

use crate::common::{assert_consistent, incidents, ingest, reports};

const CHILD_DB: &str = "RASID_PIPELINE_CHILD_DB";
const CHILD_PAUSE: &str = "RASID_PIPELINE_CHILD_PAUSE";

/// What a reader of the store sees of its claims and incidents.
#[derive(Debug, Clone, PartialEq)]
struct State {
    counts: rasid_store::Counts,
    claims: Vec<serde_json::Value>,
    incidents: serde_json::Value,
}

fn state(store: &Store) -> State {
    State {
        counts: store.counts().expect("counts"),
        claims: store.claims().expect("claims"),
        incidents: incidents(store),
    }
}

/// The first state: 120 reports stored and linked.
fn set_up(store: &mut Store) {
    ingest(store, &reports(0..120, 1));
}

/// The killed batch: it changes reports 60..120 (their incidents are
/// dissolved and linked again) and adds 240 more, many joining stored
/// incidents.
fn next_batch() -> Vec<(Document, Vec<Claim>)> {
    reports(60..360, 2)
}

/// Not a test on its own: the body of the child process.
#[test]
fn child_process() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let pause_after_linking = std::env::var(CHILD_PAUSE).is_ok();
    let batch = next_batch();
    let mut store = Store::open(&path).expect("the child opens the store");
    let say = |line: &str| {
        let mut stdout = std::io::stdout();
        writeln!(stdout, "{line}").expect("the parent reads");
        stdout.flush().expect("flushed");
    };
    say("CHILD started");
    let transaction = store.begin().expect("a transaction");
    let ingested = transaction
        .ingest(&batch, &mut |_| ControlFlow::Continue(()))
        .expect("stored");
    rasid_pipeline::link_ingested(&transaction, &batch, &ingested, &LinkOptions::default())
        .expect("linked");
    if pause_after_linking {
        say("CHILD linked");
        // Hold the transaction open, linking done, until the parent kills us.
        std::thread::sleep(Duration::from_mins(2));
    }
    transaction.commit().expect("committed");
    say("CHILD committed");
    std::thread::sleep(Duration::from_mins(2));
}

/// Runs the child on `path`, waits for `marker`, waits `delay` more, then
/// kills it with SIGKILL. Returns how long after `CHILD started` the marker came.
fn kill_child(path: &Path, pause: bool, marker: &str, delay: Duration) -> Duration {
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
    if pause {
        command.env(CHILD_PAUSE, "1");
    }
    rasid_testkit::kill_child_at(command, marker, delay)
}

fn before(path: &Path) -> State {
    let mut store = Store::open(path).expect("opens");
    set_up(&mut store);
    state(&store)
}

fn after() -> State {
    let mut store = Store::open_in_memory().expect("opens");
    set_up(&mut store);
    ingest(&mut store, &next_batch());
    state(&store)
}

fn reopened(path: &Path) -> (Store, State) {
    let store = Store::open(path).expect("the store reopens after the kill");
    assert_consistent(&store);
    let found = state(&store);
    (store, found)
}

#[test]
fn a_kill_after_linking_before_the_commit_leaves_the_store_as_before() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.db");
    let before = before(&path);
    kill_child(&path, true, "CHILD linked", Duration::ZERO);
    let (mut store, found) = reopened(&path);
    assert!(found == before, "exactly the state before the batch");
    // Running the batch again completes the store.
    ingest(&mut store, &next_batch());
    assert_consistent(&store);
    assert!(state(&store) == after(), "the state after the batch");
}

#[test]
fn a_kill_at_any_moment_of_storing_and_linking_leaves_one_consistent_state() {
    // How long storing and linking the batch takes here, start to commit.
    let took = {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("rasid.db");
        before(&path);
        kill_child(&path, false, "CHILD committed", Duration::ZERO)
    };
    let after = after();
    let (mut old, mut new) = (0, 0);
    for eighths in [1, 4, 6, 7, 12] {
        let delay = took * eighths / 8;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("rasid.db");
        let before = before(&path);
        kill_child(&path, false, "CHILD started", delay);
        let (_, found) = reopened(&path);
        let is_old = found == before;
        let is_new = found == after;
        eprintln!(
            "killed {} ms into a batch of {} ms: {}",
            delay.as_millis(),
            took.as_millis(),
            if is_old {
                "the state before"
            } else if is_new {
                "the state after"
            } else {
                "neither"
            }
        );
        assert!(is_old || is_new, "killed {delay:?} in: neither state");
        old += usize::from(is_old);
        new += usize::from(is_new);
    }
    assert!(new >= 1, "the kill after the commit leaves the batch");
    assert!(old + new == 5);
}
