//! One sentence with its lexicon matches, shared by the recognisers.

use std::ops::Range;

use rasid_lexicon::{
    BlockerType, Lexicons, MarkerKind, PersonEntry, PhraseMatch, ReportingType, Role, Tag,
    VictimEntry,
};
use rasid_text::{numbers::parse_number, numbers::NumberMatch, Normalized, Span, Token, TokenKind};

/// A sentence, its tokens and every lexicon phrase found in it.
pub(crate) struct SentenceView<'a> {
    pub(crate) lex: &'a Lexicons,
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
    /// The number starting at each token, read once (the recognisers ask often).
    numbers: Vec<Option<NumberMatch>>,
    /// Whether any victim phrase (trigger, noun or verb after) is in the
    /// sentence: without one, no casualty claim can be.
    has_victim: bool,
}

impl<'a> SentenceView<'a> {
    pub(crate) fn new(
        lex: &'a Lexicons,
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
        for i in range.clone() {
            lex.matches_into(text, sentence_tokens, i, &mut matches);
            offsets.push(u32::try_from(matches.len()).expect("fewer than 4 billion matches"));
            numbers.push(parse_number(text, sentence_tokens, i));
        }
        let has_victim = matches.iter().any(|m| matches!(m.tag, Tag::Victim(_)));
        Self {
            lex,
            normalized,
            text,
            tokens,
            range,
            span,
            matches,
            offsets,
            numbers,
            has_victim,
        }
    }

    /// Whether any victim phrase is in the sentence.
    pub(crate) fn has_victim(&self) -> bool {
        self.has_victim
    }

    /// Whether a subgroup opener ("بينهم", "بين القتلى") may be in the
    /// sentence: one pass, instead of looking before every token.
    pub(crate) fn may_open_subgroup(&self) -> bool {
        self.matches.iter().any(|m| {
            matches!(m.tag, Tag::Marker(k) if self.lex.markers[k as usize].kind == MarkerKind::Subgroup)
        }) || self
            .range
            .clone()
            .any(|i| matches!(self.token_text(i), "بين" | "وبين"))
    }
    pub(crate) fn token_text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Token `i` as written in the original, with its marks.
    pub(crate) fn original_text(&self, i: usize) -> &'a str {
        let span = self.normalized.to_original(self.tokens[i].span.range());
        &self.normalized.original()[span.range()]
    }

    fn at(&self, i: usize) -> &[PhraseMatch<Tag>] {
        if self.range.contains(&i) {
            let k = i - self.range.start;
            &self.matches[self.offsets[k] as usize..self.offsets[k + 1] as usize]
        } else {
            &[]
        }
    }

    /// The longest victim phrase with `role` starting at `i`.
    pub(crate) fn victim(&self, i: usize, role: Role) -> Option<(usize, &'a VictimEntry)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Victim(v) if self.lex.victims[v as usize].role == role => {
                Some((m.end, &self.lex.victims[v as usize]))
            }
            _ => None,
        })
    }

    /// Whether any victim phrase starts at `i`.
    pub(crate) fn any_victim(&self, i: usize) -> Option<(usize, &'a VictimEntry)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Victim(v) => Some((m.end, &self.lex.victims[v as usize])),
            _ => None,
        })
    }

    /// The longest victim noun starting at `i` that carries no conjunction:
    /// the word right after a figure ("30 شهيدا", not "30 … وإصابة").
    pub(crate) fn victim_noun_bare(&self, i: usize) -> Option<(usize, &'a VictimEntry)> {
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
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Person(p) if !self.conjoined(i, m.prefix) => {
                Some((m.end, &self.lex.persons[p as usize]))
            }
            _ => None,
        })
    }

    /// Whether the clitics stripped from token `i` start with a conjunction.
    fn conjoined(&self, i: usize, prefix: u8) -> bool {
        prefix > 0 && matches!(self.token_text(i).chars().next(), Some('و' | 'ف'))
    }

    /// The longest person phrase starting at `i`.
    pub(crate) fn person(&self, i: usize) -> Option<(usize, &'a PersonEntry)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Person(p) => Some((m.end, &self.lex.persons[p as usize])),
            _ => None,
        })
    }

    /// A qualifier phrase starting at `i` with the given position.
    pub(crate) fn qualifier(&self, i: usize, after: bool) -> Option<(usize, &'a str)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Qualifier(q) if self.lex.qualifiers[q as usize].after == after => {
                Some((m.end, self.lex.qualifiers[q as usize].qualifier.as_str()))
            }
            _ => None,
        })
    }

    /// A marker of `kind` starting at `i`.
    pub(crate) fn marker(&self, i: usize, kind: MarkerKind) -> Option<usize> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Marker(k) if self.lex.markers[k as usize].kind == kind => Some(m.end),
            _ => None,
        })
    }

    /// A blocker starting at `i`.
    pub(crate) fn blocker(&self, i: usize) -> Option<(usize, BlockerType)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Blocker(b) => Some((m.end, self.lex.blockers[b as usize].kind)),
            _ => None,
        })
    }

    /// A reporting expression starting at `i`.
    pub(crate) fn reporting(&self, i: usize) -> Option<(usize, ReportingType)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Reporting(r) => Some((m.end, self.lex.reporting[r as usize].kind)),
            _ => None,
        })
    }

    /// The longest known-source alias starting at `i`: (end, source index).
    pub(crate) fn source(&self, i: usize) -> Option<(usize, usize)> {
        self.at(i).iter().find_map(|m| match m.tag {
            Tag::Source(s) => Some((m.end, s as usize)),
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

    /// Whether token `i` is the word "و" standing alone.
    pub(crate) fn is_and(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word && self.token_text(i) == "و"
    }
}

/// What the recognisers remember from one sentence to the next.
#[derive(Debug, Default)]
pub(crate) struct DocState {
    /// The last explicitly named source and how many sentences ago it was.
    pub(crate) last_source: Option<(crate::attribution::Attribution, usize)>,
}

impl DocState {
    pub(crate) fn end_sentence(&mut self) {
        if let Some((_, age)) = &mut self.last_source {
            *age += 1;
        }
    }
}
