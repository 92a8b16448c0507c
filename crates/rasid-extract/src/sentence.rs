//! One sentence with its lexicon matches: the bottom layer, which every
//! recogniser reads and none writes.

use std::ops::Range;

use rasid_lexicon::{
    BlockerEntry, BlockerType, Lexicons, MarkerEntry, MarkerKind, NumberMatch, PersonEntry,
    PhraseMatch, QualifierEntry, ReportingEntry, ReportingType, Role, SourceEntry, Tag,
    VictimEntry,
};
use rasid_text::morphology::{Conjunction, Detached, Preposition};
use rasid_text::{Normalized, Span, Token, TokenKind};

use crate::reaches::Reaches;

/// A sentence, its tokens and every lexicon phrase found in it.
pub(crate) struct SentenceView<'a> {
    pub(crate) lex: &'a Lexicons,
    pub(crate) reach: &'a Reaches,
    /// The normalised document with its map to the original.
    normalized: &'a Normalized<'a>,
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    /// Token indices of the sentence.
    pub(crate) range: Range<usize>,
    /// Normalised byte span of the sentence.
    pub(crate) span: Span,
    /// Phrase matches of the sentence, grouped by start token, longest first.
    matches: Vec<PhraseMatch<Tag>>,
    /// For token `range.start + k`, its matches are `matches[offsets[k]..offsets[k + 1]]`.
    offsets: Vec<u32>,
    /// For token `range.start + k`, a bit for each kind of phrase starting
    /// there ([`bit`]): most questions about a token are answered "no"
    /// without scanning its matches.
    kinds: Vec<u64>,
    /// The number starting at each token, read once (the recognisers ask often).
    numbers: Vec<Option<NumberMatch>>,
    /// Whether any victim phrase (trigger, noun or verb after) is in the
    /// sentence: without one, no casualty claim can be.
    has_victim: bool,
}

impl<'a> SentenceView<'a> {
    pub(crate) fn new(
        lex: &'a Lexicons,
        reach: &'a Reaches,
        normalized: &'a Normalized<'a>,
        tokens: &'a [Token],
        range: Range<usize>,
        span: Span,
    ) -> Self {
        // Phrases do not run past the sentence.
        let text = normalized.text();
        let sentence_tokens = &tokens[..range.end];
        let mut matches = Vec::with_capacity(range.len());
        let mut offsets = Vec::with_capacity(range.len() + 1);
        offsets.push(0);
        let mut numbers = Vec::with_capacity(range.len());
        let mut kinds = Vec::with_capacity(range.len());
        for i in range.clone() {
            let from = matches.len();
            lex.matches_into(text, sentence_tokens, i, &mut matches);
            offsets.push(u32::try_from(matches.len()).expect("fewer than 4 billion matches"));
            kinds.push(
                matches[from..]
                    .iter()
                    .fold(0u64, |bits, m| bits | bit(lex, m.tag)),
            );
            numbers.push(lex.numbers.parse_at(text, sentence_tokens, i));
        }
        let has_victim = matches.iter().any(|m| matches!(m.tag, Tag::Victim(_)));
        Self {
            lex,
            reach,
            normalized,
            text,
            tokens,
            range,
            span,
            matches,
            offsets,
            kinds,
            numbers,
            has_victim,
        }
    }

    /// Whether a phrase of the kind `bit` may start at token `i`.
    fn may(&self, i: usize, bit: u64) -> bool {
        self.range.contains(&i) && self.kinds[i - self.range.start] & bit != 0
    }

    /// Whether any victim phrase is in the sentence.
    pub(crate) fn has_victim(&self) -> bool {
        self.has_victim
    }

    /// Whether a subgroup opener ("بينهم", "بين القتلى") may be in the
    /// sentence: one pass, instead of looking before every token.
    pub(crate) fn may_open_subgroup(&self) -> bool {
        self.matches.iter().any(|m| {
            matches!(m.tag, Tag::Marker(k) if matches!(
                self.lex.markers[k as usize].kind,
                MarkerKind::Subgroup | MarkerKind::Among
            ))
        })
    }

    pub(crate) fn token_text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The original text of a span of the normalised text.
    pub(crate) fn original(&self, span: Span) -> &'a str {
        let span = self.normalized.to_original(span.range());
        &self.normalized.original()[span.range()]
    }

    /// Token `i` as written in the original, with its marks.
    pub(crate) fn original_text(&self, i: usize) -> &'a str {
        let span = self.normalized.to_original(self.tokens[i].span.range());
        &self.normalized.original()[span.range()]
    }

    /// Every phrase starting at token `i`, longest first.
    pub(crate) fn at(&self, i: usize) -> &[PhraseMatch<Tag>] {
        if self.range.contains(&i) {
            let k = i - self.range.start;
            &self.matches[self.offsets[k] as usize..self.offsets[k + 1] as usize]
        } else {
            &[]
        }
    }

    /// The longest victim phrase with `role` starting at `i`.
    pub(crate) fn victim(&self, i: usize, role: Role) -> Option<(usize, &'a VictimEntry)> {
        if !self.may(i, role_bit(role)) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Victim(v) if self.lex.victims[v as usize].role == role => {
                Some((m.end, &self.lex.victims[v as usize]))
            }
            _ => None,
        })
    }

    /// Whether any victim phrase starts at `i`.
    pub(crate) fn any_victim(&self, i: usize) -> Option<(usize, &'a VictimEntry)> {
        if !self.may(i, TRIGGER | NOUN | POST) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Victim(v) => Some((m.end, &self.lex.victims[v as usize])),
            _ => None,
        })
    }

    /// The longest victim noun starting at `i` that carries no conjunction:
    /// the word right after a figure ("30 شهيدا", not "30 … وإصابة").
    pub(crate) fn victim_noun_bare(&self, i: usize) -> Option<(usize, &'a VictimEntry)> {
        if !self.may(i, NOUN) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Victim(v)
                if self.lex.victims[v as usize].role == Role::Noun
                    && !self.conjoined(i, m.prefix) =>
            {
                Some((m.end, &self.lex.victims[v as usize]))
            }
            _ => None,
        })
    }

    /// The longest person phrase at `i` that carries no conjunction.
    pub(crate) fn person_bare(&self, i: usize) -> Option<(usize, &'a PersonEntry)> {
        if !self.may(i, PERSON) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Person(p) if !self.conjoined(i, m.prefix) => {
                Some((m.end, &self.lex.persons[p as usize]))
            }
            _ => None,
        })
    }

    /// Whether the clitics stripped from token `i` start with a conjunction.
    fn conjoined(&self, i: usize, prefix: u8) -> bool {
        prefix > 0 && self.tokens[i].has_conjunction()
    }

    /// The longest person phrase starting at `i`.
    pub(crate) fn person(&self, i: usize) -> Option<(usize, &'a PersonEntry)> {
        if !self.may(i, PERSON) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Person(p) => Some((m.end, &self.lex.persons[p as usize])),
            _ => None,
        })
    }

    /// A qualifier phrase starting at `i` with the given position.
    pub(crate) fn qualifier(&self, i: usize, after: bool) -> Option<(usize, &'a QualifierEntry)> {
        if !self.may(i, QUALIFIER) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Qualifier(q) if self.lex.qualifiers[q as usize].after == after => {
                Some((m.end, &self.lex.qualifiers[q as usize]))
            }
            _ => None,
        })
    }

    /// A marker of `kind` starting at `i`: where it ends.
    pub(crate) fn marker(&self, i: usize, kind: MarkerKind) -> Option<usize> {
        self.marker_entry(i, kind).map(|(end, _)| end)
    }

    /// A marker of `kind` starting at `i`, with its row.
    pub(crate) fn marker_entry(
        &self,
        i: usize,
        kind: MarkerKind,
    ) -> Option<(usize, &'a MarkerEntry)> {
        if !self.may(i, marker_bit(kind)) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Marker(k) if self.lex.markers[k as usize].kind == kind => {
                Some((m.end, &self.lex.markers[k as usize]))
            }
            _ => None,
        })
    }

    /// Whether a one-word marker of `kind` is token `i`.
    pub(crate) fn is_marker(&self, i: usize, kind: MarkerKind) -> bool {
        i < self.range.end && self.marker(i, kind) == Some(i + 1)
    }

    /// The longest blocker starting at `i`.
    pub(crate) fn blocker(&self, i: usize) -> Option<(usize, &'a BlockerEntry)> {
        if !self.may(i, BLOCKER) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Blocker(b) => Some((m.end, &self.lex.blockers[b as usize])),
            _ => None,
        })
    }

    /// The longest blocker of `kind` starting at `i`.
    pub(crate) fn blocker_of(
        &self,
        i: usize,
        kind: BlockerType,
    ) -> Option<(usize, &'a BlockerEntry)> {
        if !self.may(i, BLOCKER) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Blocker(b) if self.lex.blockers[b as usize].kind == kind => {
                Some((m.end, &self.lex.blockers[b as usize]))
            }
            _ => None,
        })
    }

    /// A reporting expression that introduces a source (verb, participle,
    /// preposition) starting at `i`.
    pub(crate) fn reporting(&self, i: usize) -> Option<(usize, &'a ReportingEntry)> {
        if !self.may(i, REPORTING) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Reporting(r) if self.lex.reporting[r as usize].kind.introduces() => {
                Some((m.end, &self.lex.reporting[r as usize]))
            }
            _ => None,
        })
    }

    /// A linking word of reporting of `kind` at token `i` (relative,
    /// resumptive, relay): where it ends.
    pub(crate) fn reporting_link(&self, i: usize, kind: ReportingType) -> Option<usize> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Reporting(r) if self.lex.reporting[r as usize].kind == kind => Some(m.end),
            _ => None,
        })
    }

    /// The longest known-source alias starting at `i`: (end, source row).
    pub(crate) fn source(&self, i: usize) -> Option<(usize, &'a SourceEntry)> {
        if !self.may(i, SOURCE) {
            return None;
        }
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Source(s) => Some((m.end, &self.lex.sources[s as usize])),
            _ => None,
        })
    }

    /// A number starting at `i`, not running past the sentence.
    pub(crate) fn number(&self, i: usize) -> Option<NumberMatch> {
        if !self.range.contains(&i) {
            return None;
        }
        self.numbers[i - self.range.start]
    }

    pub(crate) fn is_punct(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
    }

    pub(crate) fn is_punct_char(&self, i: usize, c: char) -> bool {
        self.tokens[i].is_punct(self.text, c)
    }

    /// Whether token `i` is punctuation that ends a clause: any but a quote.
    pub(crate) fn is_clause_punct(&self, i: usize) -> bool {
        self.is_punct(i) && !self.is_punct_char(i, '"')
    }

    /// Whether token `i` is a comma, Arabic or Latin.
    pub(crate) fn is_comma(&self, i: usize) -> bool {
        self.is_punct_char(i, '،') || self.is_punct_char(i, ',')
    }

    /// Whether token `i` is the word "و" standing alone.
    pub(crate) fn is_and(&self, i: usize) -> bool {
        self.tokens[i].detached(self.text) == Some(Detached::Conjunction(Conjunction::Wa))
    }

    /// Whether token `i` is a proclitic written apart: the article ("الـ600"),
    /// or a preposition ("بـ 70"، "لـ«الشرق»").
    pub(crate) fn is_detached(&self, i: usize, detached: Detached) -> bool {
        self.tokens[i].detached(self.text) == Some(detached)
    }

    /// Whether token `i` is a preposition ل written apart.
    pub(crate) fn is_detached_li(&self, i: usize) -> bool {
        self.is_detached(i, Detached::Preposition(Preposition::Li))
    }

    /// Whether the word at `i` has the article after its proclitics.
    pub(crate) fn is_definite(&self, i: usize) -> bool {
        self.tokens[i].is_definite(self.text)
    }
}

/// Bits of [`SentenceView::kinds`]: one per marker kind (0–31), then the
/// other files and the victim roles.
const PERSON: u64 = 1 << 32;
const BLOCKER: u64 = 1 << 33;
const REPORTING: u64 = 1 << 34;
const SOURCE: u64 = 1 << 35;
const QUALIFIER: u64 = 1 << 36;
const TRIGGER: u64 = 1 << 37;
const NOUN: u64 = 1 << 38;
const POST: u64 = 1 << 39;

// Every marker kind has a bit below the other files' bits.
const _: () = assert!((MarkerKind::SubjectStart as u64) < 32);

fn marker_bit(kind: MarkerKind) -> u64 {
    1 << (kind as u64)
}

fn role_bit(role: Role) -> u64 {
    match role {
        Role::Trigger => TRIGGER,
        Role::Noun => NOUN,
        Role::Post => POST,
    }
}

/// The bit of a phrase's kind.
fn bit(lex: &Lexicons, tag: Tag) -> u64 {
    match tag {
        Tag::Victim(v) => role_bit(lex.victims[v as usize].role),
        Tag::Person(_) => PERSON,
        Tag::Qualifier(_) => QUALIFIER,
        Tag::Reporting(r) if lex.reporting[r as usize].kind.introduces() => REPORTING,
        Tag::Reporting(_) => 0,
        Tag::Source(_) => SOURCE,
        Tag::Blocker(_) => BLOCKER,
        Tag::Marker(k) => marker_bit(lex.markers[k as usize].kind),
    }
}
