//! The one phrase matcher of rasid: multi-word phrases over the normalised,
//! clitic-aware tokens of `rasid-text`, used by every stage (the lexicons
//! here, actors and events, the time words, the place words and the
//! gazetteer's names).
//!
//! A phrase is stored under the key of its first word, and a token matches a
//! key when one of its analyses equals it ("والجرحى" has the analyses
//! "والجرحى"، "الجرحى"، "جرحى"). How the phrase meets the text is its
//! [`Reading`]: the lexicon files use [`Reading::Loose`] (the article of a word
//! optional, any proclitics), or [`Reading::Exact`] for a phrase written with
//! a leading `=` (`=قد` matches "قد" but not "فقد"). Every match reports how
//! many bytes of proclitics it stripped from the first word, so a caller can
//! ask which ones ([`rasid_text::Token::proclitics_of`]).

use rustc_hash::FxHashMap as HashMap;

use rasid_text::morphology::{strip_article, strip_conjunction};
use rasid_text::{normalize_str, tokenize, Token, TokenKind};

/// A phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<T> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What the phrase refers to.
    pub tag: T,
    /// Bytes of clitics stripped from the first word to match ("و" of "وإصابة").
    pub prefix: u8,
}

/// How a phrase meets the words of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    /// Any proclitics on the first word; the article of every word optional;
    /// a later word written with "و" also matches a word with "و" and the
    /// article ("قتلى وجرحى" matches "القتلى والجرحى"). The lexicon files.
    Loose,
    /// Any proclitics and an optional article on the first word; later words
    /// as written. Place names ("دير الزور" matches "وبدير الزور").
    Name,
    /// The first word as listed (its article, if any, required) after any
    /// proclitics; later words as written. For word lists whose callers
    /// choose the proclitics they accept from [`PhraseMatch::prefix`] (time
    /// words, place words, role cues).
    Listed,
    /// Every word as written, no proclitics ("=قد").
    Exact,
}

#[derive(Debug, Clone)]
struct Entry<T> {
    rest: Box<[String]>,
    reading: Reading,
    tag: T,
}

/// Phrases indexed by their first word.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    by_first: HashMap<String, Vec<Entry<T>>>,
    len: usize,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        Self {
            by_first: HashMap::default(),
            len: 0,
        }
    }
}

/// Why a phrase cannot be indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhraseError {
    /// No word in it.
    Empty,
    /// A word of one letter in a loose phrase: a clitic cannot stand alone
    /// there ("وفقا ل").
    LoneLetter(String),
}

impl std::fmt::Display for PhraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "no word in the phrase"),
            Self::LoneLetter(letter) => write!(
                f,
                "the one-letter word `{letter}` cannot stand alone (write it on the next word, or mark the phrase with `=`)"
            ),
        }
    }
}

impl<T: Copy + PartialEq> PhraseIndex<T> {
    /// Adds a phrase as the lexicon files write it: [`Reading::Exact`] with a
    /// leading `=`, else [`Reading::Loose`].
    ///
    /// # Errors
    /// When the phrase has no word, or a one-letter word.
    pub fn insert(&mut self, phrase: &str, tag: T) -> Result<(), PhraseError> {
        match phrase.strip_prefix('=') {
            Some(rest) => self.insert_with(rest, Reading::Exact, tag),
            None => self.insert_with(phrase, Reading::Loose, tag),
        }
    }

    /// Adds a phrase (as written; normalised here) with its reading. The same
    /// phrase with the same reading and tag is kept once.
    ///
    /// # Errors
    /// When the phrase has no word, or a one-letter word in a loose phrase.
    pub fn insert_with(
        &mut self,
        phrase: &str,
        reading: Reading,
        tag: T,
    ) -> Result<(), PhraseError> {
        let normalized = normalize_str(phrase);
        let tokens = tokenize(&normalized);
        let mut keys = Vec::with_capacity(tokens.len());
        for (n, token) in tokens.iter().enumerate() {
            let text = token.text(&normalized);
            let word = token.kind == TokenKind::Word;
            if reading == Reading::Loose && word && text.chars().nth(1).is_none() {
                return Err(PhraseError::LoneLetter(text.to_owned()));
            }
            let strip = word
                && match reading {
                    Reading::Loose => true,
                    Reading::Name => n == 0,
                    Reading::Listed | Reading::Exact => false,
                };
            let key = if strip { strip_article(text).0 } else { text };
            keys.push(key.to_owned());
        }
        let mut keys = keys.into_iter();
        let first = keys.next().ok_or(PhraseError::Empty)?;
        let rest: Box<[String]> = keys.collect();
        let entries = self.by_first.entry(first).or_default();
        if !entries
            .iter()
            .any(|e| e.rest == rest && e.reading == reading && e.tag == tag)
        {
            entries.push(Entry { rest, reading, tag });
            self.len += 1;
        }
        Ok(())
    }

    /// Number of phrases indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no phrase is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every phrase starting at token `i`, longest first.
    pub fn matches_at<'s>(
        &'s self,
        normalized: &'s str,
        tokens: &'s [Token],
        i: usize,
    ) -> impl Iterator<Item = PhraseMatch<T>> + 's {
        let mut found: Vec<PhraseMatch<T>> = Vec::new();
        self.matches_into(normalized, tokens, i, &mut found);
        found.into_iter()
    }

    /// Appends every phrase starting at token `i` to `out`, longest first,
    /// then by analysis of the first word, longest analysis first (no
    /// allocation when `out` has room).
    pub fn matches_into(
        &self,
        normalized: &str,
        tokens: &[Token],
        i: usize,
        out: &mut Vec<PhraseMatch<T>>,
    ) {
        let from = out.len();
        let found = out;
        if let Some(token) = tokens.get(i) {
            for (form_index, form) in token.forms(normalized).enumerate() {
                let Some(entries) = self.by_first.get(form) else {
                    continue;
                };
                for entry in entries {
                    if entry.reading == Reading::Exact && form_index > 0 {
                        continue;
                    }
                    if let Some(end) =
                        match_rest(normalized, tokens, i + 1, &entry.rest, entry.reading)
                    {
                        let stripped = token.span.len() - form.len();
                        found.push(PhraseMatch {
                            start: i,
                            end,
                            tag: entry.tag,
                            prefix: u8::try_from(stripped).unwrap_or(u8::MAX),
                        });
                    }
                }
            }
        }
        found[from..].sort_by_key(|m| std::cmp::Reverse(m.end));
    }

    /// Whether some phrase may start at `token`: a cheap test that lets most
    /// tokens of a text be skipped.
    #[must_use]
    pub fn may_start(&self, normalized: &str, token: &Token) -> bool {
        token
            .forms(normalized)
            .any(|form| self.by_first.contains_key(form))
    }
}

fn match_rest(
    normalized: &str,
    tokens: &[Token],
    from: usize,
    rest: &[String],
    reading: Reading,
) -> Option<usize> {
    for (offset, key) in rest.iter().enumerate() {
        let token = tokens.get(from + offset)?;
        let ok = if reading == Reading::Loose {
            // "قتلى وجرحى" also matches "القتلى والجرحى": a word written with
            // "و" in the phrase matches a token with "و" and any article.
            token.forms(normalized).any(|f| f == key)
                || strip_conjunction(key).is_some_and(|bare| {
                    token.has_conjunction() && token.forms(normalized).any(|f| f == bare)
                })
        } else {
            token.text(normalized) == key
        };
        if !ok {
            return None;
        }
    }
    Some(from + rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(index: &PhraseIndex<u8>, text: &str) -> Vec<(usize, usize, u8)> {
        let n = normalize_str(text);
        let tokens = tokenize(&n);
        (0..tokens.len())
            .flat_map(|i| index.matches_at(&n, &tokens, i).collect::<Vec<_>>())
            .map(|m| (m.start, m.end, m.tag))
            .collect()
    }

    #[test]
    fn matches_through_clitics_and_article() {
        let mut index = PhraseIndex::default();
        index.insert("الجرحى", 1).unwrap();
        index.insert("المرصد السوري", 2).unwrap();
        assert_eq!(find(&index, "وعشرات والجرحى"), [(1, 2, 1)]);
        assert_eq!(find(&index, "بحسب للمرصد السوري"), [(1, 3, 2)]);
    }

    #[test]
    fn a_conjoined_word_matches_with_the_article() {
        let mut index = PhraseIndex::default();
        index.insert("قتلى وجرحى", 1).unwrap();
        assert_eq!(find(&index, "مئات القتلى والجرحى"), [(1, 3, 1)]);
        assert_eq!(find(&index, "عشرات قتلى وجرحى"), [(1, 3, 1)]);
    }

    #[test]
    fn longest_first() {
        let mut index = PhraseIndex::default();
        index.insert("الدفاع المدني", 1).unwrap();
        index.insert("عناصر الدفاع المدني", 2).unwrap();
        index.insert("عناصر", 3).unwrap();
        let n = normalize_str("مقتل 3 من عناصر الدفاع المدني");
        let tokens = tokenize(&n);
        let got: Vec<_> = index
            .matches_at(&n, &tokens, 3)
            .map(|m| (m.end, m.tag))
            .collect();
        assert_eq!(got, [(6, 2), (4, 3)]);
    }

    #[test]
    fn exact_phrases_ignore_clitic_readings() {
        let mut index = PhraseIndex::default();
        index.insert("=قد", 1).unwrap();
        assert_eq!(find(&index, "فقد قد"), [(1, 2, 1)]);
    }

    #[test]
    fn lone_letters_are_refused() {
        let mut index = PhraseIndex::<u8>::default();
        assert_eq!(
            index.insert("وفقا ل", 1),
            Err(PhraseError::LoneLetter("ل".into()))
        );
        assert_eq!(index.insert("  ", 1), Err(PhraseError::Empty));
    }
}
