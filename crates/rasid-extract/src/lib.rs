//! Article-level recognisers: from one article's text to its casualty claims,
//! each with its figure, qualifier, group, source and the exact bytes that
//! state it.
//!
//! ```
//! use rasid_extract::{Article, Extractor};
//!
//! let extractor = Extractor::builtin().expect("shipped lexicons load");
//! let article = Article {
//!     id: "demo",
//!     text: "قال المرصد السوري إن الغارات أسفرت عن مقتل 12 مدنياً بينهم ثلاثة أطفال.",
//!     outlet: Some("Demo News"),
//!     published: Some("2019-05-02"),
//! };
//! let claims = extractor.extract(&article);
//! assert_eq!(claims.len(), 2);
//! assert_eq!(claims[0].value_min, Some(12));
//! assert_eq!(claims[0].group.as_deref(), Some("civilians"));
//! assert_eq!(claims[1].group.as_deref(), Some("children"));
//! let source = claims[0].source.as_ref().expect("attributed");
//! assert_eq!(source.id.as_deref(), Some("sohr"));
//! assert_eq!(&article.text[claims[0].span.range()], claims[0].evidence);
//! ```

mod attribution;
mod casualty;
mod claim;
mod context;
mod explain;
mod reaches;
mod record;
mod sentence;

use rasid_lexicon::{DataError, LexiconError, LexiconFiles, Lexicons};
use rasid_text::{sentences, tokenize, Normalized};
pub use record::{
    ActorRef, Claim, DateRef, Kind, PlaceRef, Plover, Qualifier, Scope, SourceRef, Via,
};

/// Articles longer than this are read in pieces of about this size.
pub const CHUNK_BYTES: usize = 1 << 20;

/// One article to read.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    /// Document id, written into every claim.
    pub id: &'a str,
    /// The original text; every span points into it.
    pub text: &'a str,
    /// The outlet that published it, credited when no source is named.
    pub outlet: Option<&'a str>,
    /// Publication date as given (ISO 8601 date or date-time).
    pub published: Option<&'a str>,
}

/// Reads articles with a set of lexicons. Cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicons: Lexicons,
    reaches: reaches::Reaches,
    gazetteer: std::sync::Arc<rasid_geo::Gazetteer>,
    events: std::sync::Arc<rasid_events::EventLexicons>,
    time: std::sync::Arc<rasid_time::TimeLexicon>,
}

impl Extractor {
    /// An extractor over the given lexicons, with every other data file as
    /// shipped.
    ///
    /// # Panics
    /// When a shipped data file is malformed (a test keeps this from
    /// happening).
    #[must_use]
    pub fn new(lexicons: Lexicons) -> Self {
        let mut extractor =
            Self::from_files(&LexiconFiles::builtin()).expect("the shipped lexicons are valid");
        extractor.lexicons = lexicons;
        extractor
    }

    /// An extractor over a set of lexicon files: every file of
    /// `data/lexicons/` (the extraction lexicons, numbers, reaches, time
    /// words, actors, events, role cues and place words), each shipped or
    /// edited.
    ///
    /// # Errors
    /// When a file holds a malformed row, with its file and line.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let words = rasid_geo::PlaceWords::from_files(files)?;
        let shipped_words = files
            .files()
            .iter()
            .all(|f| f.name != "place_words.tsv" || !f.edited);
        let gazetteer = if shipped_words {
            shared_gazetteer()
        } else {
            std::sync::Arc::new(rasid_geo::Gazetteer::embedded_with(words))
        };
        Ok(Self {
            lexicons: Lexicons::from_files(files)?,
            reaches: reaches::Reaches::from_files(files)?,
            gazetteer,
            events: std::sync::Arc::new(rasid_events::EventLexicons::from_files(files)?),
            time: std::sync::Arc::new(rasid_time::TimeLexicon::from_files(files)?),
        })
    }

    /// An extractor over a folder of edited lexicon files laid over the
    /// shipped ones ([`LexiconFiles::load_dir`]): a file the folder lacks is
    /// the shipped one.
    ///
    /// # Errors
    /// When the folder is missing, holds a file that is not a lexicon, or a
    /// file holds a malformed row.
    pub fn load_dir(dir: &std::path::Path) -> Result<Self, DataError> {
        Self::from_files(&LexiconFiles::load_dir(dir)?)
    }

    /// Uses other actor and event lexicons (edited copies of
    /// `data/lexicons/actors.tsv` and `events.tsv`).
    #[must_use]
    pub fn with_event_lexicons(mut self, events: rasid_events::EventLexicons) -> Self {
        self.events = std::sync::Arc::new(events);
        self
    }

    /// Uses another gazetteer (an edited copy of `data/gazetteer/`).
    #[must_use]
    pub fn with_gazetteer(mut self, gazetteer: rasid_geo::Gazetteer) -> Self {
        self.gazetteer = std::sync::Arc::new(gazetteer);
        self
    }

    /// An extractor over the lexicons shipped in the binary.
    ///
    /// # Errors
    /// When a shipped lexicon is malformed.
    pub fn builtin() -> Result<Self, LexiconError> {
        Self::from_files(&LexiconFiles::builtin())
    }

    /// The lexicons in use.
    #[must_use]
    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    /// Every casualty claim in the article, in text order.
    ///
    /// An article over [`CHUNK_BYTES`] is read in pieces cut at line breaks
    /// (memory stays bounded on a 100 MB page); a source named in one piece
    /// does not carry over to the next.
    #[must_use]
    pub fn extract(&self, article: &Article<'_>) -> Vec<Claim> {
        if article.text.len() <= CHUNK_BYTES {
            return self.extract_whole(article);
        }
        let mut claims = Vec::new();
        self.extract_each(article, |claim| claims.push(claim));
        claims
    }

    /// Hands every claim of the article to `each`, in text order, holding at
    /// most one piece's claims at a time: for pages too long to keep all
    /// their claims in memory.
    pub fn extract_each(&self, article: &Article<'_>, mut each: impl FnMut(Claim)) {
        let text = article.text;
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + CHUNK_BYTES).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end < text.len() {
                // Cut after the last line break (else the last space) of the piece.
                if let Some(cut) = text[start..end]
                    .rfind('\n')
                    .or_else(|| text[start..end].rfind(' '))
                {
                    if cut > 0 {
                        end = start + cut + 1;
                    }
                }
            }
            let piece = Article {
                text: &text[start..end],
                ..*article
            };
            for mut claim in self.extract_whole(&piece) {
                claim.shift(start);
                each(claim);
            }
            start = end;
        }
    }

    fn extract_whole(&self, article: &Article<'_>) -> Vec<Claim> {
        self.read(article, None)
    }

    /// What the lexicons did with each sentence of the article: the rows that
    /// matched, the claims and the rule (and row) that produced each, the
    /// figures that are no claim and why. The text `rasid lexicons explain`
    /// prints, for a linguist extending the data without reading Rust.
    #[must_use]
    pub fn explain(&self, article: &Article<'_>) -> String {
        let mut out = String::new();
        self.read(article, Some(&mut out));
        out
    }

    /// Reads the article; with `explain`, writes what decided each claim.
    fn read(&self, article: &Article<'_>, mut explain: Option<&mut String>) -> Vec<Claim> {
        let normalized = Normalized::new(article.text);
        let text = normalized.text();
        let tokens = tokenize(text);
        // Dates, places and the article's country are found only once the
        // article has a claim: most articles of a crawl have none.
        let mut context: Option<(context::ArticleContext<'_>, Option<String>)> = None;
        // Reporting phrases so far: a date in one dates a statement, not an event.
        let mut statements = Vec::new();
        let mut doc = attribution::DocState::default();
        let mut claims = Vec::new();
        let mut first_token = 0;
        for sent in sentences(text) {
            // Tokens are in text order; a sentence's tokens are a contiguous run.
            while first_token < tokens.len() && tokens[first_token].span.start < sent.span.start {
                first_token += 1;
            }
            let mut last_token = first_token;
            while last_token < tokens.len() && tokens[last_token].span.end <= sent.span.end {
                last_token += 1;
            }
            let range = first_token..last_token;
            let view = sentence::SentenceView::new(
                &self.lexicons,
                &self.reaches,
                &normalized,
                &tokens,
                range.clone(),
                sent.span,
            );
            let findings = casualty::find_all(&view);
            let attributions = attribution::find(&view, &mut doc);
            let first_claim = claims.len();
            statements.extend(attributions.iter().map(|a| a.statement.clone()));
            let found = &findings.claims;
            let mut sentence_events = (Vec::new(), Vec::new());
            if !found.is_empty() {
                let (context, country) = context.get_or_insert_with(|| {
                    let context = context::ArticleContext::new(
                        &self.gazetteer,
                        &self.time,
                        text,
                        &tokens,
                        article.published,
                    );
                    let country = context.country();
                    (context, country)
                });
                context.mark_statements(&statements);
                statements.clear();
                let events = self.events.events(text, &tokens, range.clone());
                let actors =
                    self.events
                        .actors_in_country(text, &tokens, range.clone(), country.as_deref());
                let roles = self.events.roles(text, &tokens, range, &actors, &events);
                for raw in found {
                    let mut claim = claim::build(article, &normalized, &view, raw, &attributions);
                    claim.date = context.date(
                        &normalized,
                        &view.range,
                        raw.anchor,
                        self.reaches.recent_days,
                    );
                    claim.place = context.place(&normalized, &view.range, raw.anchor);
                    context::attach_events(
                        &mut claim,
                        &normalized,
                        raw.anchor,
                        &events,
                        &actors,
                        &roles,
                    );
                    claims.push(claim);
                }
                sentence_events = (events, actors);
            }
            if let Some(out) = explain.as_deref_mut() {
                explain::sentence(
                    out,
                    &view,
                    &findings,
                    &attributions,
                    &claims[first_claim..],
                    &sentence_events.0,
                    &sentence_events.1,
                );
            }
            doc.end_sentence();
            first_token = last_token;
        }
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        claims.dedup_by(|a, b| {
            a.span == b.span && a.kind == b.kind && a.value_min == b.value_min && a.group == b.group
        });
        claims
    }
}

/// The shipped gazetteer, built once per process (it takes milliseconds and
/// a few megabytes).
fn shared_gazetteer() -> std::sync::Arc<rasid_geo::Gazetteer> {
    static GAZETTEER: std::sync::OnceLock<std::sync::Arc<rasid_geo::Gazetteer>> =
        std::sync::OnceLock::new();
    GAZETTEER
        .get_or_init(|| std::sync::Arc::new(rasid_geo::Gazetteer::embedded()))
        .clone()
}
