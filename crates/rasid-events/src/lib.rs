//! Who and what in Arabic conflict news: the actors a sentence names, the kind
//! of event it reports, and which actor did it to which.
//!
//! * [`EventLexicons::actors`] finds actors by the names outlets give them
//!   ("النظام"، "قوات الأسد"، "الطيران الروسي"، "جيش الاحتلال") and reports
//!   each with its canonical, ACLED-style name and the surface as written.
//!   Ambiguous names ("التحالف": US-led in Syria and Iraq, Saudi-led in Yemen)
//!   are read with the article's country: [`EventLexicons::actors_in_country`],
//!   [`EventLexicons::disambiguate`].
//! * [`EventLexicons::events`] finds event triggers and maps each to an ACLED
//!   event and sub-event type and to a PLOVER category and mode. A sentence may
//!   report several ("غارات … وقصف مدفعي"): every one is returned.
//! * [`EventLexicons::roles`] tells perpetrators from targets: "قصفت قوات
//!   النظام مواقع لجيش الإسلام" makes the first the perpetrator and the second
//!   the target.
//!
//! The vocabulary lives in `data/lexicons/actors.tsv`, `events.tsv` and
//! `roles.tsv` (the cues of perpetrator and target), compiled in and read
//! with the shared table reader and phrase matcher of `rasid-lexicon`;
//! [`EventLexicons::from_files`] reads a set with edited copies. Every row's
//! example is checked at load, and a bad row is refused with its file and
//! line.
//!
//! All positions are in the **normalised** text ([`rasid_text::Normalized`]);
//! map a span back with [`rasid_text::Normalized::to_original`].
//!
//! ```
//! use rasid_events::{EventLexicons, Role};
//! use rasid_text::{normalize_str, tokenize};
//!
//! let lexicons = EventLexicons::builtin().expect("the shipped lexicons load");
//! let text = normalize_str("قصفت قوات النظام مواقع لجيش الإسلام في دوما");
//! let tokens = tokenize(&text);
//! let all = 0..tokens.len();
//!
//! let actors = lexicons.actors(&text, &tokens, all.clone());
//! assert_eq!(actors[0].name, "Military Forces of Syria");
//! assert_eq!(actors[0].surface_norm, "قوات النظام");
//! assert_eq!(actors[1].name, "Jaysh al-Islam");
//!
//! let events = lexicons.events(&text, &tokens, all.clone());
//! assert_eq!(events[0].sub_event_type, "Shelling/artillery/missile attack");
//! assert_eq!(events[0].plover_event, "ASSAULT");
//!
//! let roles = lexicons.roles(&text, &tokens, all, &actors, &events);
//! assert_eq!(roles, [(0, Role::Perpetrator), (1, Role::Target)]);
//! ```

mod roles;
mod vocabulary;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use rasid_lexicon::table::{Row, Schema, Table};
use rasid_lexicon::{LexiconFiles, PhraseIndex, PhraseMatch};
use rasid_text::morphology::strip_article;
use rasid_text::{normalize_str, tokenize, Span, Token, TokenKind};
use serde::Serialize;

pub use roles::Role;

/// A lexicon file could not be used: the one error of a bad data file.
pub type Error = rasid_lexicon::DataError;

/// One reading of an actor alias (a row of `actors.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// Line in the file.
    pub line: usize,
    /// Canonical name: "Military Forces of Syria".
    pub name: String,
    /// The alias as written in the file: "قوات النظام".
    pub alias: String,
    /// ISO 3166-1 alpha-2 code of the actor's state, if it has one.
    pub country: Option<String>,
    /// `state_forces`, `rebel_group`, `militia`, `private_military`,
    /// `coalition`, `government` or `unidentified`.
    pub actor_type: String,
    /// Countries of the articles in which this reading holds; empty for the
    /// default reading.
    pub context: Vec<String>,
}

/// An event trigger (a row of `events.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventEntry {
    /// Line in the file.
    pub line: usize,
    /// The phrase as written in the file: "قصف مدفعي".
    pub phrase: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// PLOVER event category.
    pub plover_event: String,
    /// PLOVER mode, if one fits.
    pub plover_mode: Option<String>,
}

/// An actor named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorMention {
    /// The line of `actors.tsv` that named it.
    #[serde(skip)]
    pub line: usize,
    /// Tokens covered.
    pub tokens: Range<usize>,
    /// Bytes of the normalised text, without the conjunction or preposition
    /// glued to the first word (the article stays): "وقوات النظام" gives
    /// "قوات النظام".
    pub span: Span,
    /// Canonical name.
    pub name: String,
    /// The name as the outlet wrote it, normalised: the text of `span`.
    pub surface_norm: String,
    /// Kind of actor (see [`ActorEntry::actor_type`]).
    pub actor_type: String,
    /// ISO 3166-1 alpha-2 code of the actor's state, if it has one.
    pub country: Option<String>,
}

impl ActorMention {
    /// Whether the actor is a foreign force in an article about
    /// `article_country` (ACLED's external forces): a state's forces, a
    /// private military company or a coalition from elsewhere.
    #[must_use]
    pub fn is_external(&self, article_country: &str) -> bool {
        match self.actor_type.as_str() {
            "coalition" => true,
            "state_forces" | "private_military" => self
                .country
                .as_deref()
                .is_some_and(|c| !c.eq_ignore_ascii_case(article_country)),
            _ => false,
        }
    }
}

/// An event trigger found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventMention {
    /// The line of `events.tsv` that named it.
    #[serde(skip)]
    pub line: usize,
    /// Tokens covered.
    pub tokens: Range<usize>,
    /// Bytes of the normalised text, without the conjunction or preposition
    /// glued to the first word.
    pub span: Span,
    /// ACLED event type: "Explosions/Remote violence".
    pub event_type: String,
    /// ACLED sub-event type: "Air/drone strike".
    pub sub_event_type: String,
    /// PLOVER event category: "ASSAULT".
    pub plover_event: String,
    /// PLOVER mode, if one fits: "heavy-weapons".
    pub plover_mode: Option<String>,
}

/// What a phrase in an index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// An entry, by its index.
    Entry(u32),
    /// A blocker: a longer phrase that hides an entry and means nothing.
    Blocker,
}

/// Actors and event triggers, indexed for matching. Cheap to share between
/// threads; build it once.
#[derive(Debug, Clone)]
pub struct EventLexicons {
    actors: Vec<ActorEntry>,
    actor_index: PhraseIndex<Tag>,
    events: Vec<EventEntry>,
    event_index: PhraseIndex<Tag>,
    cues: roles::Cues,
}

/// A phrase chosen at one token: where it ends, the bytes of clitics stripped
/// from its first word, and the entry (none for a blocker).
struct Choice {
    end: usize,
    prefix: u8,
    entry: Option<usize>,
}

impl EventLexicons {
    /// The lexicons compiled into the binary (`actors.tsv`, `events.tsv`,
    /// `roles.tsv`).
    ///
    /// # Errors
    /// When a shipped file is malformed (a test keeps this from happening).
    pub fn builtin() -> Result<Self, Error> {
        Self::from_files(&LexiconFiles::builtin())
    }

    /// Loads the files from a folder of edited lexicons (see
    /// [`LexiconFiles::load_dir`]); a missing file falls back to the shipped one.
    ///
    /// # Errors
    /// When the folder is missing or holds an unknown file, a file cannot be
    /// read or holds a malformed row.
    pub fn load_dir(dir: &Path) -> Result<Self, Error> {
        Self::from_files(&LexiconFiles::load_dir(dir)?)
    }

    /// Reads `actors.tsv`, `events.tsv` and `roles.tsv` from a set of files.
    ///
    /// # Errors
    /// When a file holds a malformed row.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, Error> {
        let (origin, text) = files.get("actors.tsv");
        let (actors, actor_index) = parse_actors(origin, text)?;
        let (origin, text) = files.get("events.tsv");
        let (events, event_index) = parse_events(origin, text)?;
        let (origin, text) = files.get("roles.tsv");
        Ok(Self {
            actors,
            actor_index,
            events,
            event_index,
            cues: roles::Cues::parse(origin, text)?,
        })
    }

    /// Every actor reading, in file order.
    #[must_use]
    pub fn actor_entries(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// Every event trigger, in file order.
    #[must_use]
    pub fn event_entries(&self) -> &[EventEntry] {
        &self.events
    }

    /// Actors named in `tokens[range]`, leftmost first, each the longest alias
    /// starting there; mentions do not overlap. An ambiguous alias gets its
    /// default reading (see [`Self::actors_in_country`]).
    #[must_use]
    pub fn actors(
        &self,
        normalized: &str,
        tokens: &[Token],
        range: Range<usize>,
    ) -> Vec<ActorMention> {
        self.actors_in_country(normalized, tokens, range, None)
    }

    /// Like [`Self::actors`], reading ambiguous aliases for an article about
    /// `country` (ISO 3166-1 alpha-2): "التحالف" is the Saudi-led coalition
    /// with `Some("YE")` and the US-led one otherwise.
    #[must_use]
    pub fn actors_in_country(
        &self,
        normalized: &str,
        tokens: &[Token],
        range: Range<usize>,
        country: Option<&str>,
    ) -> Vec<ActorMention> {
        let (start, end) = clamp(&range, tokens.len());
        let bounded = &tokens[..end];
        let mut out = Vec::new();
        let mut i = start;
        while i < end {
            let Some(choice) = self.actor_at(normalized, bounded, i, country) else {
                i += 1;
                continue;
            };
            if let Some(entry) = choice.entry {
                let entry = &self.actors[entry];
                let span = mention_span(normalized, bounded, i, choice.end, choice.prefix);
                out.push(ActorMention {
                    line: entry.line,
                    tokens: i..choice.end,
                    span,
                    name: entry.name.clone(),
                    surface_norm: normalized[span.range()].to_owned(),
                    actor_type: entry.actor_type.clone(),
                    country: entry.country.clone(),
                });
            }
            i = choice.end;
        }
        out
    }

    /// The mention read again for an article about `article_country`: an
    /// ambiguous alias takes the reading listed for that country, or its
    /// default; any other mention is returned unchanged.
    #[must_use]
    pub fn disambiguate(
        &self,
        mention: &ActorMention,
        article_country: Option<&str>,
    ) -> ActorMention {
        let surface = &mention.surface_norm;
        let tokens = tokenize(surface);
        match self.actor_at(surface, &tokens, 0, article_country) {
            Some(Choice {
                end,
                entry: Some(entry),
                ..
            }) if end == tokens.len() => {
                let entry = &self.actors[entry];
                ActorMention {
                    name: entry.name.clone(),
                    actor_type: entry.actor_type.clone(),
                    country: entry.country.clone(),
                    ..mention.clone()
                }
            }
            _ => mention.clone(),
        }
    }

    /// Every reading of the mention's alias, in file order: one for most
    /// aliases, several for ambiguous ones ("التحالف").
    #[must_use]
    pub fn readings(&self, mention: &ActorMention) -> Vec<&ActorEntry> {
        let surface = &mention.surface_norm;
        let tokens = tokenize(surface);
        let mut entries: Vec<usize> = self
            .actor_index
            .matches_at(surface, &tokens, 0)
            .filter(|m| m.end == tokens.len())
            .filter_map(|m| entry_of(m.tag))
            .collect();
        entries.sort_unstable();
        entries.dedup();
        entries.into_iter().map(|e| &self.actors[e]).collect()
    }

    /// Event triggers in `tokens[range]`, leftmost first, each the longest
    /// phrase starting there; triggers do not overlap, and every trigger of
    /// the sentence is returned.
    #[must_use]
    pub fn events(
        &self,
        normalized: &str,
        tokens: &[Token],
        range: Range<usize>,
    ) -> Vec<EventMention> {
        let (start, end) = clamp(&range, tokens.len());
        let bounded = &tokens[..end];
        let mut out = Vec::new();
        let mut i = start;
        while i < end {
            let matches: Vec<PhraseMatch<Tag>> = self
                .event_index
                .matches_at(normalized, bounded, i)
                .collect();
            let Some(choice) = choose(&matches, |entries| entries.iter().min().copied()) else {
                i += 1;
                continue;
            };
            if let Some(entry) = choice.entry {
                let entry = &self.events[entry];
                out.push(EventMention {
                    line: entry.line,
                    tokens: i..choice.end,
                    span: mention_span(normalized, bounded, i, choice.end, choice.prefix),
                    event_type: entry.event_type.clone(),
                    sub_event_type: entry.sub_event_type.clone(),
                    plover_event: entry.plover_event.clone(),
                    plover_mode: entry.plover_mode.clone(),
                });
            }
            i = choice.end;
        }
        out
    }

    /// The role of each actor of `actors` that lies in `tokens[range]` (one
    /// sentence), as `(index into actors, role)`, in order.
    ///
    /// The rules read the words around an actor, nearest first:
    /// * an agent marker before it ("برصاص"، "من قبل"، "على يد"، "التابع ل")
    ///   or an attack just before it, verb or noun ("قصفت قوات النظام"،
    ///   "غارات للطيران الروسي"، "قصف الفصائل لحلب") makes it the
    ///   perpetrator; so does an attack verb after it ("الطيران الحربي الروسي
    ///   … استهدف") or an accusation ("اتهمت … النظام بقصف");
    /// * a target marker ("على"، "ضد"، "مواقع"، "مقرات"، "مناطق سيطرة")
    ///   makes it the target, as does a second actor after an attack verb
    ///   ("استهدفت الفصائل قوات النظام") or the object of a noun such as
    ///   "اعتقال"، "اغتيال"، "مقتل";
    /// * both sides of a clash ("اشتباكات بين … و …"، "اشتبكت … مع …") are
    ///   perpetrators, as PLOVER codes two-sided violence;
    /// * an actor joined by "و" to the one before shares its role;
    /// * any other actor is [`Role::Mentioned`].
    #[must_use]
    pub fn roles(
        &self,
        normalized: &str,
        tokens: &[Token],
        range: Range<usize>,
        actors: &[ActorMention],
        events: &[EventMention],
    ) -> Vec<(usize, Role)> {
        let (start, end) = clamp(&range, tokens.len());
        roles::roles(
            &self.cues,
            normalized,
            &tokens[..end],
            start,
            actors,
            events,
        )
    }

    /// The events with changes of territorial control read by who took it:
    /// "Government regains territory" when the sentence's first perpetrator is
    /// a state's forces, "Non-state actor overtakes territory" when it is any
    /// other actor (ACLED's distinction). Other events, and sentences with no
    /// perpetrator, are returned unchanged.
    #[must_use]
    pub fn refine_territory(
        &self,
        events: &[EventMention],
        actors: &[ActorMention],
        roles: &[(usize, Role)],
    ) -> Vec<EventMention> {
        const GOVERNMENT: &str = "Government regains territory";
        const NON_STATE: &str = "Non-state actor overtakes territory";
        let perpetrator = roles
            .iter()
            .find(|(_, role)| *role == Role::Perpetrator)
            .and_then(|&(i, _)| actors.get(i));
        events
            .iter()
            .map(|event| {
                let mut event = event.clone();
                if let Some(actor) = perpetrator {
                    if matches!(event.sub_event_type.as_str(), GOVERNMENT | NON_STATE) {
                        if actor.actor_type == "state_forces" {
                            GOVERNMENT
                        } else {
                            NON_STATE
                        }
                        .clone_into(&mut event.sub_event_type);
                    }
                }
                event
            })
            .collect()
    }

    /// The actor alias starting at token `i`, read for `country`.
    fn actor_at(
        &self,
        normalized: &str,
        tokens: &[Token],
        i: usize,
        country: Option<&str>,
    ) -> Option<Choice> {
        let matches: Vec<PhraseMatch<Tag>> =
            self.actor_index.matches_at(normalized, tokens, i).collect();
        choose(&matches, |entries| {
            let reading = |wanted: &dyn Fn(&ActorEntry) -> bool| {
                entries
                    .iter()
                    .copied()
                    .filter(|&e| wanted(&self.actors[e]))
                    .min()
            };
            country
                .and_then(|c| reading(&|a| a.context.iter().any(|x| x.eq_ignore_ascii_case(c))))
                .or_else(|| reading(&|a| a.context.is_empty()))
                .or_else(|| entries.iter().min().copied())
        })
    }
}

/// The entry a tag names, if it is not a blocker.
fn entry_of(tag: Tag) -> Option<usize> {
    match tag {
        Tag::Entry(e) => usize::try_from(e).ok(),
        Tag::Blocker => None,
    }
}

/// Among the matches at one token, the longest; a blocker among them wins,
/// else `pick` chooses among the entries.
fn choose(
    matches: &[PhraseMatch<Tag>],
    pick: impl Fn(&[usize]) -> Option<usize>,
) -> Option<Choice> {
    let end = matches.iter().map(|m| m.end).max()?;
    let longest: Vec<&PhraseMatch<Tag>> = matches.iter().filter(|m| m.end == end).collect();
    if let Some(blocker) = longest.iter().find(|m| m.tag == Tag::Blocker) {
        return Some(Choice {
            end,
            prefix: blocker.prefix,
            entry: None,
        });
    }
    let entries: Vec<usize> = longest.iter().filter_map(|m| entry_of(m.tag)).collect();
    let entry = pick(&entries)?;
    // The same entry may match through two analyses of the first word: keep
    // the one that strips the least.
    let prefix = longest
        .iter()
        .filter(|m| entry_of(m.tag) == Some(entry))
        .map(|m| m.prefix)
        .min()?;
    Some(Choice {
        end,
        prefix,
        entry: Some(entry),
    })
}

/// `range` limited to `len` tokens.
fn clamp(range: &Range<usize>, len: usize) -> (usize, usize) {
    let end = range.end.min(len);
    (range.start.min(end), end)
}

/// The span of tokens `start..end` without the clitics stripped from the
/// first word, keeping its article: "وبالطيران الروسي" → "الطيران الروسي".
/// "لل" ("للطيران") has no article left to keep and gives "طيران".
fn mention_span(normalized: &str, tokens: &[Token], start: usize, end: usize, prefix: u8) -> Span {
    let first = tokens[start];
    let text = first.text(normalized);
    let mut cut = usize::from(prefix).min(text.len());
    if !text.is_char_boundary(cut) {
        cut = 0;
    }
    cut -= rasid_text::morphology::trailing_article_len(&text[..cut]);
    Span::new(first.span.start + cut, tokens[end - 1].span.end)
}

/// A row of `actors.tsv` already read: its line, and its context (`None` for
/// a blocker).
struct Listed {
    line: usize,
    context: Option<Vec<String>>,
}

/// Reads `actors.tsv`.
fn parse_actors(file: &str, text: &str) -> Result<(Vec<ActorEntry>, PhraseIndex<Tag>), Error> {
    let table = Table::parse(
        file,
        text,
        &Schema::new(&["actor", "alias", "country", "type", "context"]).example_of("alias"),
    )?;
    let mut entries = Vec::new();
    let mut index = PhraseIndex::default();
    // Words of each alias → the rows listing them, to refuse two rows that
    // would compete for the same text.
    let mut seen: HashMap<String, Vec<Listed>> = HashMap::new();
    for row in table.rows() {
        let alias = table.get(row, "alias");
        let key = phrase_key(alias);
        let others = seen.entry(key).or_default();
        if table.get(row, "actor") == "-" {
            for column in ["country", "type", "context"] {
                if table.get(row, column) != "-" {
                    return Err(table.error(
                        row.line,
                        format!("a blocker (actor `-`) takes `-` in `{column}`"),
                    ));
                }
            }
            if let Some(Listed { line, .. }) = others.first() {
                return Err(table.error(
                    row.line,
                    format!("the blocker `{alias}` has the same words as line {line}"),
                ));
            }
            others.push(Listed {
                line: row.line,
                context: None,
            });
            insert(&table, row, &mut index, alias, Tag::Blocker)?;
            continue;
        }
        let country = match table.get(row, "country") {
            "-" => None,
            c if vocabulary::is_country(c) => Some(c.to_owned()),
            c => {
                return Err(table.error(
                    row.line,
                    format!("unknown country `{c}` (an ISO 3166-1 alpha-2 code such as SY, or -)"),
                ))
            }
        };
        let actor_type = table.get(row, "type");
        if !vocabulary::ACTOR_TYPES.contains(&actor_type) {
            return Err(table.error(
                row.line,
                format!(
                    "unknown type `{actor_type}` (one of {})",
                    vocabulary::ACTOR_TYPES.join(", ")
                ),
            ));
        }
        let context = match table.get(row, "context") {
            "-" => Vec::new(),
            list => {
                let mut codes: Vec<String> = Vec::new();
                for code in list.split(',').map(str::trim) {
                    if !vocabulary::is_country(code) {
                        return Err(table.error(
                            row.line,
                            format!("unknown country `{code}` in `context` (ISO 3166-1 alpha-2 codes separated by commas, or -)"),
                        ));
                    }
                    codes.push(code.to_owned());
                }
                codes.sort();
                codes
            }
        };
        for Listed {
            line,
            context: other,
        } in others.iter()
        {
            match other {
                None => {
                    return Err(table.error(
                        row.line,
                        format!("`{alias}` has the same words as the blocker on line {line}"),
                    ))
                }
                Some(other) if *other == context => {
                    return Err(table.error(
                        row.line,
                        format!(
                            "`{alias}` has the same words and context as line {line}: give each reading its countries"
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        others.push(Listed {
            line: row.line,
            context: Some(context.clone()),
        });
        let tag = Tag::Entry(index_of(entries.len()));
        insert(&table, row, &mut index, alias, tag)?;
        entries.push(ActorEntry {
            line: row.line,
            name: table.get(row, "actor").to_owned(),
            alias: alias.to_owned(),
            country,
            actor_type: actor_type.to_owned(),
            context,
        });
    }
    Ok((entries, index))
}

/// Reads `events.tsv`.
fn parse_events(file: &str, text: &str) -> Result<(Vec<EventEntry>, PhraseIndex<Tag>), Error> {
    let table = Table::parse(
        file,
        text,
        &Schema::new(&[
            "phrase",
            "event_type",
            "sub_event_type",
            "plover_event",
            "plover_mode",
        ])
        .example_of("phrase"),
    )?;
    let mut entries = Vec::new();
    let mut index = PhraseIndex::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in table.rows() {
        let phrase = table.get(row, "phrase");
        if let Some(line) = seen.insert(phrase_key(phrase), row.line) {
            return Err(table.error(
                row.line,
                format!("`{phrase}` has the same words as line {line}"),
            ));
        }
        let event_type = table.get(row, "event_type");
        if event_type == "-" {
            for column in ["sub_event_type", "plover_event", "plover_mode"] {
                if table.get(row, column) != "-" {
                    return Err(table.error(
                        row.line,
                        format!("a blocker (event_type `-`) takes `-` in `{column}`"),
                    ));
                }
            }
            insert(&table, row, &mut index, phrase, Tag::Blocker)?;
            continue;
        }
        let Some(sub_events) = vocabulary::values(vocabulary::ACLED, event_type) else {
            return Err(table.error(
                row.line,
                format!(
                    "unknown event_type `{event_type}` (one of {}, or - for a blocker)",
                    vocabulary::names(vocabulary::ACLED)
                ),
            ));
        };
        let sub_event_type = table.get(row, "sub_event_type");
        if !sub_events.contains(&sub_event_type) {
            return Err(table.error(
                row.line,
                format!(
                    "`{sub_event_type}` is not a sub-event type of `{event_type}` (one of {})",
                    sub_events.join(", ")
                ),
            ));
        }
        let plover_event = table.get(row, "plover_event");
        let Some(modes) = vocabulary::values(vocabulary::PLOVER, plover_event) else {
            return Err(table.error(
                row.line,
                format!(
                    "unknown plover_event `{plover_event}` (one of {})",
                    vocabulary::names(vocabulary::PLOVER)
                ),
            ));
        };
        let plover_mode = match table.get(row, "plover_mode") {
            "-" => None,
            mode if modes.contains(&mode) => Some(mode.to_owned()),
            mode if modes.is_empty() => {
                return Err(table.error(
                    row.line,
                    format!("`{mode}`: PLOVER `{plover_event}` has no modes, write -"),
                ))
            }
            mode => {
                return Err(table.error(
                    row.line,
                    format!(
                        "`{mode}` is not a mode of PLOVER `{plover_event}` (one of {}, or -)",
                        modes.join(", ")
                    ),
                ))
            }
        };
        let tag = Tag::Entry(index_of(entries.len()));
        insert(&table, row, &mut index, phrase, tag)?;
        entries.push(EventEntry {
            line: row.line,
            phrase: phrase.to_owned(),
            event_type: event_type.to_owned(),
            sub_event_type: sub_event_type.to_owned(),
            plover_event: plover_event.to_owned(),
            plover_mode,
        });
    }
    Ok((entries, index))
}

/// Indexes a row's phrase.
fn insert(
    table: &Table<'_>,
    row: &Row<'_>,
    index: &mut PhraseIndex<Tag>,
    phrase: &str,
    tag: Tag,
) -> Result<(), Error> {
    index
        .insert(phrase, tag)
        .map_err(|e| table.error(row.line, format!("cannot index `{phrase}`: {e}")))
}

/// The index the next entry will have.
fn index_of(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 4 billion lexicon entries")
}

#[cfg(test)]
mod tests;

/// The words a phrase is matched by: normalised, each without its article.
/// Two rows with the same key match the same text ("القصف الجوي" = "قصف جوي").
fn phrase_key(phrase: &str) -> String {
    let normalized = normalize_str(phrase);
    tokenize(&normalized)
        .iter()
        .map(|token| {
            let text = token.text(&normalized);
            if token.kind == TokenKind::Word {
                strip_article(text).0
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
