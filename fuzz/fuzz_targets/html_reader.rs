//! Reading any bytes as an HTML page never panics, overflows the stack or
//! hangs, and gives either a document whose text is non-empty and within the
//! limit's reach, or one error naming the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_docs::{Reader, ReaderOptions};

fuzz_target!(|data: &[u8]| {
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 64 * 1024,
        ..ReaderOptions::default()
    });
    match reader.read_html(data, "fuzz.html") {
        Ok(document) => {
            assert!(!document.text.trim().is_empty(), "a document without text");
            assert_eq!(document.id, "fuzz");
            assert_eq!(document.origin.line, None);
            if let Some((_, month, day)) = document.published_date() {
                assert!((1..=12).contains(&month) && (1..=31).contains(&day));
            }
        }
        Err(error) => {
            assert_eq!(error.path(), "fuzz.html");
            assert!(error.to_string().starts_with("`fuzz.html`"));
        }
    }
});
