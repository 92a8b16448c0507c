//! Reading any bytes as a WARC file (plain or gzip'd) never panics and ends;
//! every document cites a record and has text; every error names the file
//! and, past the start, a record with an offset inside the input.

#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use rasid_docs::{ReadError, Reader, ReaderOptions};

fuzz_target!(|data: &[u8]| {
    // A small limit so that oversized payloads are reached as well.
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 4096,
        ..ReaderOptions::default()
    });
    let mut items = 0usize;
    let mut last_record = 0usize;
    for item in reader.read_warc(Cursor::new(data), "fuzz.warc") {
        items += 1;
        // A record takes at least a few bytes, so the count is bounded.
        assert!(items <= data.len() + 1, "more items than bytes");
        match item {
            Ok(document) => {
                assert!(!document.text.trim().is_empty(), "a document without text");
                assert!(!document.id.is_empty(), "an empty id");
                let record = document
                    .origin
                    .line
                    .expect("a WARC document cites its record");
                assert!(record > last_record, "records go forward");
                last_record = record;
            }
            Err(error) => {
                assert_eq!(error.path(), "fuzz.warc");
                assert!(error.to_string().starts_with("`fuzz.warc`"));
                if let ReadError::BadRecord { record, offset, .. } = &error {
                    assert!(*record >= last_record && *record >= 1);
                    assert!(
                        *offset <= data.len() as u64,
                        "offset {offset} past the input"
                    );
                    last_record = *record;
                }
            }
        }
    }
});
