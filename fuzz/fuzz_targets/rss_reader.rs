//! Reading any bytes as an RSS or Atom feed never panics and ends; every
//! document cites its item, in order, and has text; every error names the
//! file.

#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use rasid_docs::{Reader, ReaderOptions};

fuzz_target!(|data: &[u8]| {
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 1024,
        ..ReaderOptions::default()
    });
    let mut items = 0usize;
    let mut last_item = 0usize;
    for item in reader.read_feed(Cursor::new(data), "fuzz.rss") {
        items += 1;
        assert!(items <= data.len() + 1, "more items than bytes");
        match item {
            Ok(document) => {
                assert!(!document.text.trim().is_empty(), "a document without text");
                assert!(!document.id.is_empty(), "an empty id");
                let item = document
                    .origin
                    .line
                    .expect("a feed document cites its item");
                assert!(item > last_item, "items go forward");
                last_item = item;
            }
            Err(error) => {
                assert_eq!(error.path(), "fuzz.rss");
                assert!(error.to_string().starts_with("`fuzz.rss`"));
            }
        }
    }
});
