//! Nothing fails silently: each case gets one line on stderr naming the file
//! and what happens, and the run ends with one summary line (documents read,
//! skipped by reason, failed).

use std::fs;
use std::path::Path;

use crate::rasid;

const KILLED: &str =
    "قال الدفاع المدني إن أربعة مدنيين قتلوا في قصف على بلدة معرة النعمان صباح اليوم.";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

fn run(args: &[&Path]) -> std::process::Output {
    let args: Vec<&str> = std::iter::once("extract")
        .chain(args.iter().map(|p| p.to_str().expect("UTF-8 path")))
        .collect();
    rasid(&args)
}

#[test]
fn a_directory_of_only_pdf_and_docx_says_so_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("a.pdf"), b"%PDF-1.4").expect("write");
    fs::write(dir.path().join("b.docx"), b"PK\x03\x04").expect("write");
    let output = run(&[dir.path()]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!("rasid: skipped: `{}`: passed over 2 file(s) of a kind rasid does not read: `a.pdf`, `b.docx`", dir.path().display())),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 0 document(s) read (0 undated); 2 skipped (2 of a kind rasid does not read); 0 failed"
    );
    assert_eq!(output.status.code(), Some(1), "nothing was read");
}

#[test]
fn an_english_document_is_named_and_counted_as_skipped() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("w.jsonl");
    fs::write(
        &file,
        format!("{{\"id\":\"en1\",\"text\":\"Four civilians were killed in shelling on Monday.\"}}\n{{\"id\":\"ar1\",\"text\":\"{KILLED}\"}}\n"),
    )
    .expect("write");
    let output = run(&[&file]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "rasid: skipped: `{}` line 1: no Arabic text to read (0% of its letters are Arabic)",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (1 undated); 1 skipped (1 not Arabic); 0 failed"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn arabic_text_marked_lang_en_is_noted_and_read() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("w.jsonl");
    fs::write(
        &file,
        format!(
            "{{\"id\":\"x\",\"lang\":\"en\",\"published\":\"2020-03-02\",\"text\":\"{KILLED}\"}}\n"
        ),
    )
    .expect("write");
    let output = run(&[&file]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "rasid: note: `{}` line 1: `lang` is `en`, but the text is Arabic: read as Arabic",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (0 undated); 0 skipped; 0 failed"
    );
    assert!(!output.stdout.is_empty(), "its claims are written");
}

#[test]
fn a_manifest_row_naming_a_missing_file_fails_with_its_line() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(
        dir.path().join("manifest.jsonl"),
        "{\"doc\":\"a\",\"file\":\"a.txt\",\"published\":\"2020-03-02\"}\n{\"doc\":\"b\",\"file\":\"b.txt\"}\n",
    )
    .expect("write");
    fs::write(dir.path().join("a.txt"), KILLED).expect("write");
    let output = run(&[dir.path()]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "rasid: `{0}/manifest.jsonl` line 2: names `b.txt`, which is not in `{0}`: nothing read for it",
            dir.path().display()
        )),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (0 undated); 0 skipped; 1 failed (1 missing file)"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_ambiguous_published_is_noted_and_the_document_counted_undated() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("w.jsonl");
    fs::write(
        &file,
        format!("{{\"id\":\"x\",\"published\":\"03/12/2019\",\"text\":\"{KILLED}\"}}\n"),
    )
    .expect("write");
    let output = run(&[&file]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!("rasid: note: `{}` line 1: `published` `03/12/2019` is ambiguous: 3 December or 12 March 2019", file.display())),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (1 undated); 0 skipped; 0 failed"
    );
    let claims = crate::claims(&output);
    assert!(
        !claims.is_empty() && claims.iter().all(|c| c["published"].is_null()),
        "{claims:?}"
    );
}

#[test]
fn an_unparseable_published_is_noted_and_the_document_counted_undated() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("w.jsonl");
    fs::write(
        &file,
        format!("{{\"id\":\"x\",\"published\":\"2019-13-45\",\"text\":\"{KILLED}\"}}\n"),
    )
    .expect("write");
    let output = run(&[&file]);
    let err = stderr(&output);
    assert!(
        err.contains("`published` `2019-13-45` is not on the calendar: there is no month 13: the document is read undated"),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (1 undated); 0 skipped; 0 failed"
    );
}

#[test]
fn txt_files_without_a_manifest_are_noted_undated() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("a.txt"), KILLED).expect("write");
    let output = run(&[dir.path()]);
    let err = stderr(&output);
    assert!(
        err.contains(&format!("rasid: note: `{}`: no `manifest.jsonl`, so its `.txt` files are read without outlet or publication date (undated)", dir.path().display())),
        "{err}"
    );
    assert_eq!(
        last_line(&err),
        "rasid: 1 document(s) read (1 undated); 0 skipped; 0 failed"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_wrong_path_exits_1_without_claiming_others_were_processed() {
    let output = rasid(&["extract", "/nonexistent/rasid-input"]);
    let err = stderr(&output);
    assert!(
        err.contains("rasid: `/nonexistent/rasid-input`: no such file or directory"),
        "{err}"
    );
    assert!(!err.contains("the others were processed"), "{err}");
    assert_eq!(
        last_line(&err),
        "rasid: 0 document(s) read (0 undated); 0 skipped; 1 failed (1 not found)"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_duplicate_id_in_jsonl_is_named_skipped_and_counted() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("w.jsonl");
    fs::write(
        &file,
        format!("{{\"id\":\"d\",\"published\":\"2020-03-02\",\"text\":\"{KILLED}\"}}\n{{\"id\":\"d\",\"published\":\"2020-03-03\",\"text\":\"قتل ستة مدنيين في غارة على بلدة أخرى.\"}}\n"),
    )
    .expect("write");
    let output = run(&[&file]);
    let err = stderr(&output);
    let label = file.display();
    assert!(
        err.contains(&format!("rasid: `{label}` line 2: id `d` was already read from `{label}` line 1: this later document is skipped, the first is kept")),
        "{err}"
    );
    assert!(
        last_line(&err).starts_with("rasid: 1 document(s) read (0 undated); 0 skipped; 1 failed (1 duplicate id) (--replace-duplicates"),
        "{err}"
    );
    assert_eq!(output.status.code(), Some(1));
    let replaced = rasid(&[
        "extract",
        "--replace-duplicates",
        file.to_str().expect("UTF-8"),
    ]);
    let err = stderr(&replaced);
    assert!(err.contains("this later document replaces it"), "{err}");
    assert_eq!(
        last_line(&err),
        "rasid: 2 document(s) read (0 undated); 0 skipped; 0 failed"
    );
    assert_eq!(replaced.status.code(), Some(0));
}

#[test]
fn a_duplicate_doc_in_a_manifest_is_named_with_both_rows_on_ingest() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(
        dir.path().join("manifest.jsonl"),
        "{\"doc\":\"m\",\"file\":\"a.txt\",\"published\":\"2020-03-02\"}\n{\"doc\":\"m\",\"file\":\"b.txt\",\"published\":\"2020-03-02\"}\n",
    )
    .expect("write");
    fs::write(dir.path().join("a.txt"), KILLED).expect("write");
    fs::write(
        dir.path().join("b.txt"),
        "قتل ستة مدنيين في غارة على بلدة أخرى.",
    )
    .expect("write");
    let store = tempfile::tempdir().expect("temp");
    let db = store.path().join("s.db");
    let output = rasid(&[
        "ingest",
        dir.path().to_str().expect("UTF-8"),
        "--db",
        db.to_str().expect("UTF-8"),
    ]);
    let err = stderr(&output);
    let d = dir.path().display();
    assert!(
        err.contains(&format!("rasid: `{d}/b.txt`: id `m` was already read from `{d}/a.txt` (`{d}/manifest.jsonl` line 1): this later document is skipped, the first is kept")),
        "{err}"
    );
    assert!(err.contains("1 document(s) added"), "{err}");
    assert!(
        last_line(&err).starts_with(
            "rasid: 1 document(s) read (0 undated); 0 skipped; 1 failed (1 duplicate id)"
        ),
        "{err}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn store_errors_name_their_cause_once() {
    let dir = tempfile::tempdir().expect("temp");
    let not_a_db = dir.path().join("notes.db");
    fs::write(
        &not_a_db,
        "this is not a database, it is text long enough to be read as a header",
    )
    .expect("write");
    let file = dir.path().join("w.jsonl");
    fs::write(&file, format!("{{\"id\":\"x\",\"text\":\"{KILLED}\"}}\n")).expect("write");
    let output = rasid(&[
        "ingest",
        file.to_str().expect("UTF-8"),
        "--db",
        not_a_db.to_str().expect("UTF-8"),
    ]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(
        err.matches("store `").count(),
        1,
        "the store is named once: {err}"
    );
    assert_eq!(
        err.to_lowercase().matches("cannot open").count(),
        1,
        "{err}"
    );
}
