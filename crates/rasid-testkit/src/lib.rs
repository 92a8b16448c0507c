//! Helpers for rasid's tests (a dev-dependency only): where the repository
//! is, and the outside things some tests need, which a fresh clone may lack.
//!
//! A test that needs `../shared` or Chromium asks for it here; when it is
//! missing the test says it is skipped, except with `CI=true`, where a
//! missing one is a failure (CI has both).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root.
#[must_use]
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the checkout (with its `corpus` and `gold`), or `None`
/// when a fresh clone has none: then the caller's test is skipped.
///
/// # Panics
/// When `CI=true` and `../shared` is missing.
#[must_use]
pub fn shared() -> Option<PathBuf> {
    let dir = repo_root().join("../shared");
    if dir.join("gold").is_dir() && dir.join("corpus").is_dir() {
        return Some(dir);
    }
    missing("../shared is not beside this checkout")
}

/// The command of Debian's Chromium, or `None` when it is not installed:
/// then the caller's test is skipped.
///
/// # Panics
/// When `CI=true` and Chromium is not installed.
#[must_use]
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "/usr/bin/chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        return missing("chromium is not installed");
    }
    found
}

/// Every order of `0..n` (n! of them), for tests that feed the same inputs in
/// each order and expect the same answer.
#[must_use]
pub fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for rest in permutations(n - 1) {
        for at in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(at, n - 1);
            out.push(p);
        }
    }
    out
}

/// Runs `child` (a test binary re-run as a child that prints markers on its
/// stdout), waits for a line ending with `marker`, waits `delay` more, then
/// kills it with SIGKILL (no destructor, no rollback runs) and checks that the
/// SIGKILL, not something before it, ended the child. Returns how long after
/// its `CHILD started` line the marker came.
///
/// # Panics
/// When the child cannot start, ends before the marker, or dies otherwise.
#[must_use = "how long the child took to reach the marker"]
pub fn kill_child_at(mut child: Command, marker: &str, delay: Duration) -> Duration {
    use std::io::{BufRead as _, BufReader};
    child.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = child.spawn().expect("the child starts");
    // Kept open until the kill: the child must not die of a broken pipe first.
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut seen = false;
    let mut started = Instant::now();
    for line in (&mut stdout).lines() {
        let line = line.expect("a line from the child");
        // The test harness may have written `test crash::child_process ... `
        // without a newline just before.
        if line.trim_end().ends_with("CHILD started") {
            started = Instant::now();
        }
        if line.trim_end().ends_with(marker) {
            seen = true;
            break;
        }
    }
    assert!(seen, "the child ended before `{marker}`");
    let reached = started.elapsed();
    std::thread::sleep(delay);
    child.kill().expect("killed");
    let status = child.wait().expect("reaped");
    drop(stdout);
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "the child died of the SIGKILL, not before"
    );
    reached
}

/// Says the test is skipped, or fails it under `CI=true`.
fn missing<T>(what: &str) -> Option<T> {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {what}"
    );
    eprintln!("skipped: {what}");
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_holds_the_workspace() {
        assert!(repo_root().join("Cargo.toml").is_file());
        assert!(repo_root().join("crates/rasid-testkit").is_dir());
    }
}

#[cfg(test)]
mod permutation_tests {
    use super::permutations;

    #[test]
    fn permutations_of_three_are_the_six_distinct_orders() {
        let mut all = permutations(3);
        assert_eq!(all.len(), 6);
        for order in &all {
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2], "{order:?} is an order of 0..3");
        }
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 6, "no order twice");
    }
}
