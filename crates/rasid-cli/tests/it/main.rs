//! Integration tests of the `rasid` binary: golden scores over the shared
//! corpus, the bundled samples, and bad input.

mod bad_input;
mod golden;
mod incidents;
mod lexicons;
mod samples;
mod serve;
mod silent;
mod store;

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

pub(crate) fn claims(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
