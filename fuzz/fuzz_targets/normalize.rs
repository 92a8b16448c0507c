//! Normalising, tokenizing and splitting any text, and mapping every token
//! and sentence back to the original, never panics, and every span lands on
//! character boundaries of the original.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_text::{normalize_str, sentences, tokenize, Normalized};

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else {
        return;
    };
    let norm = Normalized::new(original);
    let text = norm.text();
    assert_eq!(
        normalize_str(text),
        text,
        "normalising twice changed the text"
    );
    let tokens = tokenize(text);
    let sentences = sentences(text);
    let ranges = tokens
        .iter()
        .map(|token| token.span)
        .chain(sentences.iter().map(|sentence| sentence.span));
    for range in ranges {
        assert!(range.end <= text.len() && text.is_char_boundary(range.start));
        assert!(text.is_char_boundary(range.end));
        let span = norm.to_original(range.range());
        assert!(span.start <= span.end && span.end <= original.len());
        assert!(
            original.is_char_boundary(span.start),
            "{span:?} starts inside a character"
        );
        assert!(
            original.is_char_boundary(span.end),
            "{span:?} ends inside a character"
        );
        assert_eq!(normalize_str(&original[span.range()]), &text[range.range()]);
    }
    for (offset, _) in original.char_indices() {
        assert!(text.is_char_boundary(norm.from_original(offset)));
    }
});
