//! Bad input is reported with its file (and line), and the batch goes on.

use crate::{claims, rasid};

#[test]
fn bad_files_are_named_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::write(p.join("a_good.txt"), "قتل خمسة مدنيين في قصف على البلدة.").unwrap();
    std::fs::write(p.join("b_invalid.txt"), b"\xd9\x82\xff\xfe broken").unwrap();
    std::fs::write(p.join("c_binary.txt"), b"\x00\x01\x02ELF").unwrap();
    std::fs::write(p.join("d_empty.txt"), b"").unwrap();
    std::fs::write(
        p.join("e_docs.jsonl"),
        "{\"id\": \"j1\", \"text\": \"أصيب 4 أشخاص.\"}\n{not json\n{\"id\": \"j3\"}\n{\"id\": \"j4\", \"text\": \"اعتقلت القوات 12 شابا.\"}\n",
    )
    .unwrap();
    let output = rasid(&[
        "extract",
        p.to_str().expect("utf-8 path"),
        "/nonexistent/rasid-test",
    ]);
    assert_eq!(output.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for needle in [
        "b_invalid.txt",
        "c_binary.txt",
        "d_empty.txt",
        "e_docs.jsonl` line 2",
        "e_docs.jsonl` line 3",
        "/nonexistent/rasid-test",
    ] {
        assert!(stderr.contains(needle), "stderr lacks {needle}: {stderr}");
    }
    let all = claims(&output);
    let docs: Vec<&str> = all.iter().filter_map(|c| c["doc"].as_str()).collect();
    assert!(docs.contains(&"a_good"), "{docs:?}");
    assert!(docs.contains(&"j1"), "{docs:?}");
    assert!(docs.contains(&"j4"), "{docs:?}");
}

#[test]
fn a_bad_lexicon_is_a_clear_fatal_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("qualifiers.tsv"),
        "phrase\tqualifier\tposition\texample\nنحو\troughly\tbefore\tنحو 30\n",
    )
    .unwrap();
    // The document stands apart: a folder of lexicons holds only lexicon files.
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("x.txt"), "قتل 6 رعاة").unwrap();
    let output = rasid(&[
        "extract",
        "--lexicons",
        dir.path().to_str().expect("utf-8"),
        docs.path().join("x.txt").to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("qualifiers.tsv` line 2"), "{stderr}");
    assert!(stderr.contains("unknown qualifier `roughly`"), "{stderr}");
}
