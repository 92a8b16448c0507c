//! Arabic numbers: digits, words in every gender and case, compounds, mixed
//! forms and vague quantities.
//!
//! The parser reads tokens of the normalised text (so "٣٢" is already "32" and
//! "مئة"/"مائة" are "مئه"/"مائه") starting at a given token and returns the
//! value and the token where the number ends. It knows nothing of what is
//! counted: that is for the recognisers. The words are those of
//! `data/lexicons/numbers.tsv` ([`NumberWords`]); the parser holds the grammar
//! that combines them.
//!
//! | written | value |
//! |---|---|
//! | ثلاثة / ثلاث | 3 |
//! | خمسة وعشرون / خمس وعشرين | 25 |
//! | مئة / مائة / مئتين / ثلاثمئة | 100 / 100 / 200 / 300 |
//! | ألف / ألفا / ألفين / ثلاثة آلاف | 1000 / 1000 / 2000 / 3000 |
//! | 150 ألفا / 1.5 مليون / نصف مليون | 150000 / 1500000 / 500000 |
//! | عشرات / مئات / آلاف / عشرات الآلاف | vague: 20 / 200 / 2000 / 20000 |

use rustc_hash::{FxHashMap, FxHashSet};

use rasid_text::morphology::{Conjunction, Detached, Preposition};
use rasid_text::{Token, TokenKind};

use crate::table::{Schema, Table};
use crate::DataError;

/// A number read from tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberMatch {
    /// The value; for a vague quantity, the smallest value the word can mean.
    pub value: u64,
    /// Index of the first token after the number.
    pub end: usize,
    /// Whether the quantity is vague (عشرات، مئات، آلاف، بضعة).
    pub vague: bool,
    /// Whether the number is written with digits (possibly with a scale word).
    pub digits: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 1-9 (and 10, which also forms teens).
    Unit(u64),
    /// 20, 30, ... 90.
    Tens(u64),
    /// 100, 200, 300 ... 900 as one word.
    Hundreds(u64),
    /// A scale that multiplies what precedes it (ألف، مليون، مليار); `dual`
    /// forms stand alone for twice the scale.
    Scale {
        value: u64,
        dual: bool,
        plural: bool,
    },
    /// عشرات، مئات، بضعة … (vague, smallest meaning).
    Vague(u64),
    /// نصف / ربع: a fraction of the following scale.
    Fraction { numerator: u64, denominator: u64 },
}

#[derive(Debug, Clone, Copy)]
struct Form {
    word: Word,
    with_and: bool,
}

/// The number words of `numbers.tsv`, ready for the parser.
#[derive(Debug, Clone, Default)]
pub struct NumberWords {
    /// Every written form of a number word, with and without one proclitic
    /// ("وعشرون", "بثلاثه", "لخمسه"): what it is and whether it carries "و".
    /// One hash lookup per token; a word read whole wins over the same
    /// letters read as proclitic + word.
    forms: FxHashMap<String, Form>,
    /// The "one" of "أحد عشر" (bare).
    ones_before_ten: FxHashSet<String>,
    /// Units of value 10, bare: what makes "أحد" count.
    tens_words: FxHashSet<String>,
    /// Where each word was listed, for explanations: (word, line).
    lines: FxHashMap<String, usize>,
}

/// The kinds of `numbers.tsv`.
#[derive(Clone, Copy)]
enum Kind {
    Unit,
    Tens,
    Hundreds,
    HundredsUnit,
    Scale,
    ScaleDual,
    ScalePlural,
    Vague,
    Fraction,
    OneBeforeTen,
}

/// The columns of `numbers.tsv`.
pub const SCHEMA: Schema<'static> = Schema::new(&["phrase", "kind", "value"]).example_of("phrase");

/// The proclitics a number word may carry, in the order they are tried: the
/// conjunctions, then the prepositions ب and ل ("بثلاثة"، "لخمسة"; not ك).
fn number_proclitic(detached: Detached) -> Option<bool> {
    match detached {
        Detached::Conjunction(Conjunction::Wa) => Some(true),
        Detached::Conjunction(Conjunction::Fa)
        | Detached::Preposition(Preposition::Bi | Preposition::Li) => Some(false),
        _ => None,
    }
}

impl NumberWords {
    /// Reads `numbers.tsv` (`file` is the name errors cite).
    ///
    /// # Errors
    /// A malformed row, with its file and line.
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let table = Table::parse(file, text, &SCHEMA)?;
        let mut bare: Vec<(String, Word, usize)> = Vec::new();
        let mut hundreds_units: Vec<(String, u64, usize)> = Vec::new();
        let mut words = Self::default();
        for row in table.rows() {
            let phrase = rasid_text::normalize_str(table.get(row, "phrase"));
            if phrase.split_whitespace().count() != 1 {
                return Err(table.error(row.line, format!("`{phrase}`: one word per row")));
            }
            let kind = table.choice(
                row,
                "kind",
                &[
                    ("unit", Kind::Unit),
                    ("tens", Kind::Tens),
                    ("hundreds", Kind::Hundreds),
                    ("hundreds_unit", Kind::HundredsUnit),
                    ("scale", Kind::Scale),
                    ("scale_dual", Kind::ScaleDual),
                    ("scale_plural", Kind::ScalePlural),
                    ("vague", Kind::Vague),
                    ("fraction", Kind::Fraction),
                    ("one_before_ten", Kind::OneBeforeTen),
                ],
            )?;
            let range = match kind {
                Kind::Unit => 1..=10,
                Kind::Tens => 20..=90,
                Kind::Hundreds => 100..=200,
                Kind::HundredsUnit => 3..=9,
                Kind::Scale | Kind::ScaleDual | Kind::ScalePlural => 1_000..=1_000_000_000_000,
                Kind::Vague => 1..=1_000_000,
                Kind::Fraction => 2..=10,
                Kind::OneBeforeTen => 1..=1,
            };
            let value = table.number(row, "value", range)?;
            let scale = |dual, plural| Word::Scale {
                value,
                dual,
                plural,
            };
            let word = match kind {
                Kind::Unit => Word::Unit(value),
                Kind::Tens => Word::Tens(value),
                Kind::Hundreds => Word::Hundreds(value),
                Kind::Scale => scale(false, false),
                Kind::ScaleDual => scale(true, false),
                Kind::ScalePlural => scale(false, true),
                Kind::Vague => Word::Vague(value),
                Kind::Fraction => Word::Fraction {
                    numerator: 1,
                    denominator: value,
                },
                Kind::HundredsUnit => {
                    hundreds_units.push((phrase, value, row.line));
                    continue;
                }
                Kind::OneBeforeTen => {
                    words.lines.entry(phrase.clone()).or_insert(row.line);
                    words.ones_before_ten.insert(phrase);
                    continue;
                }
            };
            if word == Word::Unit(10) {
                words.tens_words.insert(phrase.clone());
            }
            bare.push((phrase, word, row.line));
        }
        let hundred_words: Vec<String> = bare
            .iter()
            .filter(|(_, w, _)| *w == Word::Hundreds(100))
            .map(|(p, _, _)| p.clone())
            .collect();
        for (stem, unit, line) in hundreds_units {
            for hundred in &hundred_words {
                bare.push((format!("{stem}{hundred}"), Word::Hundreds(unit * 100), line));
            }
        }
        // The proclitics in reverse, so the first of them wins a collision;
        // then the bare words, which win over any proclitic reading.
        let proclitics: Vec<(&str, bool)> = rasid_text::morphology::ONE_LETTER
            .into_iter()
            .filter_map(|(p, d)| number_proclitic(d).map(|and| (p, and)))
            .collect();
        for (proclitic, with_and) in proclitics.iter().rev() {
            for (w, word, _) in &bare {
                let form = Form {
                    word: *word,
                    with_and: *with_and,
                };
                words.forms.insert(format!("{proclitic}{w}"), form);
            }
        }
        for (w, word, line) in bare {
            words.lines.entry(w.clone()).or_insert(line);
            words.forms.insert(
                w,
                Form {
                    word,
                    with_and: false,
                },
            );
        }
        Ok(words)
    }

    /// The words of the shipped `numbers.tsv`.
    ///
    /// # Panics
    /// Never: the shipped file is checked by the tests.
    #[must_use]
    pub fn builtin() -> &'static Self {
        static BUILTIN: std::sync::LazyLock<NumberWords> = std::sync::LazyLock::new(|| {
            NumberWords::parse("numbers.tsv", crate::files::builtin_text("numbers.tsv"))
                .expect("the shipped numbers.tsv is checked by the tests")
        });
        &BUILTIN
    }

    /// The line of `numbers.tsv` that lists a bare number word.
    #[must_use]
    pub fn line_of(&self, word: &str) -> Option<usize> {
        self.lines.get(word).copied()
    }

    /// The word forms a number word may take: itself, or with a conjunction or
    /// a preposition ("وعشرون", "بثلاثة", "لخمسة"). The article is never
    /// stripped: "الاحد" is Sunday, not one.
    fn number_word(&self, normalized: &str, token: &Token) -> Option<(Word, bool)> {
        if token.kind != TokenKind::Word {
            return None;
        }
        self.forms
            .get(token.text(normalized))
            .map(|form| (form.word, form.with_and))
    }

    /// Reads a number that starts at token `start`, or `None` when none does.
    ///
    /// Digits may be followed by a scale word ("150 ألفا", "1.5 مليون"); words
    /// combine with "و" ("خمسة وعشرون", "مئة وخمسون ألفا", "ألف ومئتان"). Two
    /// numbers joined by "و" that are both written in digits stay apart
    /// ("90 ألفا و8 آلاف مقاتل" is two numbers).
    #[must_use]
    pub fn parse_at(
        &self,
        normalized: &str,
        tokens: &[Token],
        start: usize,
    ) -> Option<NumberMatch> {
        let first = tokens.get(start)?;
        if first.kind == TokenKind::Number {
            return parse_digits(self, normalized, tokens, start);
        }
        parse_words(self, normalized, tokens, start)
    }

    /// Whether the token is a bare word of this kind of value 1 ("واحد"):
    /// "طفل واحد" only stresses the singular.
    #[must_use]
    pub fn is_one(&self, normalized: &str, token: &Token) -> bool {
        token.kind == TokenKind::Word
            && self
                .forms
                .get(token.text(normalized))
                .is_some_and(|f| f.word == Word::Unit(1) && !f.with_and)
    }

    /// The smallest value a vague word means, when the token is one: "عشرات"
    /// 20, "بالمئات" 200.
    #[must_use]
    pub fn vague_value(&self, normalized: &str, token: &Token) -> Option<u64> {
        match self.number_word(normalized, token)? {
            (Word::Vague(value), _) => Some(value),
            _ => None,
        }
    }
}

/// "أحد"/"إحدى" (and "وأحد") as the one of "أحد عشر" = 11. They count only
/// before "عشر"/"عشرة": alone, "أحد" means "one of" or "anyone" ("أحد
/// الجرحى"), and "الأحد" is Sunday.
fn eleven_one(
    words: &NumberWords,
    normalized: &str,
    token: &Token,
    next: Option<&Token>,
) -> Option<(Word, bool)> {
    let is_word = |t: &&Token| t.kind == TokenKind::Word;
    let text = Some(token).filter(is_word)?.text(normalized);
    let ten = next.filter(is_word)?.text(normalized);
    let (one, with_and) = match rasid_text::morphology::strip_wa(text) {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    (words.ones_before_ten.contains(one) && words.tens_words.contains(ten))
        .then_some((Word::Unit(1), with_and))
}

/// Whether the token is the stand-alone conjunction "و".
fn is_and(normalized: &str, token: &Token) -> bool {
    token.detached(normalized) == Some(Detached::Conjunction(Conjunction::Wa))
}

/// Parses the digits of a number token: "1200", "1,200", "1.5".
/// Returns the value times 1000 to keep one decimal place of three.
fn digits_milli(text: &str) -> Option<u64> {
    let grouped = text.contains(',');
    let mut int_part = 0u64;
    let mut frac = 0u64;
    let mut frac_digits = 0u32;
    let mut in_frac = false;
    let mut group_len = 0;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                let d = u64::from(b - b'0');
                if in_frac {
                    if frac_digits < 3 {
                        frac = frac * 10 + d;
                        frac_digits += 1;
                    }
                } else {
                    int_part = int_part.checked_mul(10)?.checked_add(d)?;
                    group_len += 1;
                }
            }
            b',' => {
                // "1,200": a thousands separator only before exactly three digits.
                if group_len == 0 {
                    return None;
                }
                group_len = 0;
            }
            b'.' => {
                if in_frac {
                    return None;
                }
                in_frac = true;
            }
            _ => return None,
        }
    }
    if grouped && !in_frac && group_len != 3 {
        return None;
    }
    let scale = 10u64.pow(3 - frac_digits);
    int_part.checked_mul(1000)?.checked_add(frac * scale)
}

/// Reads a number that starts at token `start` with the shipped number
/// words ([`NumberWords::parse_at`]).
#[must_use]
pub fn parse_number(normalized: &str, tokens: &[Token], start: usize) -> Option<NumberMatch> {
    NumberWords::builtin().parse_at(normalized, tokens, start)
}

fn parse_digits(
    words: &NumberWords,
    normalized: &str,
    tokens: &[Token],
    start: usize,
) -> Option<NumberMatch> {
    let milli = digits_milli(tokens[start].text(normalized))?;
    let mut end = start + 1;
    let (mut value, scale) = if let Some((Word::Scale { value: scale, .. }, false)) = tokens
        .get(end)
        .and_then(|t| words.number_word(normalized, t))
    {
        end += 1;
        (milli.checked_mul(scale)? / 1000, scale)
    } else {
        if milli % 1000 != 0 {
            // "12.5" alone counts no people.
            return None;
        }
        (milli / 1000, 1)
    };
    // "34 ألفا و151" = 34151 and "3 آلاف و840" = 3840: after a scale word, a
    // smaller figure joined by "و" with no scale of its own is a remainder;
    // "90 ألفا و8 آلاف مقاتل" is two figures.
    if scale > 1 {
        if let (Some(and), Some(rest)) = (tokens.get(end), tokens.get(end + 1)) {
            if is_and(normalized, and) && rest.kind == TokenKind::Number {
                let has_scale = tokens
                    .get(end + 2)
                    .and_then(|t| words.number_word(normalized, t))
                    .is_some_and(|(w, _)| matches!(w, Word::Scale { .. }));
                if let Some(remainder) =
                    digits_milli(rest.text(normalized)).filter(|m| m % 1000 == 0)
                {
                    let remainder = remainder / 1000;
                    if !has_scale && remainder < scale {
                        value = value.checked_add(remainder)?;
                        end += 2;
                    }
                }
            }
        }
    }
    Some(NumberMatch {
        value,
        end,
        vague: false,
        digits: true,
    })
}

#[derive(Default)]
struct Acc {
    total: u64,
    current: u64,
    /// The smallest magnitude added so far, to decide whether "و" continues.
    last_magnitude: u64,
    last_was_unit: bool,
    words: usize,
}

fn parse_words(
    words: &NumberWords,
    normalized: &str,
    tokens: &[Token],
    start: usize,
) -> Option<NumberMatch> {
    let (first, _) = eleven_one(words, normalized, &tokens[start], tokens.get(start + 1))
        .or_else(|| words.number_word(normalized, &tokens[start]))?;
    // Vague quantities: "عشرات"، "مئات الآلاف"، "آلاف".
    match first {
        Word::Vague(min) => {
            let mut end = start + 1;
            let mut value = min;
            if let Some(Word::Scale { value: scale, .. } | Word::Vague(scale @ 2_000)) = tokens
                .get(end)
                .and_then(|t| words.number_word(normalized, t))
                .map(|(w, _)| w)
            {
                // "عشرات الآلاف" = tens of thousands: min 20 × 1000.
                let scale = if scale == 2_000 { 1_000 } else { scale };
                value = min.checked_mul(scale)?;
                end += 1;
            }
            return Some(NumberMatch {
                value,
                end,
                vague: true,
                digits: false,
            });
        }
        Word::Scale {
            value: scale,
            plural: true,
            ..
        } => {
            // "آلاف" / "ملايين" alone: at least two thousand / million.
            return Some(NumberMatch {
                value: 2 * scale,
                end: start + 1,
                vague: true,
                digits: false,
            });
        }
        Word::Fraction {
            numerator,
            denominator,
        } => {
            let (Word::Scale { value: scale, .. }, _) = tokens
                .get(start + 1)
                .and_then(|t| words.number_word(normalized, t))?
            else {
                return None;
            };
            return Some(NumberMatch {
                value: scale * numerator / denominator,
                end: start + 2,
                vague: false,
                digits: false,
            });
        }
        _ => {}
    }
    let mut acc = Acc {
        last_magnitude: u64::MAX,
        ..Acc::default()
    };
    let mut i = start;
    while let Some(token) = tokens.get(i) {
        // A stand-alone "و" followed by a number word continues the number.
        let (token, joined, next_i) = if is_and(normalized, token) {
            match tokens.get(i + 1) {
                Some(next) => (next, true, i + 2),
                None => break,
            }
        } else {
            (token, false, i + 1)
        };
        let Some((word, with_and)) = eleven_one(words, normalized, token, tokens.get(next_i))
            .or_else(|| words.number_word(normalized, token))
        else {
            break;
        };
        let joined = joined || with_and;
        if acc.words > 0 && joined && !continues(&acc, word) {
            break;
        }
        if acc.words > 0 && !joined && !juxtaposes(&acc, word) {
            break;
        }
        if !add(&mut acc, word) {
            break;
        }
        acc.words += 1;
        i = next_i;
    }
    if acc.words == 0 {
        return None;
    }
    let value = acc.total.checked_add(acc.current)?;
    if value == 0 {
        return None;
    }
    Some(NumberMatch {
        value,
        end: i,
        vague: false,
        digits: false,
    })
}

/// Whether a word joined by "و" continues the number: smaller parts follow
/// larger ones ("مئة وخمسون"), tens follow units ("خمسة وعشرون").
fn continues(acc: &Acc, word: Word) -> bool {
    match word {
        Word::Tens(_) => acc.last_was_unit || acc.last_magnitude >= 100,
        Word::Unit(_) => acc.last_magnitude >= 100,
        Word::Hundreds(_) => acc.last_magnitude >= 1_000,
        Word::Scale {
            value, dual: true, ..
        } => acc.last_magnitude > value,
        _ => false,
    }
}

/// Whether a word directly after the number (no "و") belongs to it:
/// "ثلاثة عشر", "ثلاثة آلاف", "مئة ألف", "ثلاث مئة".
fn juxtaposes(acc: &Acc, word: Word) -> bool {
    match word {
        // "مئة وثلاثة عشر": the unit is the last digit of the running value.
        Word::Unit(10) => acc.last_was_unit && acc.current % 100 < 10,
        Word::Scale { dual: false, .. } => acc.current > 0,
        Word::Hundreds(100) => acc.last_was_unit && acc.current < 10,
        _ => false,
    }
}

fn add(acc: &mut Acc, word: Word) -> bool {
    match word {
        Word::Unit(10) if acc.last_was_unit && acc.current % 100 < 10 && acc.words > 0 => {
            // Teen: "ثلاثة عشر" = 13, "اثنا عشر" = 12.
            acc.current += 10;
            acc.last_was_unit = false;
            acc.last_magnitude = 10;
        }
        Word::Unit(n) => {
            acc.current += n;
            acc.last_was_unit = true;
            acc.last_magnitude = 1;
        }
        Word::Tens(n) => {
            acc.current += n;
            acc.last_was_unit = false;
            acc.last_magnitude = 10;
        }
        Word::Hundreds(100) if acc.last_was_unit && acc.current < 10 && acc.words > 0 => {
            acc.current *= 100;
            acc.last_was_unit = false;
            acc.last_magnitude = 100;
        }
        Word::Hundreds(n) => {
            acc.current += n;
            acc.last_was_unit = false;
            acc.last_magnitude = 100;
        }
        Word::Scale { value, dual, .. } => {
            let multiplier = if dual && acc.current == 0 {
                2
            } else {
                acc.current.max(1)
            };
            let Some(add) = multiplier.checked_mul(value) else {
                return false;
            };
            acc.total = acc.total.saturating_add(add);
            acc.current = 0;
            acc.last_was_unit = false;
            acc.last_magnitude = value;
        }
        Word::Vague(_) | Word::Fraction { .. } => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::{normalize_str, tokenize};

    fn value(s: &str) -> Option<(u64, bool)> {
        let n = normalize_str(s);
        let tokens = tokenize(&n);
        parse_number(&n, &tokens, 0).map(|m| (m.value, m.vague))
    }

    fn exact(s: &str) -> u64 {
        let (v, vague) = value(s).unwrap_or_else(|| panic!("no number in {s}"));
        assert!(!vague, "{s} read as vague");
        v
    }

    #[test]
    fn units_in_both_genders_and_cases() {
        for (s, v) in [
            ("ثلاثة", 3),
            ("ثلاث", 3),
            ("اثنان", 2),
            ("اثنين", 2),
            ("اثنتان", 2),
            ("ثمانية", 8),
            ("ثماني", 8),
            ("عشرة", 10),
            ("أربعين", 40),
            ("أربعون", 40),
        ] {
            assert_eq!(exact(s), v, "{s}");
        }
    }

    #[test]
    fn teens_and_compounds() {
        assert_eq!(exact("ثلاثة عشر"), 13);
        assert_eq!(exact("اثنا عشر"), 12);
        assert_eq!(exact("خمسة وعشرون"), 25);
        assert_eq!(exact("خمس وعشرين"), 25);
        assert_eq!(exact("مئة وخمسون"), 150);
        assert_eq!(exact("ثلاثمئة وخمسة وعشرين"), 325);
        assert_eq!(exact("ثلاث مئة"), 300);
    }

    #[test]
    fn eleven_is_read_whole_not_as_ten() {
        // "أحد عشر قتيلا" was read as 10 from "عشر".
        assert_eq!(exact("أحد عشر"), 11);
        assert_eq!(exact("إحدى عشرة"), 11);
        assert_eq!(exact("مئة وأحد عشر"), 111);
        assert_eq!(exact("ألف وإحدى عشرة"), 1011);
        assert_eq!(exact("أحد عشر ألفا"), 11_000);
        assert_eq!(value("أحد الجرحى"), None);
    }

    #[test]
    fn teens_after_hundreds() {
        // "مئة وثلاثة عشر" was read as 103.
        assert_eq!(exact("مئة وثلاثة عشر"), 113);
        assert_eq!(exact("مائتين واثني عشر"), 212);
        assert_eq!(exact("ثلاثة آلاف وخمسمئة وسبعة عشر"), 3517);
    }

    #[test]
    fn hundreds_and_thousands() {
        assert_eq!(exact("مئة"), 100);
        assert_eq!(exact("مائة"), 100);
        assert_eq!(exact("مئتين"), 200);
        assert_eq!(exact("مائتان"), 200);
        assert_eq!(exact("أربعمئة"), 400);
        assert_eq!(exact("خمسمائة"), 500);
        assert_eq!(exact("ألف"), 1000);
        assert_eq!(exact("ألفا"), 1000);
        assert_eq!(exact("ألفين"), 2000);
        assert_eq!(exact("ثلاثة آلاف"), 3000);
        assert_eq!(exact("عشرة آلاف"), 10_000);
        assert_eq!(exact("مئة ألف"), 100_000);
        assert_eq!(exact("مئتي ألف"), 200_000);
        assert_eq!(exact("ألف ومئتان"), 1200);
        assert_eq!(exact("ثلاثة آلاف وخمسمئة"), 3500);
        assert_eq!(exact("مليون"), 1_000_000);
        assert_eq!(exact("نصف مليون"), 500_000);
    }

    #[test]
    fn digits_and_mixed() {
        assert_eq!(exact("32"), 32);
        assert_eq!(exact("٣٢"), 32);
        assert_eq!(exact("۳۲"), 32);
        assert_eq!(exact("1,200"), 1200);
        assert_eq!(exact("150 ألفا"), 150_000);
        assert_eq!(exact("١٤٠ ألف"), 140_000);
        assert_eq!(exact("1.5 مليون"), 1_500_000);
        assert_eq!(value("12.5"), None);
    }

    #[test]
    fn digits_joined_by_and_stay_apart() {
        let n = normalize_str("90 ألفا و8 آلاف مقاتل");
        let tokens = tokenize(&n);
        let m = parse_number(&n, &tokens, 0).expect("number");
        assert_eq!((m.value, m.end), (90_000, 2));
    }

    #[test]
    fn digits_with_a_remainder_after_the_scale() {
        assert_eq!(exact("34 ألفا و151"), 34_151);
        assert_eq!(exact("3 آلاف و840"), 3840);
        assert_eq!(exact("ألفي"), 2000);
    }

    #[test]
    fn vague_quantities() {
        assert_eq!(value("عشرات"), Some((20, true)));
        assert_eq!(value("العشرات"), Some((20, true)));
        assert_eq!(value("مئات"), Some((200, true)));
        assert_eq!(value("آلاف"), Some((2000, true)));
        assert_eq!(value("عشرات الآلاف"), Some((20_000, true)));
        assert_eq!(value("مئات الآلاف"), Some((200_000, true)));
        assert_eq!(value("بضعة"), Some((3, true)));
    }

    #[test]
    fn not_numbers() {
        // Sunday is not one; a bare "و" is not a number.
        assert_eq!(value("الأحد"), None);
        assert_eq!(value("أحد"), None);
        assert_eq!(value("و"), None);
        assert_eq!(value("مدنيين"), None);
    }

    #[test]
    fn number_stops_before_the_noun() {
        let n = normalize_str("خمسة وعشرون مدنيا وثلاثة أطفال");
        let tokens = tokenize(&n);
        let m = parse_number(&n, &tokens, 0).expect("number");
        assert_eq!((m.value, m.end), (25, 2));
    }
}
