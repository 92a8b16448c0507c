//! Dates in Arabic news: found in the text and resolved against the
//! publication date.
//!
//! [`find_dates`] reads the tokens of a normalised article and reports every
//! date expression with the date it means and how precise that is:
//!
//! | written | resolves to | precision |
//! |---|---|---|
//! | "7 نيسان/أبريل 2018"، "الخامس من نوفمبر"، "2018/4/7"، "7/4/2018" | that day (the year, when missing, from publication) | day |
//! | "15 رمضان 1445 هـ" | the Gregorian day (tabular Islamic calendar) | day |
//! | "في آذار 2011"، "شهر نيسان"، "نيسان الماضي" | the first of the month | month |
//! | "عام 2016"، "2016م" | 1 January | year |
//! | "اليوم الجمعة"، "يوم السبت"، "السبت الماضي" | the weekday on or before publication (strictly before with "الماضي") | day |
//! | "اليوم"، "فجر اليوم"، "أمس"، "مساء أمس"، "الليلة الماضية"، "أول أمس" | publication, −1, −2 days | day |
//! | "منذ يومين"، "قبل ثلاثة أيام" | publication − n days | day |
//! | "منذ أسبوع"، "الأسبوع الماضي" | publication − 7 days | week |
//! | "الشهر الماضي"، "منذ شهرين"، "العام الماضي" | the first of that month or year | month / year |
//!
//! News reports past events, so a date that could be in more than one year is
//! put in the most recent one, and a weekday named alone is the last such day
//! on or before publication. Without a publication date, relative
//! expressions are still reported, with no value.
//!
//! The vocabulary (month names of the Levant, Egypt and the Maghreb, Hijri
//! months, weekdays, relative words) is `data/lexicons/time.tsv`, compiled in.
//!
//! ```
//! use rasid_text::{normalize_str, tokenize};
//! use rasid_time::{find_dates, parse_published, DateKind, Precision};
//!
//! let text = normalize_str("قتل 5 مدنيين الجمعة في غارة، بعد هجوم 7 نيسان/أبريل 2018");
//! let tokens = tokenize(&text);
//! let published = parse_published("2018-04-09T08:30:00+03:00");
//! let dates = find_dates(&text, &tokens, published);
//! assert_eq!(dates.len(), 2);
//! assert_eq!(dates[0].kind, DateKind::Weekday);
//! assert_eq!(dates[0].value.map(|d| d.to_string()).as_deref(), Some("2018-04-06"));
//! assert_eq!(&text[dates[1].span.range()], "7 نيسان/ابريل 2018");
//! assert_eq!(dates[1].precision, Precision::Day);
//! ```

mod hijri;
mod lexicon;

use std::ops::Range;

pub use jiff::civil::Date;
use jiff::civil::Weekday;
use jiff::ToSpan;
pub use lexicon::TimeLexicon;
use lexicon::{Count, Hit, HitTable, Meaning, Unit};
use rasid_text::{normalize_str, Span, Token, TokenKind};

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// The value is the day.
    Day,
    /// The value is a day in the week meant ("منذ أسبوع": publication − 7).
    Week,
    /// The value is the first day of the month meant.
    Month,
    /// The value is 1 January of the year meant.
    Year,
}

/// The form a date expression takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateKind {
    /// A day with its month, in words or digits: "7 نيسان 2018"، "2018/4/7".
    Explicit,
    /// A weekday: "السبت"، "يوم الجمعة الماضي"، "اليوم الخميس".
    Weekday,
    /// A day, week, month or year counted from publication: "أمس"، "منذ يومين"، "الشهر الماضي".
    Relative,
    /// A Hijri date, converted: "15 رمضان 1445 هـ".
    Hijri,
    /// A year alone: "عام 2016".
    YearOnly,
    /// A month without a day: "آذار 2011"، "شهر نيسان"، "نيسان الماضي".
    MonthYear,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The tokens the expression covers.
    pub tokens: Range<usize>,
    /// Byte span in the **normalised** text (map it with
    /// `Normalized::to_original` to cite the original).
    pub span: Span,
    /// The date meant, or `None` when it depends on a publication date that
    /// is not known.
    pub value: Option<Date>,
    /// How precise `value` is.
    pub precision: Precision,
    /// The form of the expression.
    pub kind: DateKind,
}

/// Days after publication that a date without a year may still fall on
/// ("في 7 نيسان" published 5 April is this year's, announced ahead); later
/// than that, it is last year's.
const GRACE_DAYS: i64 = 3;

/// Years written in digits that count as years.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// Hijri years written in digits that count as Hijri years (1882–2176 CE).
const HIJRI_YEARS: std::ops::RangeInclusive<u32> = 1300..=1600;

/// Finds the date expressions in a normalised text.
///
/// `tokens` are `rasid_text::tokenize(normalized)`. Mentions come in text
/// order and do not overlap: at each token the longest expression wins.
/// Relative expressions resolve against `published`; without it their
/// `value` is `None`.
#[must_use]
pub fn find_dates(normalized: &str, tokens: &[Token], published: Option<Date>) -> Vec<DateMention> {
    TimeLexicon::builtin().find_dates(normalized, tokens, published)
}

impl TimeLexicon {
    /// [`find_dates`] with this vocabulary (an edited `time.tsv`).
    #[must_use]
    pub fn find_dates(
        &self,
        normalized: &str,
        tokens: &[Token],
        published: Option<Date>,
    ) -> Vec<DateMention> {
        scan(self, normalized, tokens, published)
    }
}

fn scan(
    lexicon: &TimeLexicon,
    normalized: &str,
    tokens: &[Token],
    published: Option<Date>,
) -> Vec<DateMention> {
    let scanner = Scanner {
        lexicon,
        text: normalized,
        tokens,
        published,
        hits: HitTable::new(lexicon, normalized, tokens),
    };
    let mut mentions = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        // Every expression starts with a figure or a word of the lexicon.
        let token = &tokens[at];
        if token.kind != TokenKind::Number && scanner.hits.at(at).is_empty() {
            at += 1;
            continue;
        }
        match scanner.longest_at(at) {
            Some(found) => {
                let span = Span::new(
                    tokens[found.start].span.start,
                    tokens[found.end - 1].span.end,
                );
                mentions.push(DateMention {
                    tokens: found.start..found.end,
                    span,
                    value: found.value,
                    precision: found.precision,
                    kind: found.kind,
                });
                at = found.end;
            }
            None => at += 1,
        }
    }
    mentions
}

/// The date a publication timestamp starts with: `YYYY-MM-DD`, alone or
/// followed by a time ("2018-04-07T10:00:00+03:00", "2018-04-07 10:00").
/// Arabic-Indic digits are read as ASCII ones.
///
/// ```
/// use rasid_time::parse_published;
/// assert_eq!(parse_published("2020-02-29 10:00").map(|d| d.to_string()).as_deref(), Some("2020-02-29"));
/// assert_eq!(parse_published("2019-02-29"), None);
/// assert_eq!(parse_published("7/4/2018"), None);
/// ```
#[must_use]
pub fn parse_published(s: &str) -> Option<Date> {
    let s = normalize_str(s.trim_start());
    let bytes = s.as_bytes();
    let digits = |range: Range<usize>| -> Option<i16> {
        let part = bytes.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    if bytes.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let year = digits(0..4)?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(year, month, day).ok()
}

/// An expression found by one of the recognisers.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    value: Option<Date>,
    precision: Precision,
    kind: DateKind,
}

/// The year of a date: written, or counted from publication's.
#[derive(Debug, Clone, Copy)]
enum YearRef {
    Digits(i16),
    Relative(i16),
}

/// How a weekday relates to publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// The last one on or before publication (no cue, or "اليوم الجمعة").
    OnOrBefore,
    /// Strictly before ("الماضي").
    Before,
    /// Strictly after ("المقبل").
    After,
}

struct Scanner<'a> {
    lexicon: &'a TimeLexicon,
    text: &'a str,
    tokens: &'a [Token],
    published: Option<Date>,
    /// The phrases at each token.
    hits: HitTable,
}

impl Scanner<'_> {
    /// The longest expression that starts at token `at`; on a tie the first
    /// recogniser wins (explicit dates before weekdays before relative words).
    fn longest_at(&self, at: usize) -> Option<Found> {
        let candidates = [
            self.explicit(at),
            self.month_year(at),
            self.year_only(at),
            self.weekday(at),
            self.relative_day(at),
            self.relative_period(at),
            self.ago(at),
        ];
        candidates
            .into_iter()
            .flatten()
            .filter(|found| found.start >= at && found.end > found.start)
            .fold(None, |best: Option<Found>, found| match best {
                Some(best) if best.end >= found.end => Some(best),
                _ => Some(found),
            })
    }

    // ---- Token helpers -------------------------------------------------

    /// A phrase at `at` with a meaning `accept` takes (clitics و ف ب allowed).
    fn phrase(&self, at: usize, accept: impl Fn(Meaning) -> bool) -> Option<Hit> {
        self.hits
            .at(at)
            .iter()
            .copied()
            .find(|hit| accept(hit.meaning))
    }

    /// The index after a phrase with this exact meaning at `at`.
    fn word(&self, at: usize, meaning: Meaning) -> Option<usize> {
        self.phrase(at, |m| m == meaning).map(|hit| hit.end)
    }

    /// A phrase at `at` with a meaning `accept` takes, written without clitics.
    fn exact(&self, at: usize, accept: impl Fn(Meaning) -> bool) -> Option<Hit> {
        self.hits
            .at(at)
            .iter()
            .copied()
            .find(|hit| hit.exact && accept(hit.meaning))
    }

    fn text_at(&self, at: usize) -> Option<&str> {
        self.tokens.get(at).map(|t| t.text(self.text))
    }

    fn is_punct(&self, at: usize, chars: &[char]) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| chars.iter().any(|&c| t.is_punct(self.text, c)))
    }

    /// Whether tokens `a` and `b` touch, with no space between them.
    fn touching(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// A plain run of digits (no separators) at `at`: its value and length.
    fn digits(&self, at: usize) -> Option<(u32, usize)> {
        let token = self
            .tokens
            .get(at)
            .filter(|t| t.kind == TokenKind::Number)?;
        let text = token.text(self.text);
        if text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((text.parse().ok()?, text.len()))
    }

    /// A day of the month in digits ("7", "07").
    fn day_number(&self, at: usize) -> Option<i8> {
        let (value, length) = self.digits(at)?;
        if length > 2 || !(1..=31).contains(&value) {
            return None;
        }
        i8::try_from(value).ok()
    }

    /// A Gregorian year in digits, with the "م" (CE) that may follow it.
    fn year(&self, at: usize) -> Option<(i16, usize)> {
        let (value, length) = self.digits(at)?;
        if length != 4 || !YEARS.contains(&value) {
            return None;
        }
        let year = i16::try_from(value).ok()?;
        let end = self
            .exact(at + 1, |m| m == Meaning::CommonEra)
            .map_or(at + 1, |hit| hit.end);
        Some((year, end))
    }

    /// The year of a month: "2018", "عام 2018", "من عام 2018", "سنة 2018م",
    /// or "من العام الماضي" / "من هذا العام" (resolved against publication).
    fn year_after(&self, at: usize) -> Option<(YearRef, usize)> {
        let mut at = at;
        if let Some(end) = self.word(at, Meaning::Of) {
            at = end;
        }
        if let Some(end) = self.word(at, Meaning::This) {
            let end = self.word(end, Meaning::Period(Unit::Year))?;
            return Some((YearRef::Relative(0), end));
        }
        if let Some(end) = self.word(at, Meaning::Period(Unit::Year)) {
            if let Some(after) = self.word(end, Meaning::Past) {
                return Some((YearRef::Relative(-1), after));
            }
            if let Some(after) = self.word(end, Meaning::Current) {
                return Some((YearRef::Relative(0), after));
            }
            at = end;
        }
        self.year(at)
            .map(|(year, end)| (YearRef::Digits(year), end))
    }

    /// The year a [`YearRef`] names.
    fn resolve_year(&self, year: YearRef) -> Option<i16> {
        match year {
            YearRef::Digits(year) => Some(year),
            YearRef::Relative(offset) => self.published?.year().checked_add(offset),
        }
    }

    /// An ordinal day: "السابع"، "الحادي عشر"، "الثاني والعشرين"، "الثلاثين".
    fn ordinal(&self, at: usize) -> Option<(i8, usize)> {
        let hit = self.phrase(at, |m| matches!(m, Meaning::Ordinal(_)))?;
        let Meaning::Ordinal(value) = hit.meaning else {
            return None;
        };
        if value <= 9 {
            if let Some(Hit {
                meaning: Meaning::OrdinalTens(tens),
                end,
                ..
            }) = self.exact(hit.end, |m| matches!(m, Meaning::OrdinalTens(_)))
            {
                if value + tens <= 31 {
                    return Some((value + tens, end));
                }
            }
        }
        Some((value, hit.end))
    }

    /// A Gregorian month name; a name that is also a common word ("مارس",
    /// "آب") only bare or after "و", and only when `strict_ok`.
    fn month(&self, at: usize, strict_ok: bool) -> Option<(i8, usize)> {
        let loose = self.phrase(at, |m| matches!(m, Meaning::Month { strict: false, .. }));
        let strict =
            || {
                self.hits.at(at).iter().copied().find(|hit| {
                    hit.bare && matches!(hit.meaning, Meaning::Month { strict: true, .. })
                })
            };
        let hit = match loose {
            Some(hit) => hit,
            None if strict_ok => strict()?,
            None => return None,
        };
        let Meaning::Month { number, .. } = hit.meaning else {
            return None;
        };
        Some((number, hit.end))
    }

    /// A month name with its other-calendar twin: "نيسان/أبريل"،
    /// "نيسان (أبريل)"، "أبريل-نيسان". A twin naming another month is left
    /// out of the expression.
    fn month_pair(&self, at: usize, strict_ok: bool) -> Option<(i8, usize)> {
        let (number, end) = self.month(at, strict_ok)?;
        if self.is_punct(end, &['/', '-', '(', '\\', '|']) {
            if let Some((twin, twin_end)) = self.month(end + 1, true) {
                if twin == number {
                    let close = usize::from(self.is_punct(twin_end, &[')']));
                    return Some((number, twin_end + close));
                }
            }
        }
        Some((number, end))
    }

    fn hijri_month(&self, at: usize) -> Option<(i8, usize)> {
        let hit = self.phrase(at, |m| matches!(m, Meaning::HijriMonth(_)))?;
        let Meaning::HijriMonth(number) = hit.meaning else {
            return None;
        };
        Some((number, hit.end))
    }

    /// A Hijri year: "1445", "1445 هـ", "سنة 1445 هجرية".
    fn hijri_year(&self, at: usize) -> Option<(i32, usize)> {
        let mut at = at;
        if let Some(end) = self.word(at, Meaning::Period(Unit::Year)) {
            at = end;
        }
        let (value, _) = self.digits(at)?;
        if !HIJRI_YEARS.contains(&value) {
            return None;
        }
        let end = self.word(at + 1, Meaning::HijriEra).unwrap_or(at + 1);
        Some((i32::try_from(value).ok()?, end))
    }

    /// "يوم السبت"، "اليوم الجمعة"، "مساء الخميس"، "صباح يوم الأحد"،
    /// "السبت الماضي"، "ليل الخميس-الجمعة": the weekday, how it relates to
    /// publication and the index after the phrase.
    fn weekday_phrase(&self, at: usize) -> Option<(Weekday, Relation, usize)> {
        let mut next = at;
        if let Some(end) = self.word(next, Meaning::DayPart) {
            next = end;
        }
        if let Some(end) = self
            .word(next, Meaning::DayWord)
            .or_else(|| self.word(next, Meaning::Day(0)))
        {
            next = end;
        }
        let hit = self.phrase(next, |m| matches!(m, Meaning::Weekday(_)))?;
        let Meaning::Weekday(weekday) = hit.meaning else {
            return None;
        };
        // "الاثنين" is also "the two": "كلا الاثنين"، "بين الاثنين".
        if weekday == Weekday::Monday
            && next == at
            && at > 0
            && self.exact(at - 1, |m| m == Meaning::PairWord).is_some()
        {
            return None;
        }
        let mut end = hit.end;
        // "ليل الخميس-الجمعة": the night that starts on the first day.
        if self.is_punct(end, &['-', '/']) {
            if let Some(second) = self.phrase(end + 1, |m| m == Meaning::Weekday(weekday.next())) {
                end = second.end;
            }
        }
        if let Some(after) = self.word(end, Meaning::Past) {
            return Some((weekday, Relation::Before, after));
        }
        if let Some(after) = self.word(end, Meaning::Next) {
            return Some((weekday, Relation::After, after));
        }
        Some((weekday, Relation::OnOrBefore, end))
    }

    // ---- Recognisers ---------------------------------------------------

    /// A day with its month or a numeric date, possibly after a weekday:
    /// "الجمعة، 7 نيسان 2018".
    fn explicit(&self, at: usize) -> Option<Found> {
        let direct = self.day_date(at);
        let after_weekday = self.weekday_phrase(at).and_then(|(_, relation, end)| {
            if relation != Relation::OnOrBefore {
                return None;
            }
            let end = end + usize::from(self.is_punct(end, &['،', ',', '-']));
            self.day_date(end).map(|found| Found { start: at, ..found })
        });
        match (direct, after_weekday) {
            (Some(a), Some(b)) if b.end > a.end => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        }
    }

    /// A date with a day: numeric, day + month (+ year), or Hijri.
    fn day_date(&self, at: usize) -> Option<Found> {
        if let Some(found) = self.numeric(at) {
            return Some(found);
        }
        let (day, after_day, ordinal) = match self.day_number(at) {
            Some(day) => (day, at + 1, false),
            None => {
                let (day, end) = self.ordinal(at)?;
                (day, end, true)
            }
        };
        let month_at = match self.word(after_day, Meaning::Of) {
            Some(end) => end,
            // "السابع أكتوبر" is not how dates are written; ordinals need "من".
            None if ordinal => return None,
            None => after_day,
        };
        if let Some((month, after_month)) = self.month_pair(month_at, true) {
            if let Some((year, end)) = self.year_after(after_month) {
                let value = match self.resolve_year(year) {
                    Some(year) => Some(Date::new(year, month, day).ok()?),
                    None => None,
                };
                return Some(found(at, end, value, Precision::Day, DateKind::Explicit));
            }
            // The day must exist in some year: 29 February does, 31 April not.
            Date::new(2000, month, day).ok()?;
            // "7 أكتوبر الماضي": the last one, with no days of grace.
            let (grace, end) = match self.word(after_month, Meaning::Past) {
                Some(end) => (0, end),
                None => (GRACE_DAYS, after_month),
            };
            let value = self
                .published
                .and_then(|p| recent_day(p, month, day, grace));
            return Some(found(at, end, value, Precision::Day, DateKind::Explicit));
        }
        let (month, after_month) = self.hijri_month(month_at)?;
        let (year, end) = self.hijri_year(after_month)?;
        let date = hijri::to_gregorian(year, i32::from(month), i32::from(day))?;
        Some(found(at, end, Some(date), Precision::Day, DateKind::Hijri))
    }

    /// "2018/4/7"، "7/4/2018" (day first)، "2018-04-07"، "7.4.2018", and
    /// "1445/9/15 هـ".
    fn numeric(&self, at: usize) -> Option<Found> {
        let first = self
            .tokens
            .get(at)
            .filter(|t| t.kind == TokenKind::Number)?;
        let first_text = first.text(self.text);
        let (parts, end): ([&str; 3], usize) = if first_text.matches('.').count() == 2 {
            let mut split = first_text.split('.');
            let parts = [split.next()?, split.next()?, split.next()?];
            (parts, at + 1)
        } else {
            // Both separators alike: "2018/4/7", "2018-04-07"; not "2018-4/7".
            ['/', '-']
                .into_iter()
                .find(|&c| self.is_punct(at + 1, &[c]) && self.is_punct(at + 3, &[c]))?;
            let contiguous = (at..at + 4).all(|i| self.touching(i, i + 1));
            if !contiguous
                || self.tokens.get(at + 2).map(|t| t.kind) != Some(TokenKind::Number)
                || self.tokens.get(at + 4).map(|t| t.kind) != Some(TokenKind::Number)
            {
                return None;
            }
            let parts = [first_text, self.text_at(at + 2)?, self.text_at(at + 4)?];
            (parts, at + 5)
        };
        if !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        // "alhadath.net/2023/10/07/…" and "1/2/2018/5": part of a path or a
        // longer figure, not a date written in a sentence.
        let glued_before = at > 0
            && self.touching(at - 1, at)
            && (self.is_punct(at - 1, &['/', '-', '.', ':'])
                || self.tokens[at - 1].kind == TokenKind::Number);
        let glued_after = self.touching(end - 1, end)
            && (self.is_punct(end, &['/', '-', ':'])
                || self
                    .tokens
                    .get(end)
                    .is_some_and(|t| t.kind == TokenKind::Number));
        if glued_before || glued_after {
            return None;
        }
        let (year, month, day) = match parts.map(str::len) {
            [4, 1 | 2, 1 | 2] => (parts[0], parts[1], parts[2]),
            [1 | 2, 1 | 2, 4] => (parts[2], parts[1], parts[0]),
            _ => return None,
        };
        let year: u32 = year.parse().ok()?;
        let month: i8 = month.parse().ok()?;
        let day: i8 = day.parse().ok()?;
        if YEARS.contains(&year) {
            let date = Date::new(i16::try_from(year).ok()?, month, day).ok()?;
            let end = match self.exact(end, |m| m == Meaning::CommonEra) {
                Some(hit) if self.touching(end - 1, end) => hit.end,
                _ => end,
            };
            return Some(found(
                at,
                end,
                Some(date),
                Precision::Day,
                DateKind::Explicit,
            ));
        }
        if HIJRI_YEARS.contains(&year) {
            let era_end = self.word(end, Meaning::HijriEra)?;
            let year = i32::try_from(year).ok()?;
            let date = hijri::to_gregorian(year, i32::from(month), i32::from(day))?;
            return Some(found(
                at,
                era_end,
                Some(date),
                Precision::Day,
                DateKind::Hijri,
            ));
        }
        None
    }

    /// A month without a day: "آذار 2011"، "شهر آذار 2011"، "شهر نيسان"،
    /// "نيسان الماضي".
    fn month_year(&self, at: usize) -> Option<Found> {
        let (month_at, month_word) = match self.word(at, Meaning::MonthWord) {
            Some(end) => (end, true),
            None => (at, false),
        };
        let (month, after_month) = self.month_pair(month_at, true)?;
        if let Some((year, end)) = self.year_after(after_month) {
            let date = self
                .resolve_year(year)
                .and_then(|year| Date::new(year, month, 1).ok());
            return Some(found(at, end, date, Precision::Month, DateKind::MonthYear));
        }
        // Without a year, a name that is also a common word is not trusted.
        self.month(month_at, false)?;
        if let Some(end) = self.word(after_month, Meaning::Past) {
            let value = self.published.and_then(|p| {
                let year = if month < p.month() {
                    p.year()
                } else {
                    p.year() - 1
                };
                Date::new(year, month, 1).ok()
            });
            return Some(found(at, end, value, Precision::Month, DateKind::MonthYear));
        }
        if month_word {
            let value = self.published.and_then(|p| {
                let year = if month <= p.month() {
                    p.year()
                } else {
                    p.year() - 1
                };
                Date::new(year, month, 1).ok()
            });
            return Some(found(
                at,
                after_month,
                value,
                Precision::Month,
                DateKind::MonthYear,
            ));
        }
        None
    }

    /// "عام 2016"، "العام 2016"، "سنة 2016"، "2016م".
    fn year_only(&self, at: usize) -> Option<Found> {
        let (year, end) = match self.word(at, Meaning::Period(Unit::Year)) {
            Some(after_cue) => self.year(after_cue)?,
            None => {
                let (year, end) = self.year(at)?;
                if end == at + 1 {
                    return None;
                }
                (year, end)
            }
        };
        let date = Date::new(year, 1, 1).ok();
        Some(found(at, end, date, Precision::Year, DateKind::YearOnly))
    }

    /// A weekday: "السبت"، "يوم الجمعة"، "اليوم الخميس"، "الجمعة الماضية".
    fn weekday(&self, at: usize) -> Option<Found> {
        let (weekday, relation, end) = self.weekday_phrase(at)?;
        let value = self.published.and_then(|p| match relation {
            Relation::OnOrBefore => on_or_before(p, weekday),
            Relation::Before => on_or_before(p.yesterday().ok()?, weekday),
            Relation::After => {
                let ahead = match p.weekday().until(weekday) {
                    0 => 7,
                    days => days,
                };
                p.checked_add(i64::from(ahead).days()).ok()
            }
        });
        Some(found(at, end, value, Precision::Day, DateKind::Weekday))
    }

    /// "اليوم"، "فجر اليوم"، "أمس"، "يوم أمس"، "مساء أمس"، "الليلة الماضية"،
    /// "أول أمس".
    fn relative_day(&self, at: usize) -> Option<Found> {
        let mut next = at;
        if let Some(end) = self.word(next, Meaning::DayPart) {
            next = end;
        }
        if let Some(end) = self.word(next, Meaning::DayWord) {
            next = end;
        }
        let hit = self.phrase(next, |m| matches!(m, Meaning::Day(_)))?;
        let Meaning::Day(offset) = hit.meaning else {
            return None;
        };
        if offset == 0 {
            // "اليوم التالي"، "اليوم الأول"، "اليوم 87 للحصار": a day of the
            // story, not today.
            let story_day = self
                .phrase(hit.end, |m| {
                    matches!(m, Meaning::NotToday | Meaning::Ordinal(_))
                })
                .is_some()
                || self
                    .tokens
                    .get(hit.end)
                    .is_some_and(|t| t.kind == TokenKind::Number);
            if story_day {
                return None;
            }
        }
        let value = self
            .published
            .and_then(|p| p.checked_add(i64::from(offset).days()).ok());
        Some(found(
            at,
            hit.end,
            value,
            Precision::Day,
            DateKind::Relative,
        ))
    }

    /// "الأسبوع الماضي"، "الشهر الماضي"، "العام الماضي"، "هذا الأسبوع"،
    /// "الشهر الجاري"، "الأسبوع المقبل".
    fn relative_period(&self, at: usize) -> Option<Found> {
        let (period_at, this) = match self.word(at, Meaning::This) {
            Some(end) => (end, true),
            None => (at, false),
        };
        let hit = self.phrase(period_at, |m| matches!(m, Meaning::Period(_)))?;
        let Meaning::Period(unit) = hit.meaning else {
            return None;
        };
        let (step, end) = if this {
            (0, hit.end)
        } else if let Some(end) = self.word(hit.end, Meaning::Past) {
            (-1, end)
        } else if let Some(end) = self.word(hit.end, Meaning::Current) {
            (0, end)
        } else if let Some(end) = self.word(hit.end, Meaning::Next) {
            (1, end)
        } else {
            return None;
        };
        let (value, precision) = match unit {
            Unit::Day => return None,
            Unit::Week => (
                self.published
                    .and_then(|p| p.checked_add((7 * step).days()).ok()),
                Precision::Week,
            ),
            Unit::Month => (
                self.published
                    .and_then(|p| p.first_of_month().checked_add(step.months()).ok()),
                Precision::Month,
            ),
            Unit::Year => (
                self.published
                    .and_then(|p| p.first_of_year().checked_add(step.years()).ok()),
                Precision::Year,
            ),
        };
        Some(found(at, end, value, precision, DateKind::Relative))
    }

    /// "منذ يومين"، "قبل ثلاثة أيام"، "منذ أسبوع"، "قبل 11 شهرا"; not
    /// "قبل ثلاثة أيام من الهجوم", which counts from another event.
    fn ago(&self, at: usize) -> Option<Found> {
        let after_ago = self.word(at, Meaning::Ago)?;
        let unit_hit = |at: usize| self.phrase(at, |m| matches!(m, Meaning::Unit(..)));
        let (unit, count, end) = match unit_hit(after_ago) {
            Some(Hit {
                meaning: Meaning::Unit(unit, count @ (Count::One | Count::Two)),
                end,
                ..
            }) => (unit, if count == Count::One { 1 } else { 2 }, end),
            _ => {
                let number = self
                    .lexicon
                    .numbers
                    .parse_at(self.text, self.tokens, after_ago)?;
                if number.vague || !(1..=99).contains(&number.value) {
                    return None;
                }
                match unit_hit(number.end) {
                    Some(Hit {
                        meaning: Meaning::Unit(unit, Count::Plural),
                        end,
                        ..
                    }) => (unit, i64::try_from(number.value).ok()?, end),
                    _ => return None,
                }
            }
        };
        if self.word(end, Meaning::CountedFrom).is_some() {
            return None;
        }
        let (value, precision) = match unit {
            Unit::Day => (
                self.published
                    .and_then(|p| p.checked_sub(count.days()).ok()),
                Precision::Day,
            ),
            Unit::Week => (
                self.published
                    .and_then(|p| p.checked_sub((7 * count).days()).ok()),
                Precision::Week,
            ),
            Unit::Month => (
                self.published
                    .and_then(|p| p.first_of_month().checked_sub(count.months()).ok()),
                Precision::Month,
            ),
            Unit::Year => return None,
        };
        Some(found(at, end, value, precision, DateKind::Relative))
    }
}

fn found(
    start: usize,
    end: usize,
    value: Option<Date>,
    precision: Precision,
    kind: DateKind,
) -> Found {
    Found {
        start,
        end,
        value,
        precision,
        kind,
    }
}

/// The last `weekday` on or before `date`.
fn on_or_before(date: Date, weekday: Weekday) -> Option<Date> {
    let back = weekday.until(date.weekday());
    date.checked_sub(i64::from(back).days()).ok()
}

/// The most recent (month, day) on or before publication plus `grace` days.
fn recent_day(published: Date, month: i8, day: i8, grace: i64) -> Option<Date> {
    let latest = published.checked_add(grace.days()).ok()?;
    let year = published.year();
    // Four years back reaches the last 29 February.
    (year.saturating_sub(4)..=year.saturating_add(1))
        .rev()
        .filter_map(|y| Date::new(y, month, day).ok())
        .find(|&date| date <= latest)
}

#[cfg(test)]
mod tests;
