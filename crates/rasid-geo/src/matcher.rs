//! Finding place names in tokenised text.

use std::ops::Range;

use rasid_text::morphology::{
    ends_with_article, trailing_article_len, Preposition as Clitic, Proclitics,
};
use rasid_text::{Token, TokenKind};

use crate::gazetteer::{Entry, StopMode};
use crate::lexicon::{
    clitic_preposition, conjunction_len, Designator, Direction, Frame, PlaceWords, Preposition,
};
use crate::{Gazetteer, Place};

/// Names this short (in letters, one word) are common words too often ("تل",
/// "حي", "باب") unless a large place carries them.
const SHORT_NAME_LETTERS: usize = 3;
/// A short name needs no prefix when one of its places is at least this big.
const SHORT_NAME_POPULATION: u64 = 50_000;
/// A village below this population (GeoNames counts it) needs a prefix: the
/// names of small villages are often words ("سالم", "جناته").
const SMALL_VILLAGE_POPULATION: u64 = 5_000;

/// The words before a place name: "في", "بمدينة", "شمال غرب", "في ريف".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    /// Tokens of the prefix words; empty when only a clitic is on the name
    /// ("بدوما").
    pub tokens: Range<usize>,
    /// Bytes of the normalised text from the prefix's start to the name's
    /// start ("بمدينه " in "بمدينه دوما", "ب" in "بدوما").
    pub span: Range<usize>,
    /// في، من، إلى … or ب/ل on a word.
    pub preposition: Option<Preposition>,
    /// شمال، جنوب غرب …
    pub direction: Option<Direction>,
    /// مدينة، بلدة، قرية، محافظة، حي، مخيم، ريف …
    pub designator: Option<Designator>,
}

/// A place name found in a text, with every place it may mean.
#[derive(Debug, Clone)]
pub struct PlaceMention<'g> {
    /// Tokens of the name.
    pub tokens: Range<usize>,
    /// Bytes of the name in the normalised text, from its article if it has
    /// one, without the clitics before it ("الغوطه الشرقيه" in "بالغوطه الشرقيه").
    pub span: Range<usize>,
    /// The key the name matched: normalised, first article dropped.
    pub key: String,
    /// The words before the name, if any.
    pub prefix: Option<Prefix>,
    /// A direction adjective after the name: "ريف حلب الشمالي".
    pub direction_after: Option<Direction>,
    /// The places the name may mean, in file order.
    pub candidates: Vec<&'g Place>,
    /// A short or rare name that was accepted only because of its prefix; it
    /// does not count as context for other mentions and is dropped by
    /// [`Gazetteer::resolve`] unless the article names its country otherwise.
    pub weak: bool,
}

impl PlaceMention<'_> {
    /// Bytes of the normalised text from the prefix (if any) to the name's end.
    #[must_use]
    pub fn full_span(&self) -> Range<usize> {
        let start = self
            .prefix
            .as_ref()
            .map_or(self.span.start, |p| p.span.start);
        start..self.span.end
    }
}

/// A match of the index at a token.
struct Hit {
    /// Number of tokens of the name.
    words: usize,
    /// Byte offset of the name inside its first token: after the clitics,
    /// before the article.
    name_offset: usize,
    entries: Vec<Entry>,
    key: String,
    /// Whether the text has the article.
    article: bool,
}

impl Gazetteer {
    /// Finds place names in a normalised text and its tokens (from
    /// [`rasid_text::tokenize`]): the longest name at each token, with
    /// clitics (بدوما، وبالغوطة، لحلب) and the words before it (بمدينة دوما،
    /// في الغوطة الشرقية، شمال غرب سوريا، مخيم جباليا).
    ///
    /// Names from `stoplist.tsv` count only as their mode allows; short names
    /// (three letters or fewer) and villages under 5,000 people need a prefix.
    #[must_use]
    pub fn find_places<'g>(&'g self, normalized: &str, tokens: &[Token]) -> Vec<PlaceMention<'g>> {
        let mut mentions = Vec::new();
        let mut scratch = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some(hit) = self.longest_at(normalized, tokens, i, &mut scratch) else {
                i += 1;
                continue;
            };
            let end = i + hit.words;
            let prefix = prefix_before(&self.words, normalized, tokens, i, hit.name_offset);
            let has_designator = prefix.as_ref().is_some_and(|p| p.designator.is_some());
            let stop = self.stoplist.get(hit.key.as_str());
            let accepted = match stop.and_then(|s| s.mode(hit.article)) {
                Some(StopMode::Never) => false,
                Some(StopMode::Designator) => has_designator,
                None => true,
            };
            if !accepted {
                i += 1;
                continue;
            }
            let candidates: Vec<&Place> = hit
                .entries
                .iter()
                .map(|e| &self.places[e.place as usize])
                .collect();
            let weak = hit.words == 1 && is_weak(&hit.key, &candidates);
            if weak && prefix.is_none() {
                i += 1;
                continue;
            }
            let direction_after = tokens
                .get(end)
                .filter(|t| t.kind == TokenKind::Word)
                .and_then(|t| match self.words.word(t.text(normalized)) {
                    Some(Frame::DirectionAfter(d)) => Some(d),
                    _ => None,
                });
            mentions.push(PlaceMention {
                tokens: i..end,
                span: tokens[i].span.start + hit.name_offset..tokens[end - 1].span.end,
                key: hit.key,
                prefix,
                direction_after,
                candidates,
                weak,
            });
            i = end;
        }
        mentions
    }

    /// The longest name starting at token `i`, over every clitic analysis of
    /// the token; ties go to the longer analysis ("بنغازي" before "نغازي").
    fn longest_at(
        &self,
        normalized: &str,
        tokens: &[Token],
        i: usize,
        found: &mut Vec<rasid_lexicon::PhraseMatch<u32>>,
    ) -> Option<Hit> {
        let token = &tokens[i];
        if token.kind != TokenKind::Word {
            return None;
        }
        let text = token.text(normalized);
        found.clear();
        self.names.matches_into(normalized, tokens, i, found);
        found.iter().find_map(|m| {
            let stripped = usize::from(m.prefix);
            let run = &text[..stripped];
            // ك ("like") is a clitic of comparison, not of place: "كامل" is
            // "whole", not ك + آمل (Amol, Iran).
            let proclitics = Proclitics::parse(run).unwrap_or_default();
            if proclitics.preposition == Some(Clitic::Ka) {
                return None;
            }
            // The text has the article when the analysis stripped it ("السوريه"
            // → "سوريه"), also after "لل" (ل + ال, alef dropped).
            let article = ends_with_article(run);
            let key_index = m.tag as usize;
            let entries = self.allowed(key_index, article)?;
            Some(Hit {
                words: m.end - i,
                // The name's span keeps its article.
                name_offset: stripped - trailing_article_len(run),
                entries,
                key: self.key_names[key_index].to_string(),
                article,
            })
        })
    }
}

/// Whether a one-word name needs a prefix to count: short names of small
/// places, and villages that GeoNames counts under 1,000 people.
fn is_weak(key: &str, candidates: &[&Place]) -> bool {
    let big = |p: &&Place| {
        p.feature.is_area()
            || matches!(p.feature.code(), "PPLC" | "PPLA")
            || p.population >= SHORT_NAME_POPULATION
    };
    if key.chars().count() <= SHORT_NAME_LETTERS {
        return !candidates.iter().any(big);
    }
    candidates.iter().all(|p| {
        p.feature.code() == "PPL" && p.population > 0 && p.population < SMALL_VILLAGE_POPULATION
    })
}

/// A frame word found before a name.
struct FrameWord<T> {
    value: T,
    /// ب/ل on the word ("بمدينه").
    preposition: Option<Preposition>,
    /// Where the prefix starts in the normalised text: after any conjunction.
    start: usize,
}

/// A word that is exactly a place word of the kind `pick` takes after its
/// clitics: "بمدينه" → City with "ب". The article is not allowed
/// ("المدينه" is "the city", not a prefix).
fn frame_word<T>(
    words: &PlaceWords,
    normalized: &str,
    tokens: &[Token],
    i: usize,
    pick: impl Fn(Frame) -> Option<T>,
) -> Option<FrameWord<T>> {
    let found = words.on_token(normalized, tokens, i, pick)?;
    Some(FrameWord {
        value: found.value,
        preposition: clitic_preposition(&found.proclitics),
        start: tokens[i].span.start + conjunction_len(&found.proclitics),
    })
}

fn designator(frame: Frame) -> Option<Designator> {
    match frame {
        Frame::Designator(d) => Some(d),
        _ => None,
    }
}

fn direction(frame: Frame) -> Option<Direction> {
    match frame {
        Frame::Direction(d) => Some(d),
        _ => None,
    }
}

fn preposition(frame: Frame) -> Option<Preposition> {
    match frame {
        Frame::Preposition(p) => Some(p),
        _ => None,
    }
}

/// Reads the prefix backwards from the name at token `i`: the clitic on the
/// name, else [preposition] [direction [direction]] [designator].
fn prefix_before(
    words: &PlaceWords,
    normalized: &str,
    tokens: &[Token],
    i: usize,
    name_offset: usize,
) -> Option<Prefix> {
    let name = &tokens[i];
    let name_start = name.span.start + name_offset;
    let on_name = &name.text(normalized)[..name_offset];
    let mut prefix = Prefix {
        tokens: i..i,
        span: name_start..name_start,
        preposition: None,
        direction: None,
        designator: None,
    };
    if let Some(p) = clitic_preposition(on_name) {
        prefix.preposition = Some(p);
        prefix.span.start = name.span.start + conjunction_len(on_name);
        return Some(prefix);
    }
    let mut j = i;
    let take = |prefix: &mut Prefix, j: &mut usize, start: usize| {
        *j -= 1;
        prefix.tokens.start = *j;
        prefix.span.start = start;
    };
    if j > 0 {
        if let Some(frame) = frame_word(words, normalized, tokens, j - 1, designator) {
            take(&mut prefix, &mut j, frame.start);
            prefix.designator = Some(frame.value);
            if frame.preposition.is_some() {
                prefix.preposition = frame.preposition;
                return Some(prefix);
            }
        }
    }
    if j > 0 {
        if let Some(second) = frame_word(words, normalized, tokens, j - 1, direction) {
            take(&mut prefix, &mut j, second.start);
            prefix.direction = Some(second.value);
            prefix.preposition = second.preposition;
            if second.preposition.is_none() && j > 0 {
                if let Some(first) = frame_word(words, normalized, tokens, j - 1, direction) {
                    if let Some(both) = first.value.combine(second.value) {
                        take(&mut prefix, &mut j, first.start);
                        prefix.direction = Some(both);
                        prefix.preposition = first.preposition;
                    }
                }
            }
            if prefix.preposition.is_some() {
                return Some(prefix);
            }
        }
    }
    if j > 0 {
        if let Some(frame) = frame_word(words, normalized, tokens, j - 1, preposition) {
            take(&mut prefix, &mut j, frame.start);
            prefix.preposition = Some(frame.value);
        }
    }
    (prefix.tokens.start < i).then_some(prefix)
}
