//! The time vocabulary, read from `data/lexicons/time.tsv` with the shared
//! table reader and matched with the shared phrase matcher of
//! `rasid-lexicon` ([`Reading::Listed`]: every word as listed, the article
//! included). Only the first word of a phrase may carry clitics, and only
//! و ف ب: "لامس" (touched) is not ل + أمس.

use std::sync::LazyLock;

use jiff::civil::Weekday;
use rasid_lexicon::table::{Schema, Table};
use rasid_lexicon::{DataError, LexiconFiles, NumberWords, PhraseIndex, Reading};
use rasid_text::morphology::{Conjunction, Preposition, Proclitics};
use rasid_text::{Token, TokenKind};

/// The parsed shipped vocabulary; the tests check that it parses.
pub(crate) static LEXICON: LazyLock<TimeLexicon> = LazyLock::new(|| {
    TimeLexicon::from_files(&LexiconFiles::builtin())
        .expect("data/lexicons/time.tsv is valid: checked by the unit tests")
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
    CommonEra,
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
    CountedFrom,
    MonthWord,
    Of,
    Ordinal(i8),
    OrdinalTens(i8),
    PairWord,
    NotToday,
}

/// A phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) meaning: Meaning,
    /// Index of the first token after the phrase.
    pub(crate) end: usize,
    /// Whether the first word carries no clitic but "و".
    pub(crate) bare: bool,
    /// Whether the first word carries no clitic at all.
    pub(crate) exact: bool,
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
    pub(crate) fn new(lexicon: &TimeLexicon, text: &str, tokens: &[Token]) -> Self {
        let mut table = Self {
            hits: Vec::new(),
            offsets: Vec::with_capacity(tokens.len() + 1),
        };
        table.offsets.push(0);
        let mut scratch = Vec::new();
        for start in 0..tokens.len() {
            lexicon.all_into(text, tokens, start, &mut scratch, &mut table.hits);
            table
                .offsets
                .push(u32::try_from(table.hits.len()).expect("fewer than 4 billion hits"));
        }
        table
    }

    /// The phrases starting at token `at`, longest first.
    pub(crate) fn at(&self, at: usize) -> &[Hit] {
        match (self.offsets.get(at), self.offsets.get(at + 1)) {
            (Some(&from), Some(&to)) => &self.hits[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// The words of dates (`time.tsv`) and the number words that count days
/// (`numbers.tsv`), ready for the recognisers.
#[derive(Debug, Clone)]
pub struct TimeLexicon {
    index: PhraseIndex<Meaning>,
    pub(crate) numbers: NumberWords,
    /// The most words a phrase has.
    longest: usize,
}

/// The columns of `time.tsv`.
const SCHEMA: Schema<'static> = Schema::new(&["phrase", "meaning"]).example_of("phrase");

impl TimeLexicon {
    /// Reads `time.tsv` and `numbers.tsv` from a set of lexicon files.
    ///
    /// # Errors
    /// A malformed row, with its file and line.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let (origin, text) = files.get("time.tsv");
        let mut lexicon = Self::parse(origin, text)?;
        let (origin, text) = files.get("numbers.tsv");
        lexicon.numbers = NumberWords::parse(origin, text)?;
        Ok(lexicon)
    }

    /// The vocabulary of the shipped files.
    #[must_use]
    pub fn builtin() -> &'static Self {
        &LEXICON
    }

    /// Parses the TSV text of `time.tsv` (`file` is the name errors cite);
    /// the number words are the shipped ones.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let table = Table::parse(file, text, &SCHEMA)?;
        let mut lexicon = Self {
            index: PhraseIndex::default(),
            numbers: NumberWords::builtin().clone(),
            longest: 0,
        };
        for row in table.rows() {
            let phrase = table.get(row, "phrase");
            let written = table.get(row, "meaning");
            let meaning = parse_meaning(written)
                .ok_or_else(|| table.error(row.line, format!("unknown meaning `{written}`")))?;
            lexicon
                .index
                .insert_with(phrase, Reading::Listed, meaning)
                .map_err(|e| table.error(row.line, format!("cannot index `{phrase}`: {e}")))?;
            lexicon.longest = lexicon.longest.max(phrase.split_whitespace().count());
        }
        Ok(lexicon)
    }

    /// Appends every phrase starting at `start` to `hits`, longest first,
    /// then by analysis of the first word; `scratch` is reused.
    fn all_into(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        scratch: &mut Vec<rasid_lexicon::PhraseMatch<Meaning>>,
        hits: &mut Vec<Hit>,
    ) {
        let Some(first) = tokens.get(start).filter(|t| t.kind == TokenKind::Word) else {
            return;
        };
        if !self.index.may_start(text, first) {
            return;
        }
        scratch.clear();
        self.index.matches_into(text, tokens, start, scratch);
        for m in scratch.iter() {
            let proclitics = first.proclitics_of(text, usize::from(m.prefix));
            if !allowed(proclitics) {
                continue;
            }
            hits.push(Hit {
                meaning: m.tag,
                end: m.end,
                bare: proclitics.preposition.is_none()
                    && matches!(proclitics.conjunction, None | Some(Conjunction::Wa)),
                exact: m.prefix == 0,
            });
        }
    }

    /// The longest phrase starting at token `start` that has a meaning
    /// accepted by `accept` (only bare ones when `bare` is set).
    #[cfg(test)]
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        bare: bool,
        accept: impl Fn(Meaning) -> bool,
    ) -> Option<Hit> {
        let mut hits = Vec::new();
        self.all_into(text, tokens, start, &mut Vec::new(), &mut hits);
        hits.into_iter()
            .filter(|hit| !bare || hit.bare)
            .find(|hit| accept(hit.meaning))
    }

    /// Number of phrases (for tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }
}

/// The proclitics the first word of a date phrase may carry: و ف ب, alone or
/// together ("وفي"، "بالأمس"، "وبالأمس"), never the article (a phrase lists
/// its own) or ل ك.
fn allowed(proclitics: Proclitics) -> bool {
    !proclitics.article && matches!(proclitics.preposition, None | Some(Preposition::Bi))
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
        ["common_era"] => Meaning::CommonEra,
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
        ["counted_from"] => Meaning::CountedFrom,
        ["month_word"] => Meaning::MonthWord,
        ["of"] => Meaning::Of,
        ["ordinal", n] => Meaning::Ordinal(number(n, 30)?),
        ["ordinal_tens", n] => {
            Meaning::OrdinalTens(n.parse::<i8>().ok().filter(|n| matches!(n, 10 | 20 | 30))?)
        }
        ["pair_word"] => Meaning::PairWord,
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
    use rasid_text::{normalize_str, tokenize};

    const TIME_TSV: &str = include_str!("../../../data/lexicons/time.tsv");

    #[test]
    fn shipped_vocabulary_parses() {
        let lexicon = TimeLexicon::parse("time.tsv", TIME_TSV).expect("time.tsv parses");
        assert!(lexicon.len() > 100);
        assert_eq!(lexicon.longest, 3);
    }

    #[test]
    fn spellings_fold_to_one_entry() {
        // "أبريل" and "ابريل" are one phrase.
        let text =
            "phrase\tmeaning\texample\nأبريل\tmonth:4\tفي 7 أبريل\nابريل\tmonth:4\tفي 7 ابريل\n";
        let lexicon = TimeLexicon::parse("time.tsv", text).expect("parses");
        assert_eq!(lexicon.len(), 1);
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let header = "phrase\tmeaning\texample\n";
        let unknown = format!("{header}نيسان\tmonth:13\tفي 7 نيسان\n");
        let error = TimeLexicon::parse("time.tsv", &unknown).expect_err("month 13");
        assert!(error.to_string().contains("line 2"), "{error}");
        let missing = format!("{header}نيسان\tmonth:4\tفي 7 أيار\n");
        assert!(TimeLexicon::parse("time.tsv", &missing).is_err());
        assert!(TimeLexicon::parse("time.tsv", "نيسان\tmonth:4\tفي 7 نيسان\n").is_err());
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
