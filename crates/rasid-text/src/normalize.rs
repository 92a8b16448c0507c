//! The normalised view used for matching, with its map back to the original.
//!
//! Rules are applied one character at a time and each original character gives
//! at most one normalised character, so the map is a plain table: for every byte
//! of the normalised text, the offset of the original character that produced
//! it. Characters that are dropped (diacritics, tatweel, invisible marks) belong
//! to the character before them, so a span ending on "شهيدا" still ends after
//! the tanwin of "شهيداً" in the original.

use crate::Span;

/// Folds one character for matching; `None` drops it.
///
/// Lossless rules (digits, spaces) and lossy ones (letter folding) are listed
/// in the order a reader checks them. Every output is a fixed point, so
/// normalising twice changes nothing.
#[must_use]
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // Arabic-Indic ٠-٩ and Persian/Urdu ۰-۹ digits: ASCII, so "٣٢" and "32" parse alike.
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        // ٫ decimal separator, ٬ thousands separator, ٪ percent.
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        '\u{066A}' => '%',
        // Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks: "شهيداً" → "شهيدا".
        // Known false positive: none for matching; vocalisation never decides a rule here.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' => return None,
        // Tatweel: "قتـــلى" → "قتلى".
        '\u{0640}' => return None,
        // Zero-width and bidi controls, BOM, soft hyphen, Arabic letter mark.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{061C}' => return None,
        // No-break and typographic spaces.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        // Hamza-carrying alefs and alef wasla: "أكثر" → "اكثر", "إن" → "ان", "آلاف" → "الاف".
        // Known false positive: "أن"/"إن" become one form; rules that care use the context.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
        // Alef maqsura → yeh: "إلى"/"الى"/"إلي" spelled alike; "حوالى" = "حوالي".
        '\u{0649}' | '\u{06CC}' => '\u{064A}',
        // Ta marbuta → heh: "مئة"/"مئه", "خمسة"/"خمسه" (outlets drop the dots).
        '\u{0629}' | '\u{06C0}' => '\u{0647}',
        // Persian kaf.
        '\u{06A9}' => '\u{0643}',
        // Quotation marks: one form, so quote rules need one pattern.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' => '\'',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

/// Normalises a short string (a lexicon entry, a query) without keeping the map.
#[must_use]
pub fn normalize_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// A normalised view of an original text and the way back to its bytes.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    /// For each byte of `text` (plus one past the end): the original byte offset
    /// of the character that produced it.
    starts: Vec<u32>,
}

impl<'a> Normalized<'a> {
    /// Normalises `original`.
    ///
    /// # Panics
    /// When `original` is 4 GiB or more: offsets are stored as `u32`. Readers
    /// refuse such documents before they get here.
    #[must_use]
    pub fn new(original: &'a str) -> Self {
        assert!(u32::try_from(original.len()).is_ok(), "document over 4 GiB");
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len() + 1);
        for (offset, c) in original.char_indices() {
            if let Some(folded) = fold_char(c) {
                text.push(folded);
                #[allow(clippy::cast_possible_truncation)] // checked above
                let at = offset as u32;
                starts.resize(text.len(), at);
            }
        }
        #[allow(clippy::cast_possible_truncation)]
        starts.push(original.len() as u32);
        Self {
            original,
            text,
            starts,
        }
    }

    /// The normalised text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original text.
    #[must_use]
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Maps a byte range of the normalised text to the original bytes.
    ///
    /// The end reaches up to the next kept character, so dropped marks that
    /// follow the last character (tanwin, shadda, tatweel) stay inside.
    ///
    /// # Panics
    /// When the range is out of bounds of the normalised text.
    #[must_use]
    pub fn to_original(&self, range: std::ops::Range<usize>) -> Span {
        assert!(range.start <= range.end && range.end <= self.text.len());
        let start = self.starts[range.start] as usize;
        if range.start == range.end {
            return Span::new(start, start);
        }
        // Only dropped characters lie between the last kept character and the
        // next one, and they belong to the last one.
        let end = self.starts[range.end] as usize;
        Span::new(start, end.max(start))
    }

    /// Maps an original byte offset to the normalised offset of the first kept
    /// character at or after it.
    #[must_use]
    pub fn from_original(&self, offset: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let target = offset.min(self.original.len()) as u32;
        self.starts.partition_point(|&s| s < target)
    }
}
