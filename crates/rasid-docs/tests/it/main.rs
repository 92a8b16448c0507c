//! Reading real files and directories: what comes out, and which errors, in
//! which order.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use rasid_docs::{read_inputs, Document, Input, ReadError, Reader, ReaderOptions};
use tempfile::TempDir;

mod crawl;
mod edge;
mod samples;

const SHELLING: &str = "قتل أربعة مدنيين بينهم طفلان في قصف مدفعي على أطراف البلدة صباح الجمعة.";
const RAID: &str = "أصيب سبعة أشخاص بجروح إثر غارة جوية استهدفت سوقا شعبيا في المدينة.";
const CLASH: &str = "لقي ثلاثة عناصر مصرعهم خلال اشتباكات عنيفة على الطريق الدولي.";

fn write(directory: &Path, name: &str, contents: impl AsRef<[u8]>) {
    fs::write(directory.join(name), contents).expect("write a fixture file");
}

fn path_arg(path: &Path) -> Input {
    Input::Path(path.to_path_buf())
}

/// Every item but notices (tested on their own in `edge.rs`), documents as
/// themselves and errors as their messages.
fn read_all(inputs: &[Input], options: &ReaderOptions) -> Vec<Result<Document, String>> {
    read_inputs(inputs, options)
        .filter(|item| !item.as_ref().is_err_and(ReadError::document_follows))
        .map(|item| item.map_err(|error| error.to_string()))
        .collect()
}

fn read_default(inputs: &[Input]) -> Vec<Result<Document, String>> {
    read_all(inputs, &ReaderOptions::default())
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

fn expect_document(item: &Result<Document, String>) -> &Document {
    match item {
        Ok(document) => document,
        Err(message) => panic!("expected a document, got the error {message}"),
    }
}

fn expect_error(item: &Result<Document, String>) -> &str {
    match item {
        Ok(document) => panic!("expected an error, got the document {}", document.id),
        Err(message) => message,
    }
}

#[test]
fn directory_with_manifest_and_two_txt_files() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        concat!(
            r#"{"doc": "001_a1", "file": "001_a1.txt", "outlet": "Baladi News", "published": "2018-04-06", "lang": "ar"}"#,
            "\n",
            r#"{"doc": "002_b7", "file": "002_b7.txt", "outlet": "Enab Baladi", "published": "2019-11-30T08:15:00+03:00", "url": "https://example.invalid/b7", "lang": "ar", "editor": "ignored"}"#,
            "\n",
        ),
    );
    write(directory.path(), "002_b7.txt", RAID);
    write(directory.path(), "001_a1.txt", SHELLING);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 2, "{items:?}");

    let first = expect_document(&items[0]);
    assert_eq!(first.id, "001_a1");
    assert_eq!(first.outlet.as_deref(), Some("Baladi News"));
    assert_eq!(first.published.as_deref(), Some("2018-04-06"));
    assert_eq!(first.published_date(), Some((2018, 4, 6)));
    assert_eq!(first.lang.as_deref(), Some("ar"));
    assert_eq!(first.url, None);
    assert_eq!(first.text, SHELLING);
    assert_eq!(
        first.origin.path,
        label(&directory.path().join("001_a1.txt"))
    );
    assert_eq!(first.origin.line, None);

    let second = expect_document(&items[1]);
    assert_eq!(second.id, "002_b7");
    assert_eq!(second.outlet.as_deref(), Some("Enab Baladi"));
    assert_eq!(
        second.published.as_deref(),
        Some("2019-11-30T08:15:00+03:00")
    );
    assert_eq!(second.published_date(), Some((2019, 11, 30)));
    assert_eq!(second.url.as_deref(), Some("https://example.invalid/b7"));
    assert_eq!(second.text, RAID);
}

#[test]
fn txt_without_manifest_entry_takes_its_id_from_the_file_stem() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        r#"{"doc": "described", "file": "described.txt", "outlet": "Baladi News"}"#,
    );
    write(directory.path(), "described.txt", SHELLING);
    write(directory.path(), "report.2020.txt", CLASH);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(expect_document(&items[0]).id, "described");
    let bare = expect_document(&items[1]);
    assert_eq!(bare.id, "report.2020");
    assert_eq!(bare.outlet, None);
    assert_eq!(bare.published, None);
    assert_eq!(bare.published_date(), None);
    assert_eq!(bare.text, CLASH);
}

#[test]
fn txt_given_alone_uses_the_manifest_beside_it() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        r#"{"doc": "x9", "file": "article.txt", "published": "2021-01-02"}"#,
    );
    write(directory.path(), "article.txt", RAID);

    let items = read_default(&[path_arg(&directory.path().join("article.txt"))]);
    let document = expect_document(&items[0]);
    assert_eq!(document.id, "x9");
    assert_eq!(document.published_date(), Some((2021, 1, 2)));
}

#[test]
fn manifest_entry_with_doc_only_describes_doc_dot_txt() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        r#"{"doc": "003_c2", "outlet": "Orient"}"#,
    );
    write(directory.path(), "003_c2.txt", CLASH);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(expect_document(&items[0]).outlet.as_deref(), Some("Orient"));
}

#[test]
fn invalid_utf8_file_is_one_error_naming_file_and_byte() {
    let directory = TempDir::new().expect("a temporary directory");
    let mut bytes = "قتل".as_bytes().to_vec(); // six bytes
    bytes.extend_from_slice(&[0xFF, b' ']);
    bytes.extend_from_slice(RAID.as_bytes());
    write(directory.path(), "bad.txt", bytes);
    write(directory.path(), "good.txt", CLASH);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}`: not valid UTF-8 (byte 6)",
            label(&directory.path().join("bad.txt"))
        )
    );
    assert_eq!(expect_document(&items[1]).id, "good");
}

#[test]
fn binary_file_with_nul_bytes_is_refused() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    );

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}`: binary data, not text (NUL at byte 8)",
            label(&directory.path().join("image.txt"))
        )
    );
}

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "a_empty.txt", "");
    write(directory.path(), "b_blank.txt", " \n\t\u{a0}\r\n");
    write(directory.path(), "c_empty.jsonl", "");
    write(directory.path(), "d_blank.jsonl", "\n   \n");

    let items = read_default(&[path_arg(directory.path())]);
    let messages: Vec<&str> = items.iter().map(expect_error).collect();
    let at = |name: &str| label(&directory.path().join(name));
    assert_eq!(
        messages,
        vec![
            format!("`{}`: empty", at("a_empty.txt")),
            format!("`{}`: only whitespace", at("b_blank.txt")),
            format!("`{}`: empty", at("c_empty.jsonl")),
            format!("`{}`: only whitespace", at("d_blank.jsonl")),
        ]
    );
}

#[test]
fn jsonl_malformed_line_in_the_middle_skips_only_that_line() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("feed.jsonl");
    let contents = [
        format!(r#"{{"id": "n1", "text": "{SHELLING}", "outlet": "SANA", "published": "2017-05-01"}}"#),
        String::new(),
        format!(r#"{{"id": "n2", "text": "{RAID}", "outlet": "#),
        format!(r#"{{"id": 42, "text": "{CLASH}", "url": "https://example.invalid/42", "lang": "ar", "tags": [1, 2]}}"#),
        format!(r#"{{"text": "{RAID}"}}"#),
    ]
    .join("\n");
    fs::write(&file, contents).expect("write the feed");

    let items = read_default(&[path_arg(&file)]);
    assert_eq!(items.len(), 4, "{items:?}");

    let first = expect_document(&items[0]);
    assert_eq!(first.id, "n1");
    assert_eq!(first.outlet.as_deref(), Some("SANA"));
    assert_eq!(first.published_date(), Some((2017, 5, 1)));
    assert_eq!(first.origin.line, Some(1));

    let error = expect_error(&items[1]);
    assert!(
        error.starts_with(&format!("`{}` line 3: malformed JSON: ", label(&file))),
        "{error}"
    );

    let third = expect_document(&items[2]);
    assert_eq!(third.id, "42");
    assert_eq!(third.url.as_deref(), Some("https://example.invalid/42"));
    assert_eq!(third.lang.as_deref(), Some("ar"));
    assert_eq!(third.text, CLASH);
    assert_eq!(third.origin.path, label(&file));
    assert_eq!(third.origin.line, Some(4));

    let fourth = expect_document(&items[3]);
    assert_eq!(fourth.id, "feed:5", "no `id`: the file stem and the line");
}

#[test]
fn jsonl_line_without_text_names_the_line() {
    let items: Vec<_> = Reader::default()
        .read_jsonl(
            Cursor::new(format!(
                "{{\"id\": \"a\", \"text\": \"{SHELLING}\"}}\n{{\"id\": \"b\", \"body\": \"{RAID}\"}}\n"
            )),
            "wire/agency.jsonl",
        )
        .collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let error = items[1].as_ref().expect_err("a line without `text`");
    assert!(matches!(error, ReadError::MissingText { line: 2, .. }));
    assert_eq!(error.path(), "wire/agency.jsonl");
    assert_eq!(error.line(), Some(2));
    assert_eq!(
        error.to_string(),
        "`wire/agency.jsonl` line 2: no `text` field"
    );
}

#[test]
fn oversized_documents_are_refused_and_the_batch_goes_on() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "big.txt", SHELLING.repeat(10));
    write(directory.path(), "small.txt", "قصف");
    write(
        directory.path(),
        "wire.jsonl",
        format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"قصف\"}}\n",
            SHELLING.repeat(10)
        ),
    );
    let options = ReaderOptions {
        max_document_bytes: 100,
        ..ReaderOptions::default()
    };

    let items = read_all(&[path_arg(directory.path())], &options);
    assert_eq!(items.len(), 4, "{items:?}");
    let big = SHELLING.repeat(10).len();
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}`: {big} bytes, over the limit of 100 bytes",
            label(&directory.path().join("big.txt"))
        )
    );
    assert_eq!(expect_document(&items[1]).id, "small");
    assert_eq!(
        expect_error(&items[2]),
        format!(
            "`{}` line 1: {} bytes, over the limit of 100 bytes",
            label(&directory.path().join("wire.jsonl")),
            big + r#"{"text": ""}"#.len()
        )
    );
    assert_eq!(expect_document(&items[3]).id, "wire:2");
    assert_eq!(
        ReaderOptions::default().max_document_bytes,
        64 * 1024 * 1024
    );
}

#[test]
fn missing_path_is_an_error_and_the_next_input_is_read() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "here.txt", RAID);
    let missing = directory.path().join("gone.txt");

    let items = read_default(&[
        path_arg(&missing),
        path_arg(&directory.path().join("here.txt")),
    ]);
    assert_eq!(items.len(), 2);
    assert_eq!(
        expect_error(&items[0]),
        format!("`{}`: no such file or directory", label(&missing))
    );
    assert_eq!(expect_document(&items[1]).id, "here");
}

#[test]
fn manifest_with_malformed_line_keeps_its_good_entries() {
    let directory = TempDir::new().expect("a temporary directory");
    let manifest = directory.path().join("manifest.jsonl");
    fs::write(
        &manifest,
        concat!(
            r#"{"doc": "m1", "file": "one.txt", "outlet": "Baladi News"}"#,
            "\n",
            r#"{"doc": "m2", "file": "two.txt", "outlet": "#,
            "\n",
            r#"{"outlet": "nobody"}"#,
            "\n",
            r#"{"doc": "m1-again", "file": "one.txt"}"#,
            "\n",
        ),
    )
    .expect("write the manifest");
    write(directory.path(), "one.txt", SHELLING);
    write(directory.path(), "two.txt", RAID);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 5, "{items:?}");
    let manifest = label(&manifest);
    let error = expect_error(&items[0]);
    assert!(
        error.starts_with(&format!(
            "`{manifest}` line 2: bad manifest entry: malformed JSON: "
        )),
        "{error}"
    );
    assert_eq!(
        expect_error(&items[1]),
        format!("`{manifest}` line 3: bad manifest entry: needs a `file` or a `doc`")
    );
    assert_eq!(
        expect_error(&items[2]),
        format!(
            "`{manifest}` line 4: bad manifest entry: a second entry for `one.txt` (the first is on line 1)"
        )
    );
    let one = expect_document(&items[3]);
    assert_eq!(
        (one.id.as_str(), one.outlet.as_deref()),
        ("m1", Some("Baladi News"))
    );
    let two = expect_document(&items[4]);
    assert_eq!((two.id.as_str(), two.outlet.as_deref()), ("two", None));
}

#[test]
fn stdin_style_reading_from_a_cursor() {
    let input = format!(
        "{{\"id\": \"s1\", \"text\": \"{SHELLING}\", \"outlet\": \"Baladi News\"}}\r\n\
         not json at all\r\n\
         {{\"text\": \"{CLASH}\", \"published\": \"2016-02-29\"}}\r\n"
    );
    let reader = Reader::new(ReaderOptions::default());
    let items: Vec<_> = reader
        .read_jsonl(Cursor::new(input), "-")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 3);

    let first = expect_document(&items[0]);
    assert_eq!(first.id, "s1");
    assert_eq!(
        first.text, SHELLING,
        "the CRLF line ending is not part of the text"
    );
    assert_eq!(first.origin.path, "-");

    assert!(expect_error(&items[1]).starts_with("`-` line 2: malformed JSON: "));

    let third = expect_document(&items[2]);
    assert_eq!(third.id, "stdin:3");
    assert_eq!(third.published_date(), Some((2016, 2, 29)));
}

#[test]
fn directories_are_walked_recursively_in_name_order() {
    let directory = TempDir::new().expect("a temporary directory");
    let root = directory.path();
    fs::create_dir_all(root.join("b_2019")).expect("a subdirectory");
    fs::create_dir_all(root.join(".hidden")).expect("a hidden directory");
    write(
        root,
        "manifest.jsonl",
        r#"{"doc": "top", "file": "c.txt", "outlet": "Top"}"#,
    );
    write(root, "c.txt", SHELLING);
    write(
        root,
        "a.jsonl",
        format!("{{\"id\": \"feed\", \"text\": \"{RAID}\"}}\n"),
    );
    write(root, "notes.md", "not an article");
    write(&root.join(".hidden"), "secret.txt", CLASH);
    write(&root.join("b_2019"), "c.txt", CLASH);
    write(
        &root.join("b_2019"),
        "manifest.jsonl",
        r#"{"doc": "nested", "file": "c.txt", "outlet": "Nested"}"#,
    );

    let items = read_default(&[path_arg(root)]);
    // `notes.md` is named once, before the directory's documents.
    let passed_over = expect_error(&items[0]);
    assert!(
        passed_over.contains("passed over 1 file(s)") && passed_over.contains("`notes.md`"),
        "{passed_over}"
    );
    let summary: Vec<(String, Option<String>)> = items[1..]
        .iter()
        .map(|item| {
            let document = expect_document(item);
            (document.id.clone(), document.outlet.clone())
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("feed".to_owned(), None),
            ("nested".to_owned(), Some("Nested".to_owned())),
            ("top".to_owned(), Some("Top".to_owned())),
        ]
    );
}

#[test]
fn manifest_and_unknown_files_given_by_name_are_refused() {
    let directory = TempDir::new().expect("a temporary directory");
    let manifest = directory.path().join("manifest.jsonl");
    fs::write(&manifest, r#"{"doc": "x", "file": "x.txt"}"#).expect("write the manifest");
    let notes = directory.path().join("notes.md");
    fs::write(&notes, RAID).expect("write the notes");

    let items = read_default(&[path_arg(&manifest), path_arg(&notes)]);
    assert_eq!(items.len(), 2);
    assert!(expect_error(&items[0])
        .starts_with(&format!("`{}`: a manifest describes", label(&manifest))));
    assert_eq!(
        expect_error(&items[1]),
        format!(
            "`{}`: not a directory or a file rasid reads (`.txt`, `.html`, `.htm`, `.jsonl`, `.jsonl.gz`, `.warc`, `.warc.gz`, `.rss`, `.atom`, `.xml`)",
            label(&notes)
        )
    );
}

#[test]
fn input_parse_treats_only_a_dash_as_stdin() {
    assert_eq!(Input::parse("-"), Input::Stdin);
    assert_eq!(Input::parse("--"), Input::Path("--".into()));
    assert_eq!(Input::parse("data/a.txt"), Input::Path("data/a.txt".into()));
}
