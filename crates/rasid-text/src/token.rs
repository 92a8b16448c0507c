//! Tokens over the normalised text, each word with its proclitic analyses.
//!
//! Arabic writes conjunctions, prepositions and the article on the word:
//! "وبحسب" is و + بحسب, "للمرصد" is ل + (ال)مرصد, "بالغوطة" is ب + ال + غوطة.
//! Splitting is ambiguous ("وزارة" is not و + زارة), so a token keeps every
//! analysis whose stem has at least two letters, longest first, and matchers
//! try each. A wrong analysis costs nothing unless a lexicon holds its stem.

use crate::morphology::{Detached, Proclitics};
use crate::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits, with `,` or `.` between digits.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

/// Maximum number of analyses a word keeps.
const MAX_FORMS: usize = 5;

/// A token: its place in the normalised text and its analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the **normalised** text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// Offsets (from the token's start) where each analysis' stem begins; the
    /// first is always 0 (the whole word).
    stems: [u8; MAX_FORMS],
    forms: u8,
    /// Offset of the stem once conjunction and preposition are removed (the
    /// article, if any, stays): "وبالغوطة" → "الغوطة".
    clitic_end: u8,
    /// Whether the word starts with a conjunction و or ف that was split off.
    conjunction: bool,
}

impl Token {
    /// The token's normalised text.
    #[must_use]
    pub fn text<'t>(&self, normalized: &'t str) -> &'t str {
        &normalized[self.span.range()]
    }

    /// Every analysis of the word, longest first: "والجرحى" → "والجرحى",
    /// "الجرحى", "جرحى". Numbers and punctuation have one.
    pub fn forms<'t>(&self, normalized: &'t str) -> impl Iterator<Item = &'t str> + 't {
        let text = self.text(normalized);
        let stems = self.stems;
        (0..usize::from(self.forms)).map(move |i| &text[usize::from(stems[i])..])
    }

    /// The word without conjunction and preposition (the article stays):
    /// "وبالغوطة" → "الغوطة", "للمرصد" → "المرصد" is not a substring and
    /// gives "مرصد".
    #[must_use]
    pub fn without_proclitics<'t>(&self, normalized: &'t str) -> &'t str {
        &self.text(normalized)[usize::from(self.clitic_end)..]
    }

    /// The proclitics split off the word ("وب" for "وبحسب").
    #[must_use]
    pub fn proclitics<'t>(&self, normalized: &'t str) -> &'t str {
        &self.text(normalized)[..usize::from(self.clitic_end)]
    }

    /// Whether the word carries the conjunction و or ف.
    #[must_use]
    pub fn has_conjunction(&self) -> bool {
        self.conjunction
    }

    /// The proclitics of the analysis that strips `stripped` bytes from the
    /// start of the word (a phrase match reports how many): "وبال"
    /// for "وبالغوطه" stripped to "غوطه". Empty when `stripped` is 0 or is not
    /// the end of a run of proclitics.
    #[must_use]
    pub fn proclitics_of(&self, normalized: &str, stripped: usize) -> Proclitics {
        self.text(normalized)
            .get(..stripped)
            .and_then(Proclitics::parse)
            .unwrap_or_default()
    }

    /// A proclitic written as a word of its own ("و"، "بـ"، "الـ").
    #[must_use]
    pub fn detached(&self, normalized: &str) -> Option<Detached> {
        if self.kind != TokenKind::Word {
            return None;
        }
        Detached::parse(self.text(normalized))
    }

    /// Whether the word, once conjunction and preposition are off, has the
    /// article: "والقتلى" yes, "قتلى" and "بقتلى" no.
    #[must_use]
    pub fn is_definite(&self, normalized: &str) -> bool {
        self.without_proclitics(normalized)
            .starts_with(crate::morphology::ARTICLE)
    }

    /// Whether the token is this punctuation character.
    #[must_use]
    pub fn is_punct(&self, normalized: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text(normalized).starts_with(c)
    }
}

fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        // The Arabic letters (the normaliser has removed the marks).
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' => true,
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphabetic(),
    }
}

/// What a character starts: a word, a number, a punctuation token, or nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Digit,
    Letter,
    Other,
}

/// The class and length of the character at byte `i` (a char boundary):
/// ASCII and the Arabic block by their bytes, the rest by decoding.
// The tokeniser's innermost call, per character; inlined everywhere on purpose.
#[allow(clippy::inline_always)]
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        let class = match b {
            b'0'..=b'9' => Class::Digit,
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b' ' | b'\n' | b'\t' | b'\r' | 0x0B | 0x0C => Class::Space,
            _ => Class::Other,
        };
        return (class, 1);
    }
    if (0xD8..=0xDB).contains(&b) {
        // U+0600–U+06FF.
        let code = 0x0600 | (u32::from(b & 0x03) << 6) | u32::from(bytes[i + 1] & 0x3F);
        let letter = matches!(code, 0x0621..=0x064A | 0x066E..=0x06D3 | 0x06FA..=0x06FF);
        return (if letter { Class::Letter } else { Class::Other }, 2);
    }
    let c = text[i..].chars().next().expect("i is a char boundary");
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_letter(c) {
        Class::Letter
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Splits normalised text into tokens.
#[must_use]
pub fn tokenize(normalized: &str) -> Vec<Token> {
    let bytes = normalized.as_bytes();
    let mut tokens = Vec::with_capacity(normalized.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let (class, len) = class_at(normalized, i);
        match class {
            Class::Space => i += len,
            Class::Digit => {
                let mut end = start + 1;
                loop {
                    match bytes.get(end) {
                        Some(b) if b.is_ascii_digit() => end += 1,
                        Some(b'.' | b',') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                            end += 2;
                        }
                        _ => break,
                    }
                }
                tokens.push(simple(start, end, TokenKind::Number));
                i = end;
            }
            Class::Letter => {
                let mut end = start + len;
                while end < bytes.len() {
                    let (class, len) = class_at(normalized, end);
                    if class != Class::Letter {
                        break;
                    }
                    end += len;
                }
                tokens.push(word(normalized, start, end));
                i = end;
            }
            Class::Other => {
                tokens.push(simple(start, start + len, TokenKind::Punct));
                i += len;
            }
        }
    }
    tokens
}

fn simple(start: usize, end: usize, kind: TokenKind) -> Token {
    Token {
        span: Span::new(start, end),
        kind,
        stems: [0; MAX_FORMS],
        forms: 1,
        clitic_end: 0,
        conjunction: false,
    }
}

/// The two UTF-8 bytes of the letters a proclitic is made of.
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const LAM: [u8; 2] = [0xD9, 0x84];
const KAF: [u8; 2] = [0xD9, 0x83];
const ALEF: [u8; 2] = [0xD8, 0xA7];

/// Analyses a word: [و|ف]? [ب|ل|ك]? (ال)?, or [و|ف]? لل, stem ≥ 2 letters.
///
/// Every proclitic letter is two bytes in UTF-8, so the analysis compares
/// bytes; a stem starts at a char boundary and "two letters" means its
/// first character is not all of it.
fn word(normalized: &str, start: usize, end: usize) -> Token {
    let text = &normalized[start..end];
    let bytes = text.as_bytes();
    let mut token = simple(start, end, TokenKind::Word);
    if bytes.len() > usize::from(u8::MAX) {
        return token;
    }
    // Most words start with none of و ف ب ل ك ا, and so have one analysis.
    if !matches!(
        bytes,
        [0xD9, 0x88 | 0x81 | 0x84 | 0x83, ..] | [0xD8, 0xA8 | 0xA7, ..]
    ) {
        return token;
    }
    let letter_at = |at: usize, letter: [u8; 2]| bytes.get(at..at + 2) == Some(&letter[..]);
    let two_letters = |at: usize| match bytes.get(at) {
        Some(&lead) => bytes.len() > at + utf8_len(lead),
        None => false,
    };
    let push = |token: &mut Token, at: usize| {
        #[allow(clippy::cast_possible_truncation)] // bytes.len() <= 255 checked above
        let at8 = at as u8;
        let forms = usize::from(token.forms);
        if two_letters(at) && forms < MAX_FORMS && !token.stems[..forms].contains(&at8) {
            token.stems[forms] = at8;
            token.forms += 1;
        }
    };
    let mut best_clitic_end = 0;
    let conjunction = (letter_at(0, WAW) || letter_at(0, FA)).then_some(2);
    for after_conj in std::iter::once(0).chain(conjunction) {
        let preposition = if letter_at(after_conj, BA) || letter_at(after_conj, KAF) {
            Some((after_conj + 2, false))
        } else if letter_at(after_conj, LAM) {
            Some((after_conj + 2, true))
        } else {
            None
        };
        for (after_prep, is_lam) in std::iter::once((after_conj, false)).chain(preposition) {
            if after_prep > 0 {
                push(&mut token, after_prep);
            }
            let article_end = if letter_at(after_prep, ALEF) && letter_at(after_prep + 2, LAM) {
                Some(after_prep + 4)
            } else if is_lam && letter_at(after_prep, LAM) {
                // "لل" = ل + ال with the alef dropped: "للمرصد".
                Some(after_prep + 2)
            } else {
                None
            };
            if after_prep > best_clitic_end && two_letters(after_prep) {
                best_clitic_end = after_prep;
            }
            if let Some(at) = article_end {
                push(&mut token, at);
            }
        }
        if after_conj > 0 {
            token.conjunction = two_letters(after_conj);
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    {
        token.clitic_end = best_clitic_end as u8;
    }
    // Longest first.
    let n = usize::from(token.forms);
    token.stems[..n].sort_unstable();
    token
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(s: &str) -> Vec<Vec<String>> {
        tokenize(s)
            .iter()
            .map(|t| t.forms(s).map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let s = "قتل 1,200 مدني، و12.5";
        let kinds: Vec<_> = tokenize(s).iter().map(|t| (t.text(s), t.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("قتل", TokenKind::Word),
                ("1,200", TokenKind::Number),
                ("مدني", TokenKind::Word),
                ("،", TokenKind::Punct),
                ("و", TokenKind::Word),
                ("12.5", TokenKind::Number),
            ]
        );
    }

    #[test]
    fn clitics_give_every_analysis() {
        assert_eq!(forms("والجرحى")[0], ["والجرحى", "الجرحى", "جرحى"]);
        assert_eq!(forms("للمرصد")[0], ["للمرصد", "لمرصد", "مرصد"]);
        assert_eq!(forms("وبحسب")[0], ["وبحسب", "بحسب", "حسب"]);
        assert_eq!(forms("بالغوطه")[0], ["بالغوطه", "الغوطه", "غوطه"]);
    }

    #[test]
    fn proclitics_of_the_primary_analysis() {
        let s = "وبالغوطه";
        let t = tokenize(s)[0];
        assert_eq!(t.proclitics(s), "وب");
        assert_eq!(t.without_proclitics(s), "الغوطه");
        assert!(t.has_conjunction());
    }

    #[test]
    fn short_stems_are_not_split() {
        // "وب" would leave nothing; "ول" keeps itself.
        assert_eq!(forms("ول")[0], ["ول"]);
        assert_eq!(forms("بين")[0], ["بين", "ين"]);
    }
}
