//! Properties of the text layer, checked on generated text.
//!
//! Most generators are Arabic-heavy: letters, harakat, tatweel, three digit
//! systems, invisible marks, no-break spaces and punctuation, mixed with some
//! Latin and some arbitrary Unicode, because that is what outlets publish and
//! where offset bugs hide (multi-byte characters that are dropped or folded).

use proptest::prelude::*;
use proptest::sample::Index;
use rasid_text::{fold_char, normalize_str, sentences, tokenize, Normalized};

const CASES: u32 = 256;

// ---------------------------------------------------------------------------
// Generators

fn code_point(range: std::ops::RangeInclusive<u32>) -> impl Strategy<Value = char> {
    range.prop_map(|c| char::from_u32(c).expect("the ranges hold no surrogates"))
}

/// One character of an Arabic news text, or of its usual noise.
fn arabic_char() -> impl Strategy<Value = char> {
    prop_oneof![
        // Letters ء-ي.
        12 => code_point(0x0621..=0x064A),
        // Harakat, tanwin, shadda, sukun, hamza marks.
        4 => code_point(0x064B..=0x065F),
        // Tatweel.
        1 => Just('\u{0640}'),
        // ASCII, Arabic-Indic and Persian digits.
        2 => code_point(0x30..=0x39),
        2 => code_point(0x0660..=0x0669),
        2 => code_point(0x06F0..=0x06F9),
        // Spaces, invisible marks and the letters and signs the normaliser folds.
        4 => prop::sample::select(vec![
            ' ', ' ', ' ', '\n', '\u{00A0}', '\u{200C}', '\u{200D}', '\u{200F}', '\u{061C}',
            '\u{FEFF}', '\u{00AD}', '\u{202F}', '\u{0670}', '\u{0671}', '\u{06CC}', '\u{06A9}',
            '\u{06C0}', '\u{06D6}', '\u{066B}', '\u{066C}', '\u{066A}',
        ]),
        // Punctuation, Arabic and Latin.
        2 => prop::sample::select(vec![
            '.', ',', '،', '؛', '؟', '?', '!', '…', ':', '-', '(', ')', '"', '\'', '«', '»',
            '\u{201C}', '\u{201D}', '\u{2019}', '_', '/',
        ]),
        // Latin, both cases.
        2 => code_point(0x41..=0x5A),
        2 => code_point(0x61..=0x7A),
        // Anything at all.
        1 => any::<char>(),
    ]
}

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(arabic_char(), 0..120).prop_map(|chars| chars.into_iter().collect())
}

/// Arabic-heavy text most of the time, arbitrary Unicode some of the time.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => arabic_text(),
        1 => any::<String>(),
        1 => words_text(),
    ]
}

/// Real words (with clitics, numbers and punctuation) decorated with the
/// marks the normaliser drops, so tokens have several analyses and spans end
/// on dropped characters.
fn words_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "قُتل",
        "وأُصيب",
        "شهيداً",
        "والجرحى",
        "للمرصد",
        "بالغوطة",
        "وبحسب",
        "خمسةٌ",
        "وعشرون",
        "مئة",
        "آلاف",
        "عشرات",
        "٣٢",
        "۱۲۰",
        "1,200",
        "١٫٥",
        "مليون",
        "إلى",
        "حوالى",
        "قتـــلى",
        "«الصحة»",
        "،",
        ".",
        "؟",
        "\n",
        "و",
        "ال",
        "ب",
        "ول",
    ]);
    let separator = prop::sample::select(vec![" ", " ", " ", "\u{00A0}", "\u{200C}", "", "\n"]);
    prop::collection::vec((word, separator), 0..20).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, separator)| [word, separator])
            .collect()
    })
}

/// The byte offsets of `s` that are char boundaries, the end included.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

// ---------------------------------------------------------------------------
// Normalising

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn normalising_is_idempotent(s in text()) {
        let once = normalize_str(&s);
        prop_assert_eq!(normalize_str(&once), once.clone());
        let norm = Normalized::new(&s);
        prop_assert_eq!(norm.text(), once.as_str());
        let again = Normalized::new(norm.text());
        prop_assert_eq!(again.text(), norm.text());
    }

    #[test]
    fn every_folded_character_is_a_fixed_point(c in prop_oneof![arabic_char(), any::<char>()]) {
        if let Some(folded) = fold_char(c) {
            prop_assert_eq!(fold_char(folded), Some(folded));
        }
    }

    #[test]
    fn the_text_layer_never_panics(s in text()) {
        let norm = Normalized::new(&s);
        let text = norm.text();
        let tokens = tokenize(text);
        for token in &tokens {
            let _ = norm.to_original(token.span.range());
            let _ = token.forms(text).count();
            let _ = token.proclitics(text);
            let _ = token.without_proclitics(text);
        }
        for sentence in sentences(text) {
            let _ = norm.to_original(sentence.span.range());
        }
        for offset in 0..=s.len() + 2 {
            let _ = norm.from_original(offset);
        }
        // The tokenizer and the sentence splitter also take text that was not normalised.
        let _ = tokenize(&s);
        let _ = sentences(&s);
    }
}

// ---------------------------------------------------------------------------
// Spans back to the original

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn token_and_sentence_spans_are_char_boundaries_of_the_original(s in text()) {
        let norm = Normalized::new(&s);
        let text = norm.text();
        let ranges = tokenize(text)
            .iter()
            .map(|t| t.span)
            .chain(sentences(text).iter().map(|x| x.span))
            .collect::<Vec<_>>();
        for range in ranges {
            prop_assert!(range.start <= range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let span = norm.to_original(range.range());
            prop_assert!(span.start <= span.end, "{span:?}");
            prop_assert!(span.end <= s.len(), "{span:?} past {}", s.len());
            prop_assert!(s.is_char_boundary(span.start), "{span:?} start inside a character");
            prop_assert!(s.is_char_boundary(span.end), "{span:?} end inside a character");
        }
    }

    #[test]
    fn the_original_of_a_token_normalises_to_the_token(s in text()) {
        let norm = Normalized::new(&s);
        let text = norm.text();
        for token in tokenize(text) {
            let span = norm.to_original(token.span.range());
            prop_assert_eq!(normalize_str(&s[span.range()]), token.text(text));
        }
        for sentence in sentences(text) {
            let span = norm.to_original(sentence.span.range());
            prop_assert_eq!(normalize_str(&s[span.range()]), &text[sentence.span.range()]);
        }
    }

    #[test]
    fn any_normalised_range_maps_to_its_original(s in text(), a in any::<Index>(), b in any::<Index>()) {
        let norm = Normalized::new(&s);
        let text = norm.text();
        let cuts = boundaries(text);
        let (a, b) = (*a.get(&cuts), *b.get(&cuts));
        let (start, end) = (a.min(b), a.max(b));
        let span = norm.to_original(start..end);
        prop_assert!(span.start <= span.end && span.end <= s.len());
        prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
        prop_assert_eq!(normalize_str(&s[span.range()]), &text[start..end]);
    }

    #[test]
    fn from_original_round_trips_for_kept_characters(s in text()) {
        let norm = Normalized::new(&s);
        let text = norm.text();
        let mut previous = 0;
        for (offset, c) in s.char_indices() {
            let at = norm.from_original(offset);
            prop_assert!(at >= previous, "from_original is not monotone at {offset}");
            prop_assert!(text.is_char_boundary(at));
            previous = at;
            match fold_char(c) {
                Some(folded) => {
                    prop_assert!(text[at..].starts_with(folded), "{c:?} at {offset}");
                    let span = norm.to_original(at..at + folded.len_utf8());
                    prop_assert_eq!(span.start, offset);
                    prop_assert_eq!(&s[span.start..span.start + c.len_utf8()], c.to_string());
                }
                // A dropped character maps to the next kept one.
                None => {
                    prop_assert!(at == text.len() || norm.to_original(at..at).start > offset);
                }
            }
        }
        prop_assert_eq!(norm.from_original(s.len()), text.len());
    }
}

/// The map back as a plain table, the obvious way: for every byte of the
/// normalised text, the original offset of the character that produced it,
/// then the original's length. `Normalized` keeps a compact form of it.
fn reference_map(s: &str) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for (offset, c) in s.char_indices() {
        if let Some(folded) = fold_char(c) {
            text.push(folded);
            starts.resize(text.len(), offset);
        }
    }
    starts.push(s.len());
    (text, starts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_compact_map_equals_the_plain_table(s in text()) {
        let norm = Normalized::new(&s);
        let (text, starts) = reference_map(&s);
        prop_assert_eq!(norm.text(), text.as_str());
        for at in boundaries(&text) {
            prop_assert_eq!(norm.to_original(at..at).start, starts[at], "normalised offset {}", at);
        }
        for offset in 0..=s.len() + 1 {
            let target = offset.min(s.len());
            let expected = starts.partition_point(|&o| o < target);
            prop_assert_eq!(norm.from_original(offset), expected, "original offset {}", offset);
        }
    }
}

/// Sentence ends the obvious way, character by character: the splitter
/// jumps between candidate bytes instead and must cut at the same places.
fn reference_sentence_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    for (i, c) in text.char_indices() {
        let digest_item = c == '_' && i > 0 && bytes[i - 1] == b' ';
        if !matches!(c, '.' | '؟' | '?' | '!' | '؛' | '\n' | '…') && !digest_item {
            continue;
        }
        if c == '.'
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        ends.push(i + c.len_utf8());
    }
    ends
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn sentences_end_where_the_plain_scan_ends_them(s in text()) {
        let text = normalize_str(&s);
        let ends = reference_sentence_ends(&text);
        for sentence in sentences(&text) {
            // Each sentence ends at a cut (or the text's end) once spaces are trimmed.
            let cut = ends
                .iter()
                .copied()
                .chain(std::iter::once(text.len()))
                .find(|&e| e >= sentence.span.end)
                .expect("the end of the text is a cut");
            prop_assert!(text[sentence.span.end..cut].trim().is_empty(), "{:?} ends before {}", sentence.span, cut);
            // And no cut falls inside it.
            prop_assert!(!ends.iter().any(|&e| sentence.span.start < e && e < sentence.span.end), "a cut inside {:?}", sentence.span);
        }
    }
}
