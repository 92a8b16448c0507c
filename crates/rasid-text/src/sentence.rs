//! Sentence boundaries over the normalised text.

use crate::Span;

/// A sentence: a byte range of the normalised text, end exclusive, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the **normalised** text.
    pub span: Span,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '؛' | '\n' | '…')
}

/// Splits normalised text into sentences at `. ؟ ? ! ؛ …` and line breaks.
///
/// A full stop between two digits ("1.5") does not end a sentence. Empty
/// sentences are skipped.
#[must_use]
pub fn sentences(normalized: &str) -> Vec<Sentence> {
    let bytes = normalized.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in normalized.char_indices() {
        // "_" after a space separates items of a news digest; inside a word it is a hashtag's space.
        let digest_item = c == '_' && i > 0 && bytes[i - 1] == b' ';
        if !is_terminal(c) && !digest_item {
            continue;
        }
        // "1.5" and "حمـ.ـاس" (a word broken by a stop to dodge filters) are not sentence ends.
        if c == '.'
            && normalized[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let end = i + c.len_utf8();
        push_trimmed(normalized, start, end, &mut out);
        start = end;
    }
    push_trimmed(normalized, start, normalized.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return;
    }
    let span = Span::new(start + lead, end - trail);
    if text[span.range()].chars().any(char::is_alphanumeric) {
        out.push(Sentence { span });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_arabic_and_latin_marks() {
        let s = "قتل 5. اصيب 1.5 مليون؟ نعم؛ لا\nثم";
        let got: Vec<_> = sentences(s).iter().map(|x| &s[x.span.range()]).collect();
        assert_eq!(got, ["قتل 5.", "اصيب 1.5 مليون؟", "نعم؛", "لا", "ثم"]);
    }
}
