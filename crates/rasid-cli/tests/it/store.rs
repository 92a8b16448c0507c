//! The store through the CLI: reading commands open it read-only (a file
//! the user cannot write) and never create one; `relink` gives the incidents
//! that ingest linked batch by batch.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use rasid_testkit::repo_root;

use crate::rasid;

fn samples() -> String {
    repo_root().join("samples/articles").display().to_string()
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn ingested(dir: &Path) -> String {
    let db = dir.join("r.db").display().to_string();
    ok(&rasid(&["ingest", &samples(), "--db", &db]));
    db
}

/// `rasid ARGS` as the unprivileged user `nobody` when the tests run as root
/// (root writes any file, so only another user shows that nothing is
/// written), else as the current user.
fn rasid_unprivileged(args: &[&str]) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root && Path::new("/usr/bin/setpriv").exists() {
        let mut c = Command::new("/usr/bin/setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_rasid"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_rasid"))
    };
    command
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("rasid runs")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn incidents_and_report_read_a_store_the_user_cannot_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = ingested(dir.path());
    let expected = rasid(&["incidents", "--db", &db, "--format", "json"]);
    ok(&expected);
    let bytes = std::fs::read(&db).expect("the store");
    // Neither the file nor its folder can be written.
    set_mode(Path::new(&db), 0o444);
    set_mode(dir.path(), 0o555);
    let out = tempfile::tempdir().expect("temp dir");
    set_mode(out.path(), 0o777);
    let read = rasid_unprivileged(&["incidents", "--db", &db, "--format", "json"]);
    let page = out.path().join("report.html").display().to_string();
    let report = rasid_unprivileged(&["report", "--db", &db, "-o", &page]);
    set_mode(dir.path(), 0o755);
    ok(&read);
    ok(&report);
    assert_eq!(read.stdout, expected.stdout, "the same incidents");
    assert!(std::fs::read_to_string(&page)
        .expect("the report")
        .contains("dir=\"rtl\""));
    assert_eq!(
        std::fs::read(&db).expect("the store"),
        bytes,
        "nothing written"
    );
}

#[test]
fn a_wrong_path_creates_no_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("typo.db");
    let db = missing.display().to_string();
    for args in [
        vec!["incidents", "--db", &db],
        vec!["report", "--db", &db, "-o", "/dev/null"],
        vec!["relink", "--db", &db],
    ] {
        let output = rasid(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("There is no store at"), "{stderr}");
        assert_eq!(stderr.matches("typo.db").count(), 2, "said once: {stderr}");
        assert!(!missing.exists(), "{args:?} created {db}");
    }
}

#[test]
fn relink_gives_the_incidents_that_ingest_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = ingested(dir.path());
    let linked = rasid(&["incidents", "--db", &db, "--format", "json"]);
    ok(&linked);
    // Linked on the fly, without a store: the same.
    let on_the_fly = rasid(&["incidents", &samples(), "--format", "json"]);
    assert_eq!(linked.stdout, on_the_fly.stdout);
    let relinked = rasid(&["relink", "--db", &db]);
    ok(&relinked);
    assert!(String::from_utf8_lossy(&relinked.stderr).contains("relinked into"));
    let after = rasid(&["incidents", "--db", &db, "--format", "json"]);
    assert_eq!(linked.stdout, after.stdout);
}
