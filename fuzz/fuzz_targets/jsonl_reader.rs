//! Reading any bytes as JSON Lines never panics, ends, gives at most one item
//! per line (plus one for an input without document lines), and every document
//! it gives has text and cites a line that exists.

#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use rasid_docs::{Reader, ReaderOptions};

fuzz_target!(|data: &[u8]| {
    // A small limit so that overlong lines are reached as well.
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 512,
        ..ReaderOptions::default()
    });
    let lines = data.split(|&byte| byte == b'\n').count();
    let mut items = 0;
    let mut notice_before = false;
    for item in reader.read_jsonl(Cursor::new(data), "fuzz.jsonl") {
        items += 1;
        // A line gives its document, or its error, after at most two notices.
        assert!(items <= 3 * lines + 1, "more items than lines");
        let follows = item.as_ref().is_err_and(|error| error.document_follows());
        assert!(!notice_before || follows || item.is_ok(), "a notice not followed by its document");
        notice_before = follows;
        match item {
            Ok(document) => {
                assert!(!document.text.trim().is_empty(), "a document without text");
                assert!(document.text.len() <= 512, "a document over the limit");
                let line = document.origin.line.expect("a JSON line cites its line");
                assert!((1..=lines).contains(&line), "line {line} of {lines}");
                assert!(!document.id.is_empty(), "an empty id");
                if let Some(published) = &document.published {
                    // Read at the edge: a date on the calendar, in ISO 8601.
                    let (_, month, day) = document
                        .published_date()
                        .unwrap_or_else(|| panic!("`{published}` given as a date"));
                    assert!((1..=12).contains(&month) && (1..=31).contains(&day));
                }
            }
            Err(error) => {
                assert_eq!(error.path(), "fuzz.jsonl");
                assert!(error.to_string().starts_with("`fuzz.jsonl`"));
            }
        }
    }
});
