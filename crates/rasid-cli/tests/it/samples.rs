//! The bundled sample articles (written for this project) through the CLI.

use rasid_testkit::repo_root;

use crate::{claims, rasid, rasid_stdin};

#[test]
fn samples_give_attributed_claims() {
    let samples = repo_root().join("samples/articles");
    let output = rasid(&["extract", samples.to_str().expect("utf-8 path")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let all = claims(&output);
    let find = |doc: &str, kind: &str, value: u64| {
        all.iter()
            .find(|c| c["doc"] == doc && c["kind"] == kind && c["value_min"] == value)
            .unwrap_or_else(|| panic!("no {kind} {value} in {doc}"))
    };
    assert_eq!(find("sample-02", "killed", 23)["source"]["id"], "sohr");
    assert_eq!(find("sample-02", "killed", 6)["group"], "children");
    assert_eq!(find("sample-01", "killed", 18)["source"]["is_outlet"], true);
    assert_eq!(
        find("sample-01", "killed", 14)["source"]["id"],
        "civil-defence"
    );
    assert_eq!(find("sample-04", "killed", 21)["qualifier"], "at_least");
    // Populations are not claims.
    assert!(!all.iter().any(|c| c["value_min"] == 60_000));
    assert!(!all.iter().any(|c| c["value_min"] == 3_000_000));
}

#[test]
fn table_format_shows_the_evidence() {
    let samples = repo_root().join("samples/articles");
    let output = rasid(&[
        "extract",
        "--format",
        "table",
        samples.to_str().expect("utf-8 path"),
    ]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("sohr «المرصد السوري لحقوق الإنسان»"), "{text}");
    assert!(text.contains("«مقتل 18 مدنياً»"), "{text}");
}

#[test]
fn stdin_takes_json_lines() {
    let output = rasid_stdin(
        &["extract", "-"],
        "{\"id\": \"s1\", \"text\": \"أفادت مصادر طبية بمقتل ثلاثة أشخاص وإصابة سبعة آخرين.\", \"outlet\": \"X\"}\n",
    );
    assert!(output.status.success());
    let all = claims(&output);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["doc"], "s1");
    assert_eq!(all[0]["source"]["id"], "medical-sources");
}
