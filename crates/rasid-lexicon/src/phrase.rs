//! Multi-word phrase matching over clitic-aware tokens.
//!
//! A phrase is stored under the key of its first word; a key is the word
//! normalised with the article ال removed, and a token matches a key when any
//! of its analyses equals it ("والجرحى" has the analysis "جرحى"). A phrase
//! written with a leading `=` matches only words written exactly so, without
//! clitics: `=قد` matches "قد" but not "فقد".

use rustc_hash::FxHashMap as HashMap;

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

#[derive(Debug, Clone)]
struct Entry<T> {
    rest: Box<[String]>,
    exact: bool,
    tag: T,
}

/// Phrases indexed by their first word.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    by_first: HashMap<String, Vec<Entry<T>>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        Self {
            by_first: HashMap::default(),
        }
    }
}

/// Removes the article from a normalised word when two letters remain.
fn strip_article(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().nth(1).is_some() => rest,
        _ => word,
    }
}

/// Why a phrase cannot be indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhraseError {
    /// No word in it.
    Empty,
    /// A word of one letter: a clitic cannot stand alone in a phrase.
    LoneLetter(String),
}

impl<T: Copy> PhraseIndex<T> {
    /// Adds a phrase (as written; normalised here).
    ///
    /// # Errors
    /// When the phrase has no word, or a one-letter word.
    pub fn insert(&mut self, phrase: &str, tag: T) -> Result<(), PhraseError> {
        let (exact, phrase) = match phrase.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, phrase),
        };
        let normalized = normalize_str(phrase);
        let tokens = tokenize(&normalized);
        let mut keys = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let text = token.text(&normalized);
            if token.kind == TokenKind::Word && text.chars().nth(1).is_none() {
                return Err(PhraseError::LoneLetter(text.to_owned()));
            }
            let key = if exact || token.kind != TokenKind::Word {
                text
            } else {
                strip_article(text)
            };
            keys.push(key.to_owned());
        }
        let mut keys = keys.into_iter();
        let first = keys.next().ok_or(PhraseError::Empty)?;
        self.by_first.entry(first).or_default().push(Entry {
            rest: keys.collect(),
            exact,
            tag,
        });
        Ok(())
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

    /// Appends every phrase starting at token `i` to `out`, longest first
    /// (no allocation when `out` has room).
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
                    if entry.exact && form_index > 0 {
                        continue;
                    }
                    if let Some(end) =
                        match_rest(normalized, tokens, i + 1, &entry.rest, entry.exact)
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
}

fn match_rest(
    normalized: &str,
    tokens: &[Token],
    from: usize,
    rest: &[String],
    exact: bool,
) -> Option<usize> {
    for (offset, key) in rest.iter().enumerate() {
        let token = tokens.get(from + offset)?;
        let ok = if exact {
            token.text(normalized) == key
        } else {
            // "قتلى وجرحى" also matches "القتلى والجرحى": a word written with
            // "و" in the phrase matches a token with "و" and any article.
            token.forms(normalized).any(|f| f == key)
                || key
                    .strip_prefix('و')
                    .or_else(|| key.strip_prefix('ف'))
                    .is_some_and(|bare| {
                        token.has_conjunction() && token.forms(normalized).any(|f| f == bare)
                    })
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
        assert_eq!(find(&index, "عشرات القتلى والجرحى"), [(1, 3, 1)]);
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
