//! rasid's linguistic knowledge, loaded from data files that a linguist edits.
//!
//! Every file under `data/lexicons/` is a TSV table with a header row, `#`
//! comment lines, and an `example` column that must contain the entry's phrase
//! (checked at load, so an entry without a working example is refused with its
//! file and line). The files are compiled into the binary; [`Lexicons::load_dir`]
//! reads an edited copy instead.
//!
//! ```
//! use rasid_lexicon::{Lexicons, Tag};
//! use rasid_text::{normalize_str, tokenize};
//!
//! let lexicons = Lexicons::builtin().expect("the shipped lexicons load");
//! let text = normalize_str("أسفر القصف عن مقتل 5 مدنيين");
//! let tokens = tokenize(&text);
//! let hits: Vec<_> = lexicons.matches_at(&text, &tokens, 3).collect();
//! assert!(hits.iter().any(|m| matches!(m.tag, Tag::Victim(_))));
//! ```

mod phrase;
mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use phrase::{PhraseIndex, PhraseMatch};
use rasid_text::Token;
use table::Table;

/// A lexicon file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row is malformed.
    #[error("`{file}` line {line}: {message}")]
    Row {
        /// The file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a victim word does in a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Comes before the figure: "مقتل 32"، "أصيب 55".
    Trigger,
    /// Comes right after the figure and names the victims: "30 شهيدا"، "عشرات الجرحى".
    Noun,
    /// A verb after the counted people: "1200 مدني … أصيبوا".
    Post,
}

/// Kind of harm a claim counts; the strings are the claim format's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// killed
    Killed,
    /// injured
    Injured,
    /// `killed_or_injured` ("50 بين قتيل وجريح")
    KilledOrInjured,
    /// missing
    Missing,
    /// detained
    Detained,
    /// displaced
    Displaced,
}

impl Kind {
    /// The name used in claim records.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Killed => "killed",
            Kind::Injured => "injured",
            Kind::KilledOrInjured => "killed_or_injured",
            Kind::Missing => "missing",
            Kind::Detained => "detained",
            Kind::Displaced => "displaced",
        }
    }
}

/// Grammatical number of a noun, for reading "مقتل طفل" as 1 and "طفلين" as 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrammaticalNumber {
    /// One: "طفل"، "قتيلا".
    Singular,
    /// Two: "طفلين"، "امرأتان".
    Dual,
    /// Three or more, or unknown: "أطفال"، "مدنيين" (dual and plural look alike unvocalised).
    Plural,
}

impl GrammaticalNumber {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "sg" => GrammaticalNumber::Singular,
            "du" => GrammaticalNumber::Dual,
            "pl" | "-" => GrammaticalNumber::Plural,
            _ => return None,
        })
    }
}

/// A word or phrase about harm to people (`victims.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VictimEntry {
    /// The phrase as written in the file.
    pub phrase: String,
    /// Where it stands relative to the figure.
    pub role: Role,
    /// Kind of harm.
    pub kind: Kind,
    /// Group it names, if any (`شهداء` none; `قتلى مدنيين` … none here).
    pub group: Option<String>,
    /// Grammatical number.
    pub number: GrammaticalNumber,
    /// Whether it names a running toll ("عدد القتلى"، "حصيلة الشهداء") that a
    /// figure far after it completes ("… إلى 70").
    pub toll: bool,
}

/// A noun for people (`persons.tsv`): "شخص"، "مدنيين"، "عناصر الدفاع المدني".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// The phrase as written.
    pub phrase: String,
    /// The group it names, if any.
    pub group: Option<String>,
    /// Grammatical number.
    pub number: GrammaticalNumber,
}

/// A qualifier of a figure (`qualifiers.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifierEntry {
    /// The phrase as written.
    pub phrase: String,
    /// `exact`, `at_least`, `more_than`, `about`, `up_to`, `less_than`, `range`.
    pub qualifier: String,
    /// Whether it follows the figure ("على الأقل" may) rather than precedes it.
    pub after: bool,
}

/// How a reporting expression introduces its source (`reporting.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportingType {
    /// A verb with its subject: "قال المرصد"، "المرصد قال".
    Verb,
    /// A participle carrying the sentence's subject: "مشيرا إلى".
    Participle,
    /// A preposition before the source: "وفق المرصد"، "بحسب مصادر طبية".
    Preposition,
}

/// A reporting verb or preposition (`reporting.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingEntry {
    /// The phrase as written.
    pub phrase: String,
    /// How it introduces the source.
    pub kind: ReportingType,
}

/// A known source and one of its aliases (`sources.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// Canonical id: `sohr`, `civil-defence`, …
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// The alias as written.
    pub alias: String,
}

/// Why a nearby phrase stops a figure from being a claim (`blockers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockerType {
    /// "صعوبة تهجير"، "قد يؤدي إلى"، "في حال".
    Hypothetical,
    /// "لم يسفر عن"، "نفى".
    Negation,
    /// "الإفراج عن"، "عودة": the opposite of the harm.
    Reversal,
    /// A counted thing that is not people: "غارة"، "عاما"، "دولار".
    Unit,
    /// A noun after which a number is a year or a date: "عام 2016".
    Year,
}

/// A blocker (`blockers.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerEntry {
    /// The phrase as written.
    pub phrase: String,
    /// What it blocks.
    pub kind: BlockerType,
}

/// What a marker marks (`markers.tsv`, column `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `subgroup`: "بينهم"، "من بينهم".
    Subgroup,
    /// `clause`: "فيما"، "بينما".
    Clause,
    /// `subject_stop`: "إن"، "في بيان".
    SubjectStop,
    /// `campaign`: "خلال الحملة".
    Campaign,
    /// `connector`: "إلى"، "عن".
    Connector,
    /// `responsibility`: the object of a reporting verb that claims or denies
    /// responsibility ("أعلنت الحركة تبنيها للهجوم"): the verb then reports
    /// who did it, not the figures of the sentence.
    Responsibility,
    /// `colleagues`: a figure of someone's colleagues ("اثنان من زملائه")
    /// counts people of the group of the person named before.
    Colleagues,
}

/// A clause or phrase marker (`markers.tsv`): subgroups, clause boundaries,
/// subject stops, campaign totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerEntry {
    /// The phrase as written.
    pub phrase: String,
    /// What it marks.
    pub kind: MarkerKind,
}

/// What a phrase match refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Index into [`Lexicons::victims`].
    Victim(u32),
    /// Index into [`Lexicons::persons`].
    Person(u32),
    /// Index into [`Lexicons::qualifiers`].
    Qualifier(u32),
    /// Index into [`Lexicons::reporting`].
    Reporting(u32),
    /// Index into [`Lexicons::sources`].
    Source(u32),
    /// Index into [`Lexicons::blockers`].
    Blocker(u32),
    /// Index into [`Lexicons::markers`].
    Marker(u32),
}

/// All lexicons, with one phrase index over them.
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// `victims.tsv`.
    pub victims: Vec<VictimEntry>,
    /// `persons.tsv`.
    pub persons: Vec<PersonEntry>,
    /// `qualifiers.tsv`.
    pub qualifiers: Vec<QualifierEntry>,
    /// `reporting.tsv`.
    pub reporting: Vec<ReportingEntry>,
    /// `sources.tsv`.
    pub sources: Vec<SourceEntry>,
    /// `blockers.tsv`.
    pub blockers: Vec<BlockerEntry>,
    /// `markers.tsv`.
    pub markers: Vec<MarkerEntry>,
    index: PhraseIndex<Tag>,
}

/// The shipped lexicon files: (file name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "victims.tsv",
        include_str!("../../../data/lexicons/victims.tsv"),
    ),
    (
        "persons.tsv",
        include_str!("../../../data/lexicons/persons.tsv"),
    ),
    (
        "qualifiers.tsv",
        include_str!("../../../data/lexicons/qualifiers.tsv"),
    ),
    (
        "reporting.tsv",
        include_str!("../../../data/lexicons/reporting.tsv"),
    ),
    (
        "sources.tsv",
        include_str!("../../../data/lexicons/sources.tsv"),
    ),
    (
        "blockers.tsv",
        include_str!("../../../data/lexicons/blockers.tsv"),
    ),
    (
        "markers.tsv",
        include_str!("../../../data/lexicons/markers.tsv"),
    ),
];

const VALID_GROUPS: &[&str] = &[
    "civilians",
    "children",
    "women",
    "fighters",
    "soldiers",
    "civil_defence",
    "medics",
    "journalists",
];

fn group(
    table: &Table<'_>,
    row: &table::Row<'_>,
    column: &str,
) -> Result<Option<String>, LexiconError> {
    match row.get(column) {
        "" | "-" => Ok(None),
        g if VALID_GROUPS.contains(&g) => Ok(Some(g.to_owned())),
        g => Err(table.error(
            row.line,
            format!(
                "unknown group `{g}` (one of {}, or -)",
                VALID_GROUPS.join(", ")
            ),
        )),
    }
}

fn number(table: &Table<'_>, row: &table::Row<'_>) -> Result<GrammaticalNumber, LexiconError> {
    let n = row.get("number");
    GrammaticalNumber::parse(n)
        .ok_or_else(|| table.error(row.line, format!("unknown number `{n}` (sg, du, pl or -)")))
}

impl Lexicons {
    /// The lexicons compiled into the binary.
    ///
    /// # Errors
    /// When a shipped file is malformed (a test keeps this from happening).
    pub fn builtin() -> Result<Self, LexiconError> {
        Self::from_files(
            BUILTIN
                .iter()
                .map(|&(name, text)| (name.to_owned(), text.to_owned())),
        )
    }

    /// Loads every lexicon from a directory holding the same file names as
    /// `data/lexicons/`. A missing file falls back to the shipped one.
    ///
    /// # Errors
    /// When a file cannot be read or holds a malformed row.
    pub fn load_dir(dir: &Path) -> Result<Self, LexiconError> {
        let mut files = Vec::new();
        for &(name, builtin) in BUILTIN {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_owned(),
                Err(source) => return Err(LexiconError::Read { path, source }),
            };
            files.push((path.display().to_string(), text));
        }
        Self::from_files(files)
    }

    fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Self, LexiconError> {
        let texts: HashMap<String, (String, String)> = files
            .into_iter()
            .map(|(name, text)| {
                let base = Path::new(&name)
                    .file_name()
                    .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
                (base, (name, text))
            })
            .collect();
        let get = |base: &str| -> Result<Table<'_>, LexiconError> {
            let (name, text) = texts.get(base).ok_or_else(|| LexiconError::Row {
                file: base.to_owned(),
                line: 0,
                message: "lexicon file missing".to_owned(),
            })?;
            Table::parse(name, text)
        };
        let mut lex = Lexicons {
            victims: Vec::new(),
            persons: Vec::new(),
            qualifiers: Vec::new(),
            reporting: Vec::new(),
            sources: Vec::new(),
            blockers: Vec::new(),
            markers: Vec::new(),
            index: PhraseIndex::default(),
        };

        let t = get("victims.tsv")?;
        for row in t.rows(&["phrase", "role", "kind", "group", "number", "example"])? {
            let role = t.choice(
                &row,
                "role",
                &[
                    ("trigger", Role::Trigger),
                    ("noun", Role::Noun),
                    ("post", Role::Post),
                ],
            )?;
            let kind = t.choice(
                &row,
                "kind",
                &[
                    ("killed", Kind::Killed),
                    ("injured", Kind::Injured),
                    ("killed_or_injured", Kind::KilledOrInjured),
                    ("missing", Kind::Missing),
                    ("detained", Kind::Detained),
                    ("displaced", Kind::Displaced),
                ],
            )?;
            let normalized = rasid_text::normalize_str(row.get("phrase"));
            let toll = normalized.starts_with("عدد") || normalized.starts_with("حصيله");
            lex.victims.push(VictimEntry {
                toll,
                phrase: row.get("phrase").to_owned(),
                role,
                kind,
                group: group(&t, &row, "group")?,
                number: number(&t, &row)?,
            });
            t.add(
                &mut lex.index,
                &row,
                "phrase",
                Tag::Victim(index(lex.victims.len())),
            )?;
        }

        let t = get("persons.tsv")?;
        for row in t.rows(&["phrase", "group", "number", "example"])? {
            lex.persons.push(PersonEntry {
                phrase: row.get("phrase").to_owned(),
                group: group(&t, &row, "group")?,
                number: number(&t, &row)?,
            });
            t.add(
                &mut lex.index,
                &row,
                "phrase",
                Tag::Person(index(lex.persons.len())),
            )?;
        }

        let t = get("qualifiers.tsv")?;
        for row in t.rows(&["phrase", "qualifier", "position", "example"])? {
            let qualifier = t.choice(
                &row,
                "qualifier",
                &[
                    ("exact", "exact"),
                    ("at_least", "at_least"),
                    ("more_than", "more_than"),
                    ("about", "about"),
                    ("up_to", "up_to"),
                    ("less_than", "less_than"),
                    ("range", "range"),
                ],
            )?;
            let after = t.choice(&row, "position", &[("before", false), ("after", true)])?;
            lex.qualifiers.push(QualifierEntry {
                phrase: row.get("phrase").to_owned(),
                qualifier: qualifier.to_owned(),
                after,
            });
            t.add(
                &mut lex.index,
                &row,
                "phrase",
                Tag::Qualifier(index(lex.qualifiers.len())),
            )?;
        }

        get("reporting.tsv")?.typed_phrases(
            &mut lex.index,
            &[
                ("verb", ReportingType::Verb),
                ("participle", ReportingType::Participle),
                ("preposition", ReportingType::Preposition),
            ],
            |phrase, kind| {
                lex.reporting.push(ReportingEntry { phrase, kind });
                Tag::Reporting(index(lex.reporting.len()))
            },
        )?;

        let t = get("sources.tsv")?;
        for row in t.rows(&["id", "name", "alias", "example"])? {
            lex.sources.push(SourceEntry {
                id: row.get("id").to_owned(),
                name: row.get("name").to_owned(),
                alias: row.get("alias").to_owned(),
            });
            t.add(
                &mut lex.index,
                &row,
                "alias",
                Tag::Source(index(lex.sources.len())),
            )?;
        }

        get("blockers.tsv")?.typed_phrases(
            &mut lex.index,
            &[
                ("hypothetical", BlockerType::Hypothetical),
                ("negation", BlockerType::Negation),
                ("reversal", BlockerType::Reversal),
                ("unit", BlockerType::Unit),
                ("year", BlockerType::Year),
            ],
            |phrase, kind| {
                lex.blockers.push(BlockerEntry { phrase, kind });
                Tag::Blocker(index(lex.blockers.len()))
            },
        )?;

        get("markers.tsv")?.typed_phrases(
            &mut lex.index,
            &[
                ("subgroup", MarkerKind::Subgroup),
                ("clause", MarkerKind::Clause),
                ("subject_stop", MarkerKind::SubjectStop),
                ("campaign", MarkerKind::Campaign),
                ("connector", MarkerKind::Connector),
                ("responsibility", MarkerKind::Responsibility),
                ("colleagues", MarkerKind::Colleagues),
            ],
            |phrase, kind| {
                lex.markers.push(MarkerEntry { phrase, kind });
                Tag::Marker(index(lex.markers.len()))
            },
        )?;
        Ok(lex)
    }

    /// Appends every phrase that starts at token `i` to `out`, longest first.
    pub fn matches_into(
        &self,
        normalized: &str,
        tokens: &[Token],
        i: usize,
        out: &mut Vec<PhraseMatch<Tag>>,
    ) {
        self.index.matches_into(normalized, tokens, i, out);
    }

    /// Every phrase that starts at token `i`, longest first.
    pub fn matches_at<'s>(
        &'s self,
        normalized: &'s str,
        tokens: &'s [Token],
        i: usize,
    ) -> impl Iterator<Item = PhraseMatch<Tag>> + 's {
        self.index.matches_at(normalized, tokens, i)
    }
}

/// The index of the entry just pushed.
fn index(len: usize) -> u32 {
    u32::try_from(len - 1).expect("fewer than 4 billion lexicon entries")
}

#[cfg(test)]
mod tests;
