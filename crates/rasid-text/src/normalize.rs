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

/// What normalising does to one character of the Arabic block U+0600–U+06FF,
/// looked up instead of matched: most characters of an article are there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fold {
    Keep,
    Drop,
    Into(char),
}

/// [`fold_char`] over U+0600–U+06FF, built from it (so the two cannot differ).
static ARABIC_BLOCK: std::sync::LazyLock<[Fold; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [Fold::Keep; 256];
    for (slot, code) in table.iter_mut().zip(0x0600u32..) {
        let c = char::from_u32(code).expect("the Arabic block holds no surrogates");
        *slot = match fold_char(c) {
            None => Fold::Drop,
            Some(f) if f == c => Fold::Keep,
            Some(f) => Fold::Into(f),
        };
    }
    table
});

/// A normalised view of an original text and the way back to its bytes.
///
/// The map back is a list of checkpoints: normalised and original offsets
/// advance together between two checkpoints, and a new one starts where a
/// dropped mark or a character of another length shifts them. An article
/// with few marks needs few checkpoints, and building the view copies runs
/// of unchanged text at once.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    /// `(normalised offset, original offset)`, both increasing: the kept
    /// character at normalised offset `n` with `n0 <= n` for the last
    /// checkpoint `(n0, o0)` came from original offset `o0 + (n - n0)`. The
    /// end of the text maps to the end of the original.
    checkpoints: Vec<(u32, u32)>,
}

/// Builds the checkpoint list while the normalised text grows.
struct Checkpoints {
    list: Vec<(u32, u32)>,
    /// `original - normalised` offset in the current stretch.
    shift: u32,
}

impl Checkpoints {
    /// The character about to be written at `normalized` came from `original`.
    #[allow(clippy::cast_possible_truncation)] // documents are under 4 GiB (asserted)
    fn at(&mut self, normalized: usize, original: usize) {
        // Normalising never lengthens a character, so original >= normalised.
        let shift = (original - normalized) as u32;
        if shift != self.shift {
            self.shift = shift;
            let point = (normalized as u32, original as u32);
            match self.list.last_mut() {
                Some(last) if last.0 == point.0 => *last = point,
                _ => self.list.push(point),
            }
        }
    }
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
        let arabic = &*ARABIC_BLOCK;
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = Checkpoints {
            list: vec![(0, 0)],
            shift: 0,
        };
        // Original bytes [run, i) are unchanged and not yet copied.
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (len, fold) = if b < 0x80 {
                if !b.is_ascii_uppercase() {
                    i += 1;
                    continue;
                }
                (1, Fold::Into(char::from(b.to_ascii_lowercase())))
            } else if (0xD8..=0xDB).contains(&b) {
                // Two bytes: U+0600–U+06FF.
                let code = (usize::from(b & 0x03) << 6) | usize::from(bytes[i + 1] & 0x3F);
                match arabic[code] {
                    Fold::Keep => {
                        i += 2;
                        continue;
                    }
                    fold => (2, fold),
                }
            } else {
                let c = original[i..].chars().next().expect("i is a char boundary");
                match fold_char(c) {
                    Some(f) if f == c => {
                        i += c.len_utf8();
                        continue;
                    }
                    Some(f) => (c.len_utf8(), Fold::Into(f)),
                    None => (c.len_utf8(), Fold::Drop),
                }
            };
            if run < i {
                checkpoints.at(text.len(), run);
                text.push_str(&original[run..i]);
            }
            if let Fold::Into(f) = fold {
                checkpoints.at(text.len(), i);
                text.push(f);
            }
            i += len;
            run = i;
        }
        if run < bytes.len() {
            checkpoints.at(text.len(), run);
            text.push_str(&original[run..]);
        }
        checkpoints.at(text.len(), original.len());
        Self {
            original,
            text,
            checkpoints: checkpoints.list,
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

    /// The original offset of the character at normalised offset `at` (the
    /// character holding it, when `at` is inside one); the end maps to the
    /// end.
    fn original_at(&self, mut at: usize) -> usize {
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        #[allow(clippy::cast_possible_truncation)] // documents are under 4 GiB
        let key = at as u32;
        let k = self.checkpoints.partition_point(|&(n, _)| n <= key) - 1;
        let (n, o) = self.checkpoints[k];
        (o + (key - n)) as usize
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
        let start = self.original_at(range.start);
        if range.start == range.end {
            return Span::new(start, start);
        }
        // Only dropped characters lie between the last kept character and the
        // next one, and they belong to the last one.
        let end = self.original_at(range.end);
        Span::new(start, end.max(start))
    }

    /// Maps an original byte offset to the normalised offset of the first kept
    /// character at or after it.
    #[must_use]
    pub fn from_original(&self, offset: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let target = offset.min(self.original.len()) as u32;
        // The first checkpoint at or past the target, and the stretch before it.
        let k = self.checkpoints.partition_point(|&(_, o)| o < target);
        let next = self
            .checkpoints
            .get(k)
            .map_or(self.text.len(), |&(n, _)| n as usize);
        if k == 0 {
            return next;
        }
        let (n, o) = self.checkpoints[k - 1];
        let mut at = (n + (target - o)) as usize;
        if at >= next {
            return next;
        }
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }
}
