//! The checks at the edge: each case is named on its own line (file and
//! line), and what happens to the document is said.

use std::fs;

use rasid_docs::{read_inputs, Input, ReadError, ReaderOptions};
use tempfile::TempDir;

use crate::{path_arg, write, CLASH, RAID, SHELLING};

/// Every item: documents by id, errors as `severity: message`.
fn items(inputs: &[Input], options: &ReaderOptions) -> Vec<String> {
    read_inputs(inputs, options)
        .map(|item| match item {
            Ok(document) => format!(
                "doc {} published={}",
                document.id,
                document.published.as_deref().unwrap_or("none")
            ),
            Err(error) => format!("{:?}: {error}", error.severity()),
        })
        .collect()
}

fn jsonl_line(id: &str, text: &str, extra: &str) -> String {
    format!("{{\"id\": \"{id}\", \"text\": \"{text}\"{extra}}}\n")
}

#[test]
fn a_duplicate_id_in_one_jsonl_file_is_named_with_both_lines_and_skipped() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    let body = [
        jsonl_line("same", SHELLING, ""),
        jsonl_line("other", RAID, ""),
        jsonl_line("same", CLASH, ""),
    ]
    .concat();
    fs::write(&file, body).expect("write");
    let got = items(&[path_arg(&file)], &ReaderOptions::default());
    let label = file.display().to_string();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(got[0], "doc same published=none");
    assert_eq!(got[1], "doc other published=none");
    assert_eq!(
        got[2],
        format!("Failed: `{label}` line 3: id `same` was already read from `{label}` line 1: this later document is skipped, the first is kept")
    );
}

#[test]
fn a_duplicate_id_across_files_is_named_with_both_files() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "a.jsonl", jsonl_line("x1", SHELLING, ""));
    write(directory.path(), "b.jsonl", jsonl_line("x1", RAID, ""));
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let a = directory.path().join("a.jsonl").display().to_string();
    let b = directory.path().join("b.jsonl").display().to_string();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[1],
        format!("Failed: `{b}` line 1: id `x1` was already read from `{a}` line 1: this later document is skipped, the first is kept")
    );
}

#[test]
fn two_manifest_rows_with_one_doc_name_both_rows() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"d7\", \"file\": \"one.txt\", \"published\": \"2020-01-05\"}\n{\"doc\": \"d7\", \"file\": \"two.txt\", \"published\": \"2020-01-06\"}\n",
    );
    write(directory.path(), "one.txt", SHELLING);
    write(directory.path(), "two.txt", RAID);
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let dir = directory.path().display().to_string();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[0], "doc d7 published=2020-01-05");
    assert_eq!(
        got[1],
        format!("Failed: `{dir}/two.txt`: id `d7` was already read from `{dir}/one.txt` (`{dir}/manifest.jsonl` line 1): this later document is skipped, the first is kept")
    );
}

#[test]
fn replace_duplicates_gives_the_later_document_after_a_notice() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    fs::write(
        &file,
        [
            jsonl_line("same", SHELLING, ""),
            jsonl_line("same", CLASH, ""),
        ]
        .concat(),
    )
    .expect("write");
    let options = ReaderOptions {
        replace_duplicates: true,
        ..ReaderOptions::default()
    };
    let got = items(&[path_arg(&file)], &options);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[1].starts_with("Notice: ") && got[1].ends_with("this later document replaces it"),
        "{}",
        got[1]
    );
    assert_eq!(got[2], "doc same published=none");
}

#[test]
fn an_ambiguous_published_is_named_and_the_document_read_undated() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    fs::write(
        &file,
        [
            jsonl_line("a", SHELLING, ", \"published\": \"03/12/2019\""),
            jsonl_line("b", RAID, ", \"published\": \"13/12/2019\""),
        ]
        .concat(),
    )
    .expect("write");
    let got = items(&[path_arg(&file)], &ReaderOptions::default());
    let label = file.display().to_string();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got[0].starts_with(&format!("Notice: `{label}` line 1: `published` `03/12/2019` is ambiguous: 3 December or 12 March 2019")), "{}", got[0]);
    assert!(
        got[0].ends_with("the document is read undated"),
        "{}",
        got[0]
    );
    assert_eq!(got[1], "doc a published=none");
    assert_eq!(got[2], "doc b published=2019-12-13");
}

#[test]
fn an_unreadable_published_is_named_and_the_document_read_undated() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"m1\", \"file\": \"one.txt\", \"published\": \"yesterday\"}\n{\"doc\": \"m2\", \"file\": \"two.txt\", \"published\": \"2019-13-45\"}\n",
    );
    write(directory.path(), "one.txt", SHELLING);
    write(directory.path(), "two.txt", RAID);
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let dir = directory.path().display().to_string();
    assert_eq!(
        got,
        vec![
            format!("Notice: `{dir}/one.txt`: `published` `yesterday` is not a date rasid reads (write it as YYYY-MM-DD, e.g. 2019-03-12): the document is read undated"),
            "doc m1 published=none".to_owned(),
            format!("Notice: `{dir}/two.txt`: `published` `2019-13-45` is not on the calendar: there is no month 13: the document is read undated"),
            "doc m2 published=none".to_owned(),
        ]
    );
}

#[test]
fn txt_files_without_a_manifest_are_said_undated_once_per_directory() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "a.txt", SHELLING);
    write(directory.path(), "b.txt", RAID);
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let dir = directory.path().display().to_string();
    assert_eq!(
        got,
        vec![
            format!("Notice: `{dir}`: no `manifest.jsonl`, so its `.txt` files are read without outlet or publication date (undated)"),
            "doc a published=none".to_owned(),
            "doc b published=none".to_owned(),
        ]
    );
}

#[test]
fn a_manifest_row_naming_a_missing_file_is_an_error_naming_its_line() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"here\", \"file\": \"here.txt\"}\n{\"doc\": \"gone\", \"file\": \"gone.txt\"}\n",
    );
    write(directory.path(), "here.txt", SHELLING);
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let dir = directory.path().display().to_string();
    assert_eq!(
        got,
        vec![
            format!("Failed: `{dir}/manifest.jsonl` line 2: names `gone.txt`, which is not in `{dir}`: nothing read for it"),
            "doc here published=none".to_owned(),
        ]
    );
}

#[test]
fn a_directory_of_pdf_and_word_files_is_named_with_its_files() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "report.pdf", b"%PDF-1.4 not read");
    write(directory.path(), "notes.docx", b"PK\x03\x04 not read");
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    let dir = directory.path().display().to_string();
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].starts_with(&format!("Skipped: `{dir}`: passed over 2 file(s) of a kind rasid does not read: `notes.docx`, `report.pdf`")),
        "{}",
        got[0]
    );
    assert!(
        got[0].contains("convert PDF or Word files to text first"),
        "{}",
        got[0]
    );
}

#[test]
fn an_english_document_is_skipped_as_not_arabic() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    fs::write(
        &file,
        jsonl_line(
            "en",
            "Five civilians were killed in shelling on the village on Monday.",
            "",
        ),
    )
    .expect("write");
    let got = items(&[path_arg(&file)], &ReaderOptions::default());
    let label = file.display().to_string();
    assert_eq!(
        got,
        vec![format!(
            "Skipped: `{label}` line 1: no Arabic text to read (0% of its letters are Arabic)"
        )]
    );
}

#[test]
fn a_french_document_marked_lang_fr_is_skipped_with_its_lang() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    fs::write(
        &file,
        jsonl_line(
            "fr",
            "Cinq civils ont été tués lundi dans un bombardement.",
            ", \"lang\": \"fr\"",
        ),
    )
    .expect("write");
    let got = items(&[path_arg(&file)], &ReaderOptions::default());
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("Skipped: ")
            && got[0].ends_with("(0% of its letters are Arabic; `lang` is `fr`)"),
        "{}",
        got[0]
    );
}

#[test]
fn arabic_text_marked_lang_en_is_read_as_arabic_after_a_notice() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wire.jsonl");
    fs::write(&file, jsonl_line("ar", SHELLING, ", \"lang\": \"en\"")).expect("write");
    let got = items(&[path_arg(&file)], &ReaderOptions::default());
    let label = file.display().to_string();
    assert_eq!(
        got,
        vec![
            format!(
                "Notice: `{label}` line 1: `lang` is `en`, but the text is Arabic: read as Arabic"
            ),
            "doc ar published=none".to_owned(),
        ]
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_little_endian_txt_with_a_bom_is_decoded() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"le\", \"file\": \"le.txt\"}\n",
    );
    write(directory.path(), "le.txt", utf16(SHELLING, false));
    let documents: Vec<_> = read_inputs(&[path_arg(directory.path())], &ReaderOptions::default())
        .collect::<Result<_, ReadError>>()
        .expect("decoded");
    assert_eq!(documents[0].text, SHELLING);
}

#[test]
fn utf16_big_endian_txt_with_a_bom_is_decoded() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"be\", \"file\": \"be.txt\"}\n",
    );
    write(directory.path(), "be.txt", utf16(RAID, true));
    let documents: Vec<_> = read_inputs(&[path_arg(directory.path())], &ReaderOptions::default())
        .collect::<Result<_, ReadError>>()
        .expect("decoded");
    assert_eq!(documents[0].text, RAID);
}

#[test]
fn utf16_jsonl_with_a_bom_is_decoded_line_by_line() {
    let directory = TempDir::new().expect("a temporary directory");
    let file = directory.path().join("wide.jsonl");
    let lines = [jsonl_line("w1", SHELLING, ""), jsonl_line("w2", CLASH, "")].concat();
    fs::write(&file, utf16(&lines, false)).expect("write");
    let documents: Vec<_> = read_inputs(&[path_arg(&file)], &ReaderOptions::default())
        .collect::<Result<_, ReadError>>()
        .expect("decoded");
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[1].text, CLASH);
    assert_eq!(documents[1].origin.line, Some(2));
}

#[test]
fn a_utf8_bom_is_stripped_from_a_txt_file() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"bom\", \"file\": \"bom.txt\"}\n",
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(CLASH.as_bytes());
    write(directory.path(), "bom.txt", bytes);
    let documents: Vec<_> = read_inputs(&[path_arg(directory.path())], &ReaderOptions::default())
        .collect::<Result<_, ReadError>>()
        .expect("read");
    assert_eq!(documents[0].text, CLASH);
}

#[test]
fn broken_utf16_is_named_as_such() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        "{\"doc\": \"bad\", \"file\": \"bad.txt\"}\n",
    );
    let mut bytes = utf16("قصف", false);
    bytes.extend_from_slice(&0xDC00_u16.to_le_bytes());
    write(directory.path(), "bad.txt", bytes);
    let got = items(&[path_arg(directory.path())], &ReaderOptions::default());
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("Failed: ") && got[0].contains("not valid UTF-16"),
        "{}",
        got[0]
    );
}
