//! Sentence boundaries over the normalised text.

use crate::Span;

/// A sentence: a byte range of the normalised text, end exclusive, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the **normalised** text.
    pub span: Span,
}

/// The last bytes of a sentence end or a digest item's "_".
const MAY_END: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = [b'.', b'?', b'!', b'\n', b'_', 0x9B, 0x9F, 0xA6];
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

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
    // Every terminal is ASCII, ؟ or ؛ (0xD8 0x9F, 0xD8 0x9B) or … (0xE2 0x80
    // 0xA6): the scan jumps between the bytes that end one, and decodes only
    // there (most Arabic letters start with 0xD8 or 0xD9, few end so).
    let mut from = 0;
    while let Some(found) = bytes[from..].iter().position(|&b| MAY_END[usize::from(b)]) {
        let last = from + found;
        from = last + 1;
        let i = match bytes[last] {
            0x9B | 0x9F if last >= 1 && bytes[last - 1] == 0xD8 => last - 1,
            0xA6 if last >= 2 && bytes[last - 2..last] == [0xE2, 0x80] => last - 2,
            0x9B | 0x9F | 0xA6 => continue,
            _ => last,
        };
        let Some(c) = normalized.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
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
