//! Integration tests of the `rasid` binary: golden scores over the shared
//! corpus, the bundled samples, and bad input.

mod bad_input;
mod golden;
mod incidents;
mod samples;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub(crate) fn rasid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("rasid runs")
}

pub(crate) fn rasid_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasid runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("rasid ends")
}

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the checkout, or `None` when a fresh clone has none
/// (then the test says it is skipped); with `CI=true` its absence fails.
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = repo_root().join("../shared");
    if dir.join("gold").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but ../shared is missing beside the checkout"
    );
    eprintln!("skipped: ../shared is not beside this checkout");
    None
}

pub(crate) fn claims(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
