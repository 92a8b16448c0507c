//! Reading a number at every token of any normalised text never panics and
//! always moves forward within the tokens.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_lexicon::numbers::parse_number;
use rasid_text::{normalize_str, tokenize};

fuzz_target!(|data: &[u8]| {
    let text = normalize_str(&String::from_utf8_lossy(data));
    let tokens = tokenize(&text);
    for start in 0..=tokens.len() {
        if let Some(number) = parse_number(&text, &tokens, start) {
            assert!(number.end > start, "{number:?} does not move past {start}");
            assert!(
                number.end <= tokens.len(),
                "{number:?} past {} tokens",
                tokens.len()
            );
        }
    }
});
