//! The words around a place name: designators (مدينة، بلدة، قرية …),
//! prepositions (في، من، إلى …) and directions (شمال، جنوب الشرقي …), read
//! from `data/lexicons/place_words.tsv` and matched with the shared phrase
//! matcher.

use rasid_lexicon::table::{Schema, Table};
use rasid_lexicon::{DataError, LexiconFiles, PhraseIndex, Reading};
use rasid_text::morphology::{trailing_article_len, Preposition as Clitic, Proclitics};
use rasid_text::{tokenize, Token, TokenKind};

/// The kind of place a word before the name announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Designator {
    /// مدينة
    City,
    /// بلدة
    Town,
    /// قرية
    Village,
    /// محافظة، ولاية (Sudan), شعبية (Libya)
    Governorate,
    /// منطقة، ناحية، قضاء، مديرية، بلدية، مركز
    District,
    /// إقليم
    Region,
    /// حي
    Neighbourhood,
    /// مخيم
    Camp,
    /// ريف ("ريف حلب": the countryside of Aleppo)
    Countryside,
    /// معبر (a border crossing named after a town: "معبر رفح")
    Crossing,
}

impl Designator {
    /// Whether a place of this feature is what the designator announces.
    pub(crate) fn fits(self, feature: &crate::Feature) -> bool {
        match self {
            Self::City | Self::Town | Self::Village | Self::Camp | Self::Neighbourhood => {
                feature.is_populated_place()
            }
            Self::Governorate => matches!(feature.code(), "ADM1" | "ADM2"),
            Self::District => feature.is_area() || feature.code() != "PPL",
            Self::Region => feature.is_area(),
            // "ريف حلب" is the governorate without its city; "ريف دوما" the
            // farmland of a town. Both fit; so does any town for a crossing.
            Self::Countryside | Self::Crossing => true,
        }
    }
}

/// A preposition before the name, written as a word (في، من) or on it (بدوما).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Preposition {
    /// في، داخل; ب on the word ("بدوما")
    In,
    /// من
    From,
    /// إلى، نحو، باتجاه; ل on the word ("لدوما")
    To,
    /// قرب، عند، محيط
    Near,
    /// على
    On,
}

/// A compass direction before the name ("شمال حلب") or after it
/// ("ريف حلب الشمالي").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// شمال
    North,
    /// جنوب
    South,
    /// شرق
    East,
    /// غرب
    West,
    /// شمال شرق
    NorthEast,
    /// شمال غرب
    NorthWest,
    /// جنوب شرق
    SouthEast,
    /// جنوب غرب
    SouthWest,
    /// وسط
    Centre,
}

impl Direction {
    /// Combines "شمال" + "غرب" into north-west.
    pub(crate) fn combine(self, second: Self) -> Option<Self> {
        use Direction::{East, North, NorthEast, NorthWest, South, SouthEast, SouthWest, West};
        Some(match (self, second) {
            (North, East) => NorthEast,
            (North, West) => NorthWest,
            (South, East) => SouthEast,
            (South, West) => SouthWest,
            _ => return None,
        })
    }
}

/// What a place word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    Designator(Designator),
    Preposition(Preposition),
    Direction(Direction),
    DirectionAfter(Direction),
}

/// The place words of `place_words.tsv`.
#[derive(Debug, Clone, Default)]
pub struct PlaceWords {
    index: PhraseIndex<Frame>,
}

/// A place word found on a token.
pub(crate) struct Found<T> {
    pub(crate) value: T,
    /// The proclitics before it.
    pub(crate) proclitics: String,
}

impl PlaceWords {
    /// Reads `place_words.tsv` (`file` is the name errors cite).
    ///
    /// # Errors
    /// A malformed row, with its file and line.
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let table = Table::parse(
            file,
            text,
            &Schema::new(&["phrase", "type", "value"]).example_of("phrase"),
        )?;
        let mut words = Self::default();
        for row in table.rows() {
            let value = table.get(row, "value");
            let direction = || {
                table.choice(
                    row,
                    "value",
                    &[
                        ("north", Direction::North),
                        ("south", Direction::South),
                        ("east", Direction::East),
                        ("west", Direction::West),
                        ("centre", Direction::Centre),
                    ],
                )
            };
            let frame = match table.choice(
                row,
                "type",
                &[
                    ("designator", 0),
                    ("preposition", 1),
                    ("direction", 2),
                    ("direction_after", 3),
                ],
            )? {
                0 => Frame::Designator(table.choice(
                    row,
                    "value",
                    &[
                        ("city", Designator::City),
                        ("town", Designator::Town),
                        ("village", Designator::Village),
                        ("governorate", Designator::Governorate),
                        ("district", Designator::District),
                        ("region", Designator::Region),
                        ("neighbourhood", Designator::Neighbourhood),
                        ("camp", Designator::Camp),
                        ("countryside", Designator::Countryside),
                        ("crossing", Designator::Crossing),
                    ],
                )?),
                1 => Frame::Preposition(table.choice(
                    row,
                    "value",
                    &[
                        ("in", Preposition::In),
                        ("from", Preposition::From),
                        ("to", Preposition::To),
                        ("near", Preposition::Near),
                        ("on", Preposition::On),
                    ],
                )?),
                2 => Frame::Direction(direction()?),
                _ => Frame::DirectionAfter(direction()?),
            };
            let _ = value;
            let phrase = table.get(row, "phrase");
            if phrase.split_whitespace().count() != 1 {
                return Err(table.error(row.line, format!("`{phrase}`: one word per row")));
            }
            words
                .index
                .insert_with(phrase, Reading::Listed, frame)
                .map_err(|e| table.error(row.line, format!("cannot index `{phrase}`: {e}")))?;
        }
        Ok(words)
    }

    /// Reads `place_words.tsv` from a set of lexicon files.
    ///
    /// # Errors
    /// A malformed row, with its file and line.
    pub fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let (origin, text) = files.get("place_words.tsv");
        Self::parse(origin, text)
    }

    /// The shipped place words.
    ///
    /// # Panics
    /// Never: the shipped file is checked by the tests.
    #[must_use]
    pub fn builtin() -> &'static Self {
        static BUILTIN: std::sync::LazyLock<PlaceWords> = std::sync::LazyLock::new(|| {
            PlaceWords::from_files(&LexiconFiles::builtin())
                .expect("the shipped place_words.tsv is checked by the tests")
        });
        &BUILTIN
    }

    /// A place word of the kind `pick` takes on token `i`, after any
    /// proclitics but the article ("بمدينه" → City after "ب"; "المدينه" is
    /// "the city", no designator).
    pub(crate) fn on_token<T>(
        &self,
        normalized: &str,
        tokens: &[Token],
        i: usize,
        pick: impl Fn(Frame) -> Option<T>,
    ) -> Option<Found<T>> {
        let token = tokens.get(i).filter(|t| t.kind == TokenKind::Word)?;
        let text = token.text(normalized);
        self.index
            .matches_at(normalized, tokens, i)
            .filter(|m| m.end == i + 1)
            .find_map(|m| {
                let run = &text[..usize::from(m.prefix)];
                if trailing_article_len(run) > 0 {
                    return None;
                }
                Some(Found {
                    value: pick(m.tag)?,
                    proclitics: run.to_owned(),
                })
            })
    }

    /// The place word a whole normalised word is, without clitics.
    pub(crate) fn word(&self, word: &str) -> Option<Frame> {
        let tokens = tokenize(word);
        if tokens.len() != 1 {
            return None;
        }
        let found = self
            .index
            .matches_at(word, &tokens, 0)
            .find(|m| m.end == 1 && m.prefix == 0)
            .map(|m| m.tag);
        found
    }

    /// A designator word, in normalised spelling.
    pub(crate) fn designator(&self, word: &str) -> Option<Designator> {
        match self.word(word)? {
            Frame::Designator(d) => Some(d),
            _ => None,
        }
    }

    /// Whether a word is one of the words around names: such a word alone is
    /// never a place ("منطقة" is not the Yemeni village of that name in a
    /// sentence).
    pub(crate) fn is_frame_word(&self, word: &str) -> bool {
        matches!(
            self.word(word),
            Some(Frame::Designator(_) | Frame::Preposition(_) | Frame::Direction(_))
        )
    }
}

/// A preposition written on the word: the proclitics without و/ف. The
/// article is not a preposition ("لل" is ل + ال).
pub(crate) fn clitic_preposition(proclitics: &str) -> Option<Preposition> {
    match Proclitics::parse(proclitics)?.preposition? {
        Clitic::Bi => Some(Preposition::In),
        Clitic::Li => Some(Preposition::To),
        Clitic::Ka => None,
    }
}

/// Bytes of the conjunctions و/ف at the head of some proclitics: they join
/// the clause, they are not part of the prefix ("وفي" → "في").
pub(crate) fn conjunction_len(proclitics: &str) -> usize {
    Proclitics::parse(proclitics).map_or(0, Proclitics::conjunction_len)
}
