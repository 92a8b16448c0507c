//! rasid's linguistic knowledge, loaded from data files that a linguist edits,
//! and the one reader and the one matcher every stage reads them with.
//!
//! * [`table`] — the one reader of data files: TSV tables with a header row,
//!   `#` comment lines, checked columns and enumerated values, and an
//!   `example` column that must contain the entry's phrase; a bad row is a
//!   [`DataError`] naming the file and the line.
//! * [`PhraseIndex`] — the one phrase matcher, over the clitic-aware tokens
//!   of `rasid-text`, with a [`Reading`] per phrase.
//! * [`files`] — every file of `data/lexicons/` as a [`LexiconFiles`] set:
//!   compiled into the binary, or a folder of edited copies laid over them
//!   (a missing folder or a file that is not a lexicon is an error).
//! * [`numbers`] — Arabic numbers in digits and words, the words from
//!   `numbers.tsv`.
//! * [`Lexicons`] — the extraction lexicons (victims, persons, qualifiers,
//!   reporting, sources, blockers, markers, numbers) in one phrase index; the
//!   time words, actors, events, role cues and place words are read by their
//!   own crates from the same set of files.
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

mod error;
pub mod files;
pub mod numbers;
mod phrase;
pub mod table;

use std::path::Path;

pub use error::{DataError, LexiconError};
pub use files::{Changes, LexiconFile, LexiconFiles};
pub use numbers::{NumberMatch, NumberWords};
pub use phrase::{PhraseError, PhraseIndex, PhraseMatch, Reading};
use rasid_text::Token;
use table::{Row, Schema, Table};

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
    /// figure far after it completes ("… إلى 70"): role `toll` in the file.
    pub toll: bool,
    /// Line in the file.
    pub line: usize,
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
    /// Line in the file.
    pub line: usize,
}

/// How a figure is qualified; the strings are the claim format's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "32".
    Exact,
    /// "على الأقل"، "ما لا يقل عن".
    AtLeast,
    /// "أكثر من"، "ما يزيد على".
    MoreThan,
    /// "نحو"، "حوالي"، "قرابة".
    About,
    /// "حتى"، "ما يصل إلى".
    UpTo,
    /// "أقل من".
    LessThan,
    /// "بين 10 و15".
    Range,
    /// "عشرات"، "مئات"، "آلاف".
    Vague,
}

impl Qualifier {
    /// The name used in claim records.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::About => "about",
            Qualifier::UpTo => "up_to",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }

    /// Whether the figure is a floor with no ceiling ("أكثر من"، "على الأقل").
    #[must_use]
    pub fn is_open_above(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::MoreThan)
    }

    /// Whether the figure is a ceiling with no floor ("حتى"، "أقل من").
    #[must_use]
    pub fn is_open_below(self) -> bool {
        matches!(self, Qualifier::UpTo | Qualifier::LessThan)
    }
}

/// A qualifier of a figure (`qualifiers.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifierEntry {
    /// The phrase as written.
    pub phrase: String,
    /// What it makes of the figure (never [`Qualifier::Vague`]: vagueness is
    /// the number word's).
    pub qualifier: Qualifier,
    /// Whether it follows the figure ("على الأقل" may) rather than precedes it.
    pub after: bool,
    /// Line in the file.
    pub line: usize,
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
    /// A preposition whose source is joined to "ل": "وفقا لمصادر طبية"
    /// (file type `preposition_lam`).
    PrepositionLam,
    /// What may stand between a preposition and the reporting verb it
    /// introduces: "بحسب ما أفاد ناشطون".
    Relative,
    /// The pronoun after that verb: "حسب ما صرح به الجيش".
    Resumptive,
    /// After a verb's subject, the word that names the source it relays:
    /// "نقلت الوكالة عن مصادر طبية".
    Relay,
}

impl ReportingType {
    /// Whether the expression introduces its source as a preposition does.
    #[must_use]
    pub fn is_preposition(self) -> bool {
        matches!(self, Self::Preposition | Self::PrepositionLam)
    }

    /// Whether the expression introduces a source by itself (a verb, a
    /// participle, a preposition), rather than linking the parts of one.
    #[must_use]
    pub fn introduces(self) -> bool {
        matches!(
            self,
            Self::Verb | Self::Participle | Self::Preposition | Self::PrepositionLam
        )
    }
}

/// The types of `reporting.tsv`.
const REPORTING_TYPES: &[(&str, ReportingType)] = &[
    ("verb", ReportingType::Verb),
    ("participle", ReportingType::Participle),
    ("preposition", ReportingType::Preposition),
    ("preposition_lam", ReportingType::PrepositionLam),
    ("relative", ReportingType::Relative),
    ("resumptive", ReportingType::Resumptive),
    ("relay", ReportingType::Relay),
];

impl ReportingType {
    /// The type as `reporting.tsv` writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        name_of(REPORTING_TYPES, self)
    }
}

/// The name a file gives a value of one of its enumerations.
fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("?", |(name, _)| name)
}

/// A reporting verb or preposition (`reporting.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingEntry {
    /// The phrase as written.
    pub phrase: String,
    /// How it introduces the source.
    pub kind: ReportingType,
    /// Line in the file.
    pub line: usize,
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
    /// Line in the file.
    pub line: usize,
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
    /// A modal that makes a possibility of the verb in the imperfect after
    /// it ("قد يلقى"), and an assertion of a perfect ("قد قتل").
    Modal,
    /// A word of intention or demand whose object is the harm ("دعوة
    /// لتهجير"، "بهدف تهجير"): it blocks when a trigger follows it.
    Intent,
}

impl BlockerType {
    /// Whether a blocker of this type cancels a claim in its clause.
    #[must_use]
    pub fn cancels(self) -> bool {
        matches!(self, Self::Hypothetical | Self::Negation | Self::Reversal)
    }
}

/// The types of `blockers.tsv`.
const BLOCKER_TYPES: &[(&str, BlockerType)] = &[
    ("hypothetical", BlockerType::Hypothetical),
    ("negation", BlockerType::Negation),
    ("reversal", BlockerType::Reversal),
    ("unit", BlockerType::Unit),
    ("year", BlockerType::Year),
    ("modal", BlockerType::Modal),
    ("intent", BlockerType::Intent),
];

impl BlockerType {
    /// The type as `blockers.tsv` writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        name_of(BLOCKER_TYPES, self)
    }
}

/// A blocker (`blockers.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockerEntry {
    /// The phrase as written.
    pub phrase: String,
    /// What it blocks.
    pub kind: BlockerType,
    /// Line in the file.
    pub line: usize,
}

/// What a marker marks (`markers.tsv`, column `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `subgroup`: "بينهم"، "من بينهم".
    Subgroup,
    /// `among`: "بين" before a plural victim noun opens a subgroup of that
    /// kind ("بين القتلى ثلاث نساء").
    Among,
    /// `partitive`: "من" between a figure and the people it counts ("6 من
    /// عناصر الشرطة"، "اثنان من زملائه").
    Partitive,
    /// `clause`: "فيما"، "بينما".
    Clause,
    /// `subject_stop`: "إن"، "في بيان".
    SubjectStop,
    /// `campaign`: "خلال الحملة".
    Campaign,
    /// `connector`: "إلى"، "عن".
    Connector,
    /// `toll_link`: the word right before the figure that completes a toll
    /// ("ارتفع عدد القتلى … إلى 70"، "بلغ").
    TollLink,
    /// `range_from` / `range_to`: "من 10 إلى 15".
    RangeFrom,
    /// See [`MarkerKind::RangeFrom`].
    RangeTo,
    /// `range_verb`: a verb that spans a range ("يتراوح عددهم من 10 إلى 15").
    RangeVerb,
    /// `rise`: a verb of a rising count ("ارتفع عدد القتلى من 12 إلى 20": the
    /// new figure, not a range).
    Rise,
    /// `responsibility`: the object of a reporting verb that claims or denies
    /// responsibility ("أعلنت الحركة تبنيها للهجوم"): the verb then reports
    /// who did it, not the figures of the sentence.
    Responsibility,
    /// `colleagues`: a figure of someone's colleagues ("اثنان من زملائه")
    /// counts people of the group of the person named before.
    Colleagues,
    /// `one`: after a singular noun, "one" only stresses it ("طفل واحد").
    One,
    /// `headline_label`: a word before a colon that labels a headline and is
    /// no source ("عاجل: …").
    HeadlineLabel,
    /// `relative`: a relative pronoun ("الذي"): between a subject and its
    /// verb, or opening a relative clause.
    Relative,
    /// `auxiliary`: a word between a subject and its verb ("قد"، "كان").
    Auxiliary,
    /// `subject_start`: a subject read back from its verb stops at it
    /// ("وكان المرصد قد أعلن").
    SubjectStart,
}

/// The types of `markers.tsv`.
const MARKER_TYPES: &[(&str, MarkerKind)] = &[
    ("subgroup", MarkerKind::Subgroup),
    ("among", MarkerKind::Among),
    ("partitive", MarkerKind::Partitive),
    ("clause", MarkerKind::Clause),
    ("subject_stop", MarkerKind::SubjectStop),
    ("campaign", MarkerKind::Campaign),
    ("connector", MarkerKind::Connector),
    ("toll_link", MarkerKind::TollLink),
    ("range_from", MarkerKind::RangeFrom),
    ("range_to", MarkerKind::RangeTo),
    ("range_verb", MarkerKind::RangeVerb),
    ("rise", MarkerKind::Rise),
    ("responsibility", MarkerKind::Responsibility),
    ("colleagues", MarkerKind::Colleagues),
    ("one", MarkerKind::One),
    ("headline_label", MarkerKind::HeadlineLabel),
    ("relative", MarkerKind::Relative),
    ("auxiliary", MarkerKind::Auxiliary),
    ("subject_start", MarkerKind::SubjectStart),
];

impl MarkerKind {
    /// The type as `markers.tsv` writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        name_of(MARKER_TYPES, self)
    }
}

/// A clause or phrase marker (`markers.tsv`): subgroups, clause boundaries,
/// subject stops, campaign totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerEntry {
    /// The phrase as written.
    pub phrase: String,
    /// What it marks.
    pub kind: MarkerKind,
    /// Line in the file.
    pub line: usize,
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
    /// `numbers.tsv`.
    pub numbers: NumberWords,
    /// (file name, what errors cite) of every lexicon file.
    origins: Vec<(&'static str, String)>,
    index: PhraseIndex<Tag>,
}

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

/// A group column: one of [`VALID_GROUPS`], or `-` for none.
fn group(table: &Table<'_>, row: &Row<'_>, column: &str) -> Result<Option<String>, DataError> {
    match table.get(row, column) {
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

fn number(table: &Table<'_>, row: &Row<'_>) -> Result<GrammaticalNumber, DataError> {
    let n = table.get(row, "number");
    GrammaticalNumber::parse(n)
        .ok_or_else(|| table.error(row.line, format!("unknown number `{n}` (sg, du, pl or -)")))
}

/// Indexes the phrase in `column` of a row (its example was checked when the
/// table was read).
fn add(
    table: &Table<'_>,
    index: &mut PhraseIndex<Tag>,
    row: &Row<'_>,
    column: &str,
    tag: Tag,
) -> Result<(), DataError> {
    let phrase = table.get(row, column);
    index
        .insert(phrase, tag)
        .map_err(|e| table.error(row.line, format!("cannot index `{phrase}`: {e}")))
}

/// Reads a `phrase / type / example` table: for every row, `entry` keeps the
/// phrase with its type (one of `types`) and line, and returns the tag under
/// which the phrase is then indexed.
fn typed_phrases<T: Copy>(
    table: &Table<'_>,
    index: &mut PhraseIndex<Tag>,
    types: &[(&str, T)],
    mut entry: impl FnMut(String, T, usize) -> Tag,
) -> Result<(), DataError> {
    for row in table.rows() {
        let kind = table.choice(row, "type", types)?;
        let tag = entry(table.get(row, "phrase").to_owned(), kind, row.line);
        add(table, index, row, "phrase", tag)?;
    }
    Ok(())
}

/// The schema of a `phrase / type / example` table.
const TYPED: Schema<'static> = Schema::new(&["phrase", "type"]).example_of("phrase");

impl Lexicons {
    /// The lexicons compiled into the binary.
    ///
    /// # Errors
    /// When a shipped file is malformed (a test keeps this from happening).
    pub fn builtin() -> Result<Self, DataError> {
        Self::from_files(&LexiconFiles::builtin())
    }

    /// Loads the lexicons from a folder of edited copies (see
    /// [`LexiconFiles::load_dir`]).
    ///
    /// # Errors
    /// When the folder is missing or holds an unknown file, a file cannot be
    /// read or holds a malformed row.
    pub fn load_dir(dir: &Path) -> Result<Self, DataError> {
        Self::from_files(&LexiconFiles::load_dir(dir)?)
    }

    /// Reads the extraction lexicons (victims, persons, qualifiers,
    /// reporting, sources, blockers, markers, numbers) from a set of files.
    ///
    /// # Errors
    /// When a file holds a malformed row.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let mut lex = Lexicons {
            victims: Vec::new(),
            persons: Vec::new(),
            qualifiers: Vec::new(),
            reporting: Vec::new(),
            sources: Vec::new(),
            blockers: Vec::new(),
            markers: Vec::new(),
            numbers: {
                let (origin, text) = files.get("numbers.tsv");
                NumberWords::parse(origin, text)?
            },
            origins: files
                .files()
                .iter()
                .map(|f| (f.name, f.origin.clone()))
                .collect(),
            index: PhraseIndex::default(),
        };

        let (origin, text) = files.get("victims.tsv");
        let t = Table::parse(
            origin,
            text,
            &Schema::new(&["phrase", "role", "kind", "group", "number"]).example_of("phrase"),
        )?;
        for row in t.rows() {
            let (role, toll) = t.choice(
                row,
                "role",
                &[
                    ("trigger", (Role::Trigger, false)),
                    ("toll", (Role::Trigger, true)),
                    ("noun", (Role::Noun, false)),
                    ("post", (Role::Post, false)),
                ],
            )?;
            let kind = t.choice(
                row,
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
            lex.victims.push(VictimEntry {
                toll,
                phrase: t.get(row, "phrase").to_owned(),
                role,
                kind,
                group: group(&t, row, "group")?,
                number: number(&t, row)?,
                line: row.line,
            });
            add(
                &t,
                &mut lex.index,
                row,
                "phrase",
                Tag::Victim(index(lex.victims.len())),
            )?;
        }

        let (origin, text) = files.get("persons.tsv");
        let t = Table::parse(
            origin,
            text,
            &Schema::new(&["phrase", "group", "number"]).example_of("phrase"),
        )?;
        for row in t.rows() {
            lex.persons.push(PersonEntry {
                phrase: t.get(row, "phrase").to_owned(),
                group: group(&t, row, "group")?,
                number: number(&t, row)?,
                line: row.line,
            });
            add(
                &t,
                &mut lex.index,
                row,
                "phrase",
                Tag::Person(index(lex.persons.len())),
            )?;
        }

        let (origin, text) = files.get("qualifiers.tsv");
        let t = Table::parse(
            origin,
            text,
            &Schema::new(&["phrase", "qualifier", "position"]).example_of("phrase"),
        )?;
        for row in t.rows() {
            let qualifier = t.choice(
                row,
                "qualifier",
                &[
                    ("exact", Qualifier::Exact),
                    ("at_least", Qualifier::AtLeast),
                    ("more_than", Qualifier::MoreThan),
                    ("about", Qualifier::About),
                    ("up_to", Qualifier::UpTo),
                    ("less_than", Qualifier::LessThan),
                    ("range", Qualifier::Range),
                ],
            )?;
            let after = t.choice(row, "position", &[("before", false), ("after", true)])?;
            lex.qualifiers.push(QualifierEntry {
                phrase: t.get(row, "phrase").to_owned(),
                qualifier,
                after,
                line: row.line,
            });
            add(
                &t,
                &mut lex.index,
                row,
                "phrase",
                Tag::Qualifier(index(lex.qualifiers.len())),
            )?;
        }

        let (origin, text) = files.get("reporting.tsv");
        typed_phrases(
            &Table::parse(origin, text, &TYPED)?,
            &mut lex.index,
            REPORTING_TYPES,
            |phrase, kind, line| {
                lex.reporting.push(ReportingEntry { phrase, kind, line });
                Tag::Reporting(index(lex.reporting.len()))
            },
        )?;

        let (origin, text) = files.get("sources.tsv");
        let t = Table::parse(
            origin,
            text,
            &Schema::new(&["id", "name", "alias"]).example_of("alias"),
        )?;
        for row in t.rows() {
            lex.sources.push(SourceEntry {
                id: t.get(row, "id").to_owned(),
                name: t.get(row, "name").to_owned(),
                alias: t.get(row, "alias").to_owned(),
                line: row.line,
            });
            add(
                &t,
                &mut lex.index,
                row,
                "alias",
                Tag::Source(index(lex.sources.len())),
            )?;
        }

        let (origin, text) = files.get("blockers.tsv");
        typed_phrases(
            &Table::parse(origin, text, &TYPED)?,
            &mut lex.index,
            BLOCKER_TYPES,
            |phrase, kind, line| {
                lex.blockers.push(BlockerEntry { phrase, kind, line });
                Tag::Blocker(index(lex.blockers.len()))
            },
        )?;

        let (origin, text) = files.get("markers.tsv");
        typed_phrases(
            &Table::parse(origin, text, &TYPED)?,
            &mut lex.index,
            MARKER_TYPES,
            |phrase, kind, line| {
                lex.markers.push(MarkerEntry { phrase, kind, line });
                Tag::Marker(index(lex.markers.len()))
            },
        )?;
        Ok(lex)
    }

    /// What errors and explanations cite for a lexicon file: the path of an
    /// edited copy, else the file name.
    #[must_use]
    pub fn origin<'a>(&'a self, file: &'a str) -> &'a str {
        self.origins
            .iter()
            .find(|(name, _)| *name == file)
            .map_or(file, |(_, origin)| origin.as_str())
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
