//! The time vocabulary, read from `data/lexicons/time.tsv` (compiled in).
//!
//! Every phrase is normalised and split into tokens the way an article is, so
//! a phrase matches the tokens of the text one for one. Only the first word of
//! a phrase may carry clitics (و ف ب), checked through the token's analyses.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use jiff::civil::Weekday;
use rasid_text::{normalize_str, tokenize, Token, TokenKind};

/// The shipped vocabulary.
const TIME_TSV: &str = include_str!("../../../data/lexicons/time.tsv");

/// The parsed shipped vocabulary; the tests check that it parses.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(TIME_TSV).expect("data/lexicons/time.tsv is valid: checked by the unit tests")
});

/// A calendar period or a counted unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// How many units a unit word counts by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// "يوم"، "أسبوع": one.
    One,
    /// "يومين"، "شهرين": two.
    Two,
    /// "أيام"، "أشهر": a number must come before it.
    Plural,
}

/// What a phrase means; see the header of `time.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    Month { number: i8, strict: bool },
    HijriMonth(i8),
    HijriEra,
    Weekday(Weekday),
    Day(i8),
    DayPart,
    DayWord,
    Past,
    Next,
    Current,
    This,
    Period(Unit),
    Unit(Unit, Count),
    Ago,
    MonthWord,
    Of,
    Ordinal(i8),
    NotToday,
}

/// A row of `time.tsv` could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum LexiconError {
    /// The row is malformed.
    #[error("`time.tsv` line {line}: {message}")]
    Row {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) meaning: Meaning,
    /// Index of the first token after the phrase.
    pub(crate) end: usize,
    /// Whether the first word carries no clitic but "و" (see [`Lexicon::find`]).
    pub(crate) bare: bool,
}

/// Every phrase at every token of a document, found once: the date
/// recognisers ask about the same tokens many times.
#[derive(Debug, Default)]
pub(crate) struct HitTable {
    hits: Vec<Hit>,
    /// The hits of token `i` are `hits[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
}

impl HitTable {
    /// The phrases of `tokens`.
    pub(crate) fn new(lexicon: &Lexicon, text: &str, tokens: &[Token]) -> Self {
        let mut table = Self {
            hits: Vec::new(),
            offsets: Vec::with_capacity(tokens.len() + 1),
        };
        table.offsets.push(0);
        let mut key = String::new();
        for start in 0..tokens.len() {
            lexicon.all_into(text, tokens, start, &mut key, &mut table.hits);
            table
                .offsets
                .push(u32::try_from(table.hits.len()).expect("fewer than 4 billion hits"));
        }
        table
    }

    /// The phrases starting at token `at`, in the order of [`Lexicon::all`].
    pub(crate) fn at(&self, at: usize) -> &[Hit] {
        match (self.offsets.get(at), self.offsets.get(at + 1)) {
            (Some(&from), Some(&to)) => &self.hits[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// Phrases by their normalised tokens joined with one space.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    phrases: HashMap<String, Vec<Meaning>>,
    /// The first word of every phrase, to skip most tokens without building keys.
    first_words: HashSet<String>,
    /// The most tokens a phrase has.
    longest: usize,
}

/// Proclitics the first word of a phrase may carry. ل and ك are left out:
/// "لامس" (touched) is not ل + أمس, and dates rarely take them.
const CLITICS: [&str; 6] = ["", "و", "ف", "ب", "وب", "فب"];

impl Lexicon {
    /// Parses the TSV text of `time.tsv`.
    pub(crate) fn parse(text: &str) -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::default();
        let mut header_seen = false;
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let row_error = |message: String| LexiconError::Row {
                line: line_number,
                message,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                if columns != ["phrase", "meaning", "example"] {
                    return Err(row_error(format!(
                        "expected the header `phrase\\tmeaning\\texample`, found `{line}`"
                    )));
                }
                header_seen = true;
                continue;
            }
            let [phrase, meaning, example] = columns[..] else {
                return Err(row_error(format!("expected 3 columns, found `{line}`")));
            };
            let meaning = parse_meaning(meaning)
                .ok_or_else(|| row_error(format!("unknown meaning `{meaning}`")))?;
            let key = phrase_key(phrase);
            if key.is_empty() {
                return Err(row_error(format!("empty phrase in `{line}`")));
            }
            let example_key = phrase_key(example);
            if !format!(" {example_key} ").contains(&format!(" {key} "))
                && !normalize_str(example).contains(&normalize_str(phrase))
            {
                return Err(row_error(format!(
                    "the example `{example}` does not contain `{phrase}`"
                )));
            }
            lexicon.longest = lexicon.longest.max(key.split(' ').count());
            if let Some(first) = key.split(' ').next() {
                lexicon.first_words.insert(first.to_owned());
            }
            let meanings = lexicon.phrases.entry(key).or_default();
            if !meanings.contains(&meaning) {
                meanings.push(meaning);
            }
        }
        if !header_seen {
            return Err(LexiconError::Row {
                line: 0,
                message: "no header row".to_owned(),
            });
        }
        Ok(lexicon)
    }

    /// The longest phrase starting at token `start` that has a meaning
    /// accepted by `accept`; the first word may carry the clitics in
    /// [`CLITICS`] (only `""` and `"و"` when `bare` is set).
    #[cfg(test)]
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        bare: bool,
        accept: impl Fn(Meaning) -> bool,
    ) -> Option<Hit> {
        self.all(text, tokens, start, bare)
            .into_iter()
            .find(|hit| accept(hit.meaning))
    }

    /// Every phrase starting at `start`, in the order [`Self::find`] tries
    /// them: longest first, then by analysis of the first word.
    #[cfg(test)]
    pub(crate) fn all(&self, text: &str, tokens: &[Token], start: usize, bare: bool) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.all_into(text, tokens, start, &mut String::new(), &mut hits);
        if bare {
            hits.retain(|hit| hit.bare);
        }
        hits
    }

    /// Appends every phrase starting at `start` to `hits`, as [`Self::all`]
    /// without `bare` (each hit says whether it is bare); `key` is scratch.
    fn all_into(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        key: &mut String,
        hits: &mut Vec<Hit>,
    ) {
        let Some(first) = tokens.get(start).filter(|t| t.kind == TokenKind::Word) else {
            return;
        };
        if !self.may_start(text, first) {
            return;
        }
        let whole = first.text(text);
        let max = self.longest.min(tokens.len() - start);
        for length in (1..=max).rev() {
            let rest = &tokens[start + 1..start + length];
            if rest.iter().any(|t| t.kind != TokenKind::Word) {
                continue;
            }
            for form in first.forms(text) {
                let clitics = &whole[..whole.len() - form.len()];
                if !CLITICS.contains(&clitics) || !self.first_words.contains(form) {
                    continue;
                }
                key.clear();
                key.push_str(form);
                for token in rest {
                    key.push(' ');
                    key.push_str(token.text(text));
                }
                if let Some(meanings) = self.phrases.get(key.as_str()) {
                    let bare = CLITICS[..2].contains(&clitics);
                    hits.extend(meanings.iter().map(|&meaning| Hit {
                        meaning,
                        end: start + length,
                        bare,
                    }));
                }
            }
        }
    }

    /// Whether any analysis of `token` starts a phrase: a cheap test that lets
    /// most tokens of an article be skipped.
    pub(crate) fn may_start(&self, text: &str, token: &Token) -> bool {
        token.kind == TokenKind::Word && token.forms(text).any(|f| self.first_words.contains(f))
    }

    /// Every phrase with its meanings (for tests).
    #[cfg(test)]
    pub(crate) fn phrases(&self) -> impl Iterator<Item = (&str, &[Meaning])> {
        self.phrases.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// The normalised tokens of a phrase joined with one space.
fn phrase_key(phrase: &str) -> String {
    let normalized = normalize_str(phrase.trim());
    tokenize(&normalized)
        .iter()
        .map(|t| t.text(&normalized))
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_meaning(meaning: &str) -> Option<Meaning> {
    let parts: Vec<&str> = meaning.split(':').collect();
    let number = |s: &str, max: i8| s.parse::<i8>().ok().filter(|n| (1..=max).contains(n));
    Some(match parts[..] {
        ["month", n] => Meaning::Month {
            number: number(n, 12)?,
            strict: false,
        },
        ["month", n, "strict"] => Meaning::Month {
            number: number(n, 12)?,
            strict: true,
        },
        ["hijri_month", n] => Meaning::HijriMonth(number(n, 12)?),
        ["hijri_era"] => Meaning::HijriEra,
        ["weekday", name] => Meaning::Weekday(match name {
            "monday" => Weekday::Monday,
            "tuesday" => Weekday::Tuesday,
            "wednesday" => Weekday::Wednesday,
            "thursday" => Weekday::Thursday,
            "friday" => Weekday::Friday,
            "saturday" => Weekday::Saturday,
            "sunday" => Weekday::Sunday,
            _ => return None,
        }),
        ["day", n] => Meaning::Day(n.parse::<i8>().ok().filter(|n| (-7..=0).contains(n))?),
        ["daypart"] => Meaning::DayPart,
        ["day_word"] => Meaning::DayWord,
        ["past"] => Meaning::Past,
        ["next"] => Meaning::Next,
        ["current"] => Meaning::Current,
        ["this"] => Meaning::This,
        ["period", unit] => Meaning::Period(parse_unit(unit)?),
        ["unit", unit, count] => Meaning::Unit(
            parse_unit(unit).filter(|u| *u != Unit::Year)?,
            match count {
                "1" => Count::One,
                "2" => Count::Two,
                "n" => Count::Plural,
                _ => return None,
            },
        ),
        ["ago"] => Meaning::Ago,
        ["month_word"] => Meaning::MonthWord,
        ["of"] => Meaning::Of,
        ["ordinal", n] => Meaning::Ordinal(number(n, 30)?),
        ["not_today"] => Meaning::NotToday,
        _ => return None,
    })
}

fn parse_unit(unit: &str) -> Option<Unit> {
    Some(match unit {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_vocabulary_parses() {
        let lexicon = Lexicon::parse(TIME_TSV).expect("time.tsv parses");
        assert!(lexicon.phrases().count() > 100);
        assert_eq!(lexicon.longest, 3);
    }

    #[test]
    fn spellings_fold_to_one_entry() {
        let lexicon = &*LEXICON;
        let months: Vec<_> = lexicon
            .phrases()
            .filter(|(k, _)| *k == "ابريل" || *k == "تشرين الاول")
            .collect();
        assert_eq!(months.len(), 2);
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let header = "phrase\tmeaning\texample\n";
        let unknown = format!("{header}نيسان\tmonth:13\tفي 7 نيسان\n");
        let error = Lexicon::parse(&unknown).expect_err("month 13");
        assert!(error.to_string().contains("line 2"), "{error}");
        let missing = format!("{header}نيسان\tmonth:4\tفي 7 أيار\n");
        assert!(Lexicon::parse(&missing).is_err());
        assert!(Lexicon::parse("نيسان\tmonth:4\tفي 7 نيسان\n").is_err());
    }

    #[test]
    fn clitics_on_the_first_word_only() {
        let lexicon = &*LEXICON;
        let text = normalize_str("بالأمس لامس");
        let tokens = tokenize(&text);
        let day = |m| matches!(m, Meaning::Day(_));
        assert!(lexicon.find(&text, &tokens, 0, false, day).is_some());
        assert!(lexicon.find(&text, &tokens, 1, false, day).is_none());
    }
}
