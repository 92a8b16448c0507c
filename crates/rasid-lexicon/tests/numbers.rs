//! Properties of the number parser over the shipped number words, checked on
//! generated text: the three digit systems parse alike, spelled numbers
//! round-trip, and parsing never panics and always moves forward.

use proptest::prelude::*;
use rasid_lexicon::numbers::{parse_number, NumberMatch};
use rasid_text::{normalize_str, tokenize};

const CASES: u32 = 256;

// ---------------------------------------------------------------------------
// Generators

fn code_point(range: std::ops::RangeInclusive<u32>) -> impl Strategy<Value = char> {
    range.prop_map(|c| char::from_u32(c).expect("the ranges hold no surrogates"))
}

/// Any text: letters of the Arabic block, digits of three systems, marks
/// and punctuation, with some arbitrary Unicode (the text layer's own
/// properties test the normaliser on richer generators).
fn text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        6 => code_point(0x0600..=0x06FF),
        2 => code_point(0x30..=0x39),
        1 => prop::sample::select(vec![' ', '\n', '،', '.', ',', '-', '/']),
        1 => any::<char>(),
    ];
    prop::collection::vec(c, 0..120).prop_map(|chars| chars.into_iter().collect())
}

// ---------------------------------------------------------------------------
// Numbers in digits

fn parse_all(s: &str) -> Option<NumberMatch> {
    let text = normalize_str(s);
    let tokens = tokenize(&text);
    let number = parse_number(&text, &tokens, 0)?;
    // The whole string is the number.
    (number.end == tokens.len()).then_some(number)
}

// Any number type the properties generate; the value is only read.
#[allow(clippy::needless_pass_by_value)]
fn in_digits(n: impl ToString, zero: char) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero as u32 + d).expect("a digit"),
            None => c,
        })
        .collect()
}

/// "1234567" → "1,234,567".
fn grouped(n: u32, separator: char) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|group| group.iter().collect())
        .collect();
    groups.join(&separator.to_string())
}

const ZEROS: [char; 3] = ['0', '\u{0660}', '\u{06F0}'];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn every_digit_system_parses_alike(n in any::<u32>()) {
        for zero in ZEROS {
            let written = in_digits(n, zero);
            let number = parse_all(&written);
            prop_assert_eq!(number.map(|m| (m.value, m.digits, m.vague)), Some((u64::from(n), true, false)), "{}", written);
        }
    }

    #[test]
    fn grouped_digits_parse_alike(n in any::<u32>()) {
        for (zero, separator) in [('0', ','), ('\u{0660}', '\u{066C}'), ('\u{06F0}', '\u{066C}')] {
            let written = in_digits(grouped(n, separator), zero);
            prop_assert_eq!(parse_all(&written).map(|m| m.value), Some(u64::from(n)), "{}", written);
        }
    }

    #[test]
    fn digits_with_a_scale_word(n in 0u32..1_000_000, zero in prop::sample::select(ZEROS.to_vec())) {
        let thousands = format!("{} ألف", in_digits(n, zero));
        prop_assert_eq!(parse_all(&thousands).map(|m| m.value), Some(u64::from(n) * 1_000), "{}", thousands);
        let millions = format!("{} مليون", in_digits(n, zero));
        prop_assert_eq!(parse_all(&millions).map(|m| m.value), Some(u64::from(n) * 1_000_000), "{}", millions);
    }

    #[test]
    fn decimals_with_a_scale_word(n in 0u32..1_000, tenth in 1u32..10, zero in prop::sample::select(ZEROS.to_vec())) {
        let point = if zero == '0' { '.' } else { '\u{066B}' };
        let written = format!("{}{point}{} مليون", in_digits(n, zero), in_digits(tenth, zero));
        let expected = u64::from(n) * 1_000_000 + u64::from(tenth) * 100_000;
        prop_assert_eq!(parse_all(&written).map(|m| m.value), Some(expected), "{}", written);
    }
}

// ---------------------------------------------------------------------------
// Numbers in words

/// How a number is spelled: gender of the counted noun, case, spelling of مئة.
#[derive(Debug, Clone, Copy)]
struct Style {
    feminine: bool,
    /// Genitive or accusative: اثنين، عشرين، مئتين.
    oblique: bool,
    /// "مائة" rather than "مئة".
    old_hundred: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(feminine, oblique, old_hundred)| {
        Style {
            feminine,
            oblique,
            old_hundred,
        }
    })
}

const MASCULINE: Style = Style {
    feminine: false,
    oblique: false,
    old_hundred: false,
};

/// 1..=10 as a word.
fn unit(n: u32, style: Style) -> &'static str {
    const MASCULINE_UNITS: [&str; 10] = [
        "واحد",
        "اثنان",
        "ثلاثة",
        "أربعة",
        "خمسة",
        "ستة",
        "سبعة",
        "ثمانية",
        "تسعة",
        "عشرة",
    ];
    const FEMININE_UNITS: [&str; 10] = [
        "واحدة",
        "اثنتان",
        "ثلاث",
        "أربع",
        "خمس",
        "ست",
        "سبع",
        "ثماني",
        "تسع",
        "عشر",
    ];
    match (n, style.feminine, style.oblique) {
        (2, false, true) => "اثنين",
        (2, true, true) => "اثنتين",
        (_, false, _) => MASCULINE_UNITS[n as usize - 1],
        (_, true, _) => FEMININE_UNITS[n as usize - 1],
    }
}

/// 1..=99 in words: "ثلاثة", "ثلاثة عشر", "ثلاثة وعشرون".
fn below_hundred(n: u32, style: Style) -> String {
    const TENS_NOMINATIVE: [&str; 8] = [
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ];
    const TENS_OBLIQUE: [&str; 8] = [
        "عشرين",
        "ثلاثين",
        "أربعين",
        "خمسين",
        "ستين",
        "سبعين",
        "ثمانين",
        "تسعين",
    ];
    let ten = if style.feminine { "عشرة" } else { "عشر" };
    match n {
        1..=10 => unit(n, style).to_owned(),
        11 if style.feminine => "إحدى عشرة".to_owned(),
        11 => "أحد عشر".to_owned(),
        12 => {
            let two = match (style.feminine, style.oblique) {
                (false, false) => "اثنا",
                (false, true) => "اثني",
                (true, false) => "اثنتا",
                (true, true) => "اثنتي",
            };
            format!("{two} {ten}")
        }
        13..=19 => format!("{} {ten}", unit(n - 10, style)),
        20..=99 => {
            let tens = if style.oblique {
                TENS_OBLIQUE
            } else {
                TENS_NOMINATIVE
            }[n as usize / 10 - 2];
            match n % 10 {
                0 => tens.to_owned(),
                u => format!("{} و{tens}", unit(u, style)),
            }
        }
        _ => unreachable!("{n} is not below a hundred"),
    }
}

/// 100..=900 in one word: "مئة", "مئتان", "ثلاثمئة".
fn hundreds(h: u32, style: Style) -> String {
    const STEMS: [&str; 7] = ["ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"];
    let hundred = if style.old_hundred {
        "مائة"
    } else {
        "مئة"
    };
    let two = if style.old_hundred {
        "مائت"
    } else {
        "مئت"
    };
    match h {
        1 => hundred.to_owned(),
        2 if style.oblique => format!("{two}ين"),
        2 => format!("{two}ان"),
        _ => format!("{}{hundred}", STEMS[h as usize - 3]),
    }
}

/// 1..=999 in words: "مئة وخمسة", "ثلاثمئة وخمسة وعشرون".
fn below_thousand(n: u32, style: Style) -> String {
    let (h, rest) = (n / 100, n % 100);
    match (h, rest) {
        (0, _) => below_hundred(rest, style),
        (_, 0) => hundreds(h, style),
        _ => format!("{} و{}", hundreds(h, style), below_hundred(rest, style)),
    }
}

/// 1..=999_999 in words, as an outlet would write it before a noun:
/// "ثلاثة آلاف وخمسمئة", "مئتا ألف", "خمسة وعشرون ألفا وثلاثمئة".
fn spell(n: u32, style: Style) -> String {
    let (count, rest) = (n / 1000, n % 1000);
    // The count of thousands agrees with ألف (masculine); only the last part
    // agrees with the counted noun.
    let count_style = Style {
        feminine: false,
        ..style
    };
    let thousands = match count {
        0 => None,
        1 => Some("ألف".to_owned()),
        2 if style.oblique => Some("ألفين".to_owned()),
        2 => Some("ألفان".to_owned()),
        // Construct state: "مئتا ألف".
        200 => Some(
            match (style.old_hundred, style.oblique) {
                (false, false) => "مئتا ألف",
                (false, true) => "مئتي ألف",
                (true, false) => "مائتا ألف",
                (true, true) => "مائتي ألف",
            }
            .to_owned(),
        ),
        _ => {
            let noun = match count % 100 {
                3..=10 => "آلاف",
                11..=99 => "ألفا",
                _ => "ألف",
            };
            Some(format!("{} {noun}", below_thousand(count, count_style)))
        }
    };
    match (thousands, rest) {
        (Some(thousands), 0) => thousands,
        (Some(thousands), _) => format!("{thousands} و{}", below_thousand(rest, style)),
        (None, _) => below_thousand(rest, style),
    }
}

/// Decorates Arabic letters with the marks outlets add and the normaliser drops.
fn decorate(s: &str, marks: &[Option<char>]) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for (c, mark) in s.chars().zip(marks.iter().cycle()) {
        out.push(c);
        if let (true, Some(mark)) = (('\u{0621}'..='\u{064A}').contains(&c), mark) {
            out.push(*mark);
        }
    }
    out
}

fn marks() -> impl Strategy<Value = Vec<Option<char>>> {
    let mark = prop_oneof![
        code_point(0x064B..=0x0652),
        Just('\u{0640}'),
        Just('\u{200C}'),
    ];
    prop::collection::vec(prop::option::weighted(0.2, mark), 1..32)
}

#[test]
fn spelled_numbers_use_the_usual_forms() {
    for (n, style, written) in [
        (23, MASCULINE, "ثلاثة وعشرون"),
        (105, MASCULINE, "مئة وخمسة"),
        (3_500, MASCULINE, "ثلاثة آلاف وخمسمئة"),
        (200_000, MASCULINE, "مئتا ألف"),
        (25_300, MASCULINE, "خمسة وعشرون ألفا وثلاثمئة"),
        (
            11,
            Style {
                feminine: true,
                ..MASCULINE
            },
            "إحدى عشرة",
        ),
        (
            222,
            Style {
                oblique: true,
                old_hundred: true,
                ..MASCULINE
            },
            "مائتين واثنين وعشرين",
        ),
    ] {
        assert_eq!(spell(n, style), written);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn number_words_round_trip(n in 1u32..=999_999, style in style(), marks in marks()) {
        let written = decorate(&spell(n, style), &marks);
        let number = parse_all(&written);
        prop_assert_eq!(
            number.map(|m| (m.value, m.digits, m.vague)),
            Some((u64::from(n), false, false)),
            "{}", written
        );
    }

    #[test]
    fn small_number_words_round_trip(n in 1u32..=1_000, style in style()) {
        // Small values, where the irregular forms (11, 12, teens, hundreds) are dense.
        let written = spell(n, style);
        prop_assert_eq!(parse_all(&written).map(|m| m.value), Some(u64::from(n)), "{}", written);
    }

    #[test]
    fn a_number_stops_before_the_noun(n in 1u32..=999_999, style in style()) {
        let written = format!("{} مدنيا قتلوا", spell(n, style));
        let text = normalize_str(&written);
        let tokens = tokenize(&text);
        let number = parse_number(&text, &tokens, 0).expect("a number");
        prop_assert_eq!(number.value, u64::from(n), "{}", written);
        prop_assert_eq!(number.end, tokens.len() - 2, "{}", written);
    }
}

// ---------------------------------------------------------------------------
// The number parser on any sequence of tokens

fn number_tokens() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => prop::sample::select(vec![
            "و", "واحد", "واحده", "احد", "احدي", "واحدي", "اثنا", "اثنتين", "ثلاثه", "ثلاث",
            "ثماني", "عشر", "عشره", "عشرون", "وعشرين", "وتسعين", "مئه", "مائه", "ميه", "مئتا",
            "ثلاثمئه", "وخمسمائه", "الف", "الفا", "الفين", "الاف", "والف", "مليون", "مليونين",
            "ملايين", "مليار", "بليون", "عشرات", "العشرات", "مئات", "الالاف", "بضعه", "نصف",
            "ربع", "وخمسه", "بثلاثه", "لخمسه", "فسته", "الاحد", "قتل", "مدنيا", "،", ".", "0",
            "1,200", "1.5", "12.5", "1,2,3", "1.2.3", "18446744073709551615",
            "99999999999999999999",
        ])
        .prop_map(str::to_owned),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => "[0-9][0-9,.]{0,12}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..16).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn parsing_never_panics_and_moves_forward(s in prop_oneof![3 => number_tokens(), 1 => text()]) {
        let text = normalize_str(&s);
        let tokens = tokenize(&text);
        for start in 0..=tokens.len() + 1 {
            if let Some(number) = parse_number(&text, &tokens, start) {
                prop_assert!(number.end > start, "{number:?} at {start}");
                prop_assert!(number.end <= tokens.len(), "{number:?} at {start}");
                prop_assert!(!(number.vague && number.digits), "{number:?}");
            }
        }
    }
}
