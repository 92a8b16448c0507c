//! The letters of Arabic morphology that the mechanisms need: the proclitics
//! written on a word (و ف ب ل ك), the article ال, and the prefixes of a verb in
//! the imperfect. Letters, not words: every word rasid knows is in
//! `data/lexicons/`.
//!
//! This is the one module of the workspace whose code holds Arabic letters
//! (the test `arabic_in_rust` allows it by name); everything else asks it.

/// The conjunction و ("and").
const WAW: char = 'و';
/// The conjunction ف ("and so").
const FA: char = 'ف';
/// The preposition ب ("in, with, by").
const BA: char = 'ب';
/// The preposition ل ("to, for"); doubled in "لل" = ل + ال.
const LAM: char = 'ل';
/// The preposition ك ("like").
const KAF: char = 'ك';
/// The article.
pub const ARTICLE: &str = "ال";
/// Prefixes of the third person imperfect ("يقتل"، "تؤدي"): after the modal
/// "قد" they make a possibility, not a fact.
const IMPERFECT: [char; 2] = ['ي', 'ت'];

/// A conjunction written on a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conjunction {
    /// و
    Wa,
    /// ف
    Fa,
}

/// A preposition written on a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preposition {
    /// ب: "بدوما" (in Douma), "بحسب".
    Bi,
    /// ل: "لدمشق" (to Damascus), "للمرصد" (ل + ال).
    Li,
    /// ك: "كامل" is a word, "كشاهد" is ك + شاهد ("as a witness").
    Ka,
}

/// The proclitics split off a word by one of its analyses: `[و|ف] [ب|ل|ك] [ال]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Proclitics {
    /// و or ف.
    pub conjunction: Option<Conjunction>,
    /// ب, ل or ك.
    pub preposition: Option<Preposition>,
    /// Whether the article follows ("وبالغوطة"، "للمرصد").
    pub article: bool,
}

impl Proclitics {
    /// Reads a run of proclitics as the tokeniser splits them off ("وبال",
    /// "لل", "ف", ""); `None` when the run is not one.
    #[must_use]
    pub fn parse(run: &str) -> Option<Self> {
        let mut rest = run;
        let mut proclitics = Self::default();
        if let Some(after) = rest.strip_prefix(WAW) {
            proclitics.conjunction = Some(Conjunction::Wa);
            rest = after;
        } else if let Some(after) = rest.strip_prefix(FA) {
            proclitics.conjunction = Some(Conjunction::Fa);
            rest = after;
        }
        if rest == "لل" {
            proclitics.preposition = Some(Preposition::Li);
            proclitics.article = true;
            return Some(proclitics);
        }
        for (letter, preposition) in [
            (BA, Preposition::Bi),
            (LAM, Preposition::Li),
            (KAF, Preposition::Ka),
        ] {
            if let Some(after) = rest.strip_prefix(letter) {
                proclitics.preposition = Some(preposition);
                rest = after;
                break;
            }
        }
        if let Some(after) = rest.strip_prefix(ARTICLE) {
            proclitics.article = true;
            rest = after;
        }
        rest.is_empty().then_some(proclitics)
    }

    /// Whether nothing was split off.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self == Self::default()
    }

    /// Bytes of the conjunction at the head of the run (every proclitic
    /// letter is two bytes in UTF-8).
    #[must_use]
    pub fn conjunction_len(self) -> usize {
        if self.conjunction.is_some() {
            WAW.len_utf8()
        } else {
            0
        }
    }

    /// Whether the run is at most a conjunction: "قصفت" or "وقصفت", not
    /// "بقصف" or "القصف".
    #[must_use]
    pub fn at_most_conjunction(self) -> bool {
        self.preposition.is_none() && !self.article
    }
}

/// A proclitic written as a word of its own: "و" apart, "بـ 70"، "لـ«الشرق»",
/// "الـ600".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Detached {
    /// A conjunction standing alone ("و 12").
    Conjunction(Conjunction),
    /// A preposition standing alone ("بـ 70").
    Preposition(Preposition),
    /// The article standing alone ("الـ600").
    Article,
}

impl Detached {
    /// What the normalised word is, when it is a proclitic standing alone.
    #[must_use]
    pub fn parse(word: &str) -> Option<Self> {
        if word == ARTICLE {
            return Some(Self::Article);
        }
        let mut chars = word.chars();
        let (first, None) = (chars.next()?, chars.next()) else {
            return None;
        };
        Some(match first {
            WAW => Self::Conjunction(Conjunction::Wa),
            FA => Self::Conjunction(Conjunction::Fa),
            BA => Self::Preposition(Preposition::Bi),
            LAM => Self::Preposition(Preposition::Li),
            KAF => Self::Preposition(Preposition::Ka),
            _ => return None,
        })
    }
}

/// The one-letter proclitics as written, in the order و ف ب ل ك, with what
/// each is.
pub const ONE_LETTER: [(&str, Detached); 5] = [
    ("و", Detached::Conjunction(Conjunction::Wa)),
    ("ف", Detached::Conjunction(Conjunction::Fa)),
    ("ب", Detached::Preposition(Preposition::Bi)),
    ("ل", Detached::Preposition(Preposition::Li)),
    ("ك", Detached::Preposition(Preposition::Ka)),
];

/// The one-letter proclitic a word starts with, read from its first letter
/// (whether the word is that proclitic and a stem is for the tokeniser).
#[must_use]
pub fn first_proclitic(word: &str) -> Option<Detached> {
    let first = word.chars().next()?;
    ONE_LETTER
        .iter()
        .find(|(letter, _)| letter.starts_with(first))
        .map(|&(_, detached)| detached)
}

/// The word without a leading و, if it has one ("وأحد" → "أحد").
#[must_use]
pub fn strip_wa(word: &str) -> Option<&str> {
    word.strip_prefix(WAW)
}

/// Removes the article from a normalised word when two letters remain:
/// "الغوطه" → ("غوطه", true); "الي" stays whole (one letter would remain).
#[must_use]
pub fn strip_article(word: &str) -> (&str, bool) {
    match word.strip_prefix(ARTICLE) {
        Some(rest) if rest.chars().nth(1).is_some() => (rest, true),
        _ => (word, false),
    }
}

/// The word without a leading conjunction و or ف, if it has one.
#[must_use]
pub fn strip_conjunction(word: &str) -> Option<&str> {
    word.strip_prefix(WAW).or_else(|| word.strip_prefix(FA))
}

/// Bytes of the article at the end of a run of proclitics ("وبال" → 4), 0
/// without one ("لل" has lost its alef and keeps no article to cut).
#[must_use]
pub fn trailing_article_len(run: &str) -> usize {
    if run.ends_with(ARTICLE) {
        ARTICLE.len()
    } else {
        0
    }
}

/// Whether the run of proclitics ends with the article ("وال", "لل").
#[must_use]
pub fn ends_with_article(run: &str) -> bool {
    run.ends_with(ARTICLE) || run.ends_with("لل")
}

/// Whether a word starts like a verb in the third person imperfect
/// ("يؤدي"، "تتسبب"). Known false positive: nouns that start so ("تقرير").
#[must_use]
pub fn looks_imperfect(word: &str) -> bool {
    word.starts_with(IMPERFECT)
}

/// The original text of a place or a name without the proclitics written on
/// its first word that are not part of it: "بدوما" → "دوما", "لحلب" →
/// "حلب", "وبمدينة" → "مدينة". Only و ب ل are removed, as a label wants.
#[must_use]
pub fn trim_label(original: &str) -> &str {
    original.trim_start_matches([BA, LAM, WAW])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_proclitics() {
        let p = Proclitics::parse("وبال").expect("a run");
        assert_eq!(p.conjunction, Some(Conjunction::Wa));
        assert_eq!(p.preposition, Some(Preposition::Bi));
        assert!(p.article);
        let p = Proclitics::parse("لل").expect("a run");
        assert_eq!((p.preposition, p.article), (Some(Preposition::Li), true));
        assert!(Proclitics::parse("").expect("empty").is_empty());
        assert_eq!(Proclitics::parse("مد"), None);
    }

    #[test]
    fn detached_clitics() {
        assert_eq!(Detached::parse("ال"), Some(Detached::Article));
        assert_eq!(
            Detached::parse("ب"),
            Some(Detached::Preposition(Preposition::Bi))
        );
        assert_eq!(Detached::parse("بين"), None);
    }

    #[test]
    fn articles_and_conjunctions() {
        assert_eq!(strip_article("الغوطه"), ("غوطه", true));
        assert_eq!(strip_article("الي"), ("الي", false));
        assert_eq!(strip_conjunction("وجرحي"), Some("جرحي"));
        assert!(looks_imperfect("يؤدي"));
        assert!(!looks_imperfect("قتل"));
    }
}
