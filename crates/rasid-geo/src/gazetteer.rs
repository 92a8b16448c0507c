//! Loading the TSV files and indexing the places by their normalised Arabic names.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use rasid_lexicon::table::{Row, Schema, Table};
use rasid_lexicon::{PhraseIndex, Reading};
use rasid_text::morphology::strip_article;
use rasid_text::{normalize_str, tokenize, TokenKind};

use crate::lexicon::{Designator, PlaceWords};
use crate::{Feature, GeoError, Place, PlaceId};

/// The files of the gazetteer, each with the name errors cite.
const PLACES: &str = "places.tsv";
const REGIONS: &str = "regions.tsv";
const LOCALITIES: &str = "localities.tsv";
const ALIASES: &str = "aliases.tsv";
const STOPLIST: &str = "stoplist.tsv";

/// The gazetteer compiled into the binary (`data/gazetteer/`).
const EMBEDDED: [(&str, &str); 5] = [
    (PLACES, include_str!("../../../data/gazetteer/places.tsv")),
    (REGIONS, include_str!("../../../data/gazetteer/regions.tsv")),
    (
        LOCALITIES,
        include_str!("../../../data/gazetteer/localities.tsv"),
    ),
    (ALIASES, include_str!("../../../data/gazetteer/aliases.tsv")),
    (
        STOPLIST,
        include_str!("../../../data/gazetteer/stoplist.tsv"),
    ),
];

/// An entry of `stoplist.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop {
    pub(crate) mode: StopMode,
    /// Written with the article, the entry stops only mentions that have it:
    /// "الحجة" (the argument) is stopped, "حجة" (Hajjah, Yemen) is not.
    pub(crate) article_only: bool,
}

impl Stop {
    /// Whether a mention with (or without) the article is stopped unless a
    /// designator comes before it; `None` when the entry does not apply.
    pub(crate) fn mode(self, article: bool) -> Option<StopMode> {
        (article || !self.article_only).then_some(self.mode)
    }
}

/// When a name from `stoplist.tsv` counts as a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopMode {
    /// Never: the word is too common ("بين", "حي").
    Never,
    /// Only after a designator: "بلدة السلام" but not "السلام".
    Designator,
}

/// A place reachable under a key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) place: u32,
    /// Some spelling of the place under this key has the article ال.
    pub(crate) with_article: bool,
    /// Some spelling of the place under this key has no article.
    pub(crate) without_article: bool,
}

impl Entry {
    /// The text must agree with a spelling of the place on the article:
    /// "الخبر" is a city and "خبر" is news; "سورية" is the country and
    /// "السورية" the adjective.
    pub(crate) fn allows(self, article: bool) -> bool {
        if article {
            self.with_article
        } else {
            self.without_article
        }
    }
}

/// A name's matching key: normalised words, the first without its article.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NameKey {
    pub(crate) key: String,
    pub(crate) article: bool,
    pub(crate) words: usize,
}

/// The key of an Arabic name: "محافظة ريف دمشق" → "ريف دمشق" (designator
/// of an administrative unit dropped), "الغوطة الشرقية" → "غوطه الشرقيه" (article dropped from
/// the first word only, since later words are compared whole).
pub(crate) fn name_key(words_of: &PlaceWords, name: &str) -> Option<NameKey> {
    let normalized = normalize_str(name);
    let tokens = tokenize(&normalized);
    if tokens.iter().any(|t| t.kind == TokenKind::Number) {
        return None;
    }
    let mut words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(&normalized))
        .collect();
    // "محافظة حلب" → "حلب", also where GeoNames gives the governorate's name
    // to its seat; but "ريف دمشق" is a governorate's name, and "مدينة نصر"
    // (Nasr City, Cairo) is not "نصر".
    if words.len() > 1
        && matches!(
            words_of.designator(words[0]),
            Some(Designator::Governorate | Designator::District | Designator::Region)
        )
    {
        words.remove(0);
    }
    let first = words.first_mut()?;
    let (stem, article) = strip_article(first);
    *first = stem;
    Some(NameKey {
        key: words.join(" "),
        article,
        words: words.len(),
    })
}

/// Places and the index from normalised Arabic names to them.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) places: Vec<Place>,
    pub(crate) by_id: HashMap<PlaceId, u32>,
    /// Every key (normalised name, first article dropped), by number.
    pub(crate) key_names: Vec<Box<str>>,
    /// The places under each key.
    pub(crate) key_entries: Vec<Vec<Entry>>,
    /// Key → its number.
    key_ids: HashMap<Box<str>, u32>,
    /// The keys in the shared phrase matcher ([`Reading::Name`]).
    pub(crate) names: PhraseIndex<u32>,
    pub(crate) stoplist: HashMap<Box<str>, Stop>,
    /// The words around place names (`place_words.tsv`).
    pub(crate) words: PlaceWords,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary from `data/gazetteer/`.
    ///
    /// # Panics
    /// Never in a released build: the embedded files are loaded by the tests.
    #[must_use]
    pub fn embedded() -> Self {
        Self::embedded_with(PlaceWords::builtin().clone())
    }

    /// The compiled-in gazetteer with other place words (an edited
    /// `place_words.tsv`).
    ///
    /// # Panics
    /// Never in a released build: the embedded files are loaded by the tests.
    #[must_use]
    pub fn embedded_with(words: PlaceWords) -> Self {
        let mut builder = GazetteerBuilder::new().with_place_words(words);
        for (file, text) in EMBEDDED {
            builder
                .add(file, text)
                .expect("the embedded gazetteer is checked by the tests");
        }
        builder.build()
    }

    /// Loads `places.tsv`, `regions.tsv`, `localities.tsv`, `aliases.tsv` and
    /// `stoplist.tsv` from a folder; only `places.tsv` is required.
    ///
    /// # Errors
    /// When a file cannot be read or a row is malformed.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, GeoError> {
        let dir = dir.as_ref();
        let mut builder = GazetteerBuilder::new();
        for (file, _) in EMBEDDED {
            let path = dir.join(file);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && file != PLACES => continue,
                Err(source) => return Err(GeoError::Read { path, source }),
            };
            builder.add(&path.display().to_string(), &text)?;
        }
        Ok(builder.build())
    }

    /// Every place, in file order.
    #[must_use]
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Place> {
        let index = *self.by_id.get(&PlaceId::new(id))?;
        Some(&self.places[index as usize])
    }

    /// The places a name can mean, before any context: "دوما" → Douma in
    /// Syria, in Palestine and in Lebanon.
    #[must_use]
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        let Some(key) = name_key(&self.words, name) else {
            return Vec::new();
        };
        self.key_ids
            .get(key.key.as_str())
            .and_then(|&id| self.allowed(id as usize, key.article))
            .map(|entries| {
                entries
                    .into_iter()
                    .map(|e| &self.places[e.place as usize])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Number of distinct keys in the index.
    #[must_use]
    pub fn key_count(&self) -> usize {
        self.key_names.len()
    }

    /// The entries under key `index` that the article (present or not) allows.
    pub(crate) fn allowed(&self, index: usize, article: bool) -> Option<Vec<Entry>> {
        let entries = &self.key_entries[index];
        let kept: Vec<Entry> = entries
            .iter()
            .copied()
            .filter(|e| e.allows(article))
            .collect();
        (!kept.is_empty()).then_some(kept)
    }
}

/// Builds a [`Gazetteer`] from TSV texts, so tests and tools can load their own.
///
/// ```
/// use rasid_geo::GazetteerBuilder;
///
/// let mut builder = GazetteerBuilder::new();
/// builder.add("places.tsv", "id\tname\tarabic\tcountry\tadmin1\tadmin1_code\tfeature\tpopulation\tlat\tlon\n\
///     170592\tDuma\tدوما\tSY\tRif Dimashq\tSY.08\tP.PPLA2\t111864\t33.57\t36.40\n")?;
/// let gazetteer = builder.build();
/// assert_eq!(gazetteer.lookup("دوما")[0].name, "Duma");
/// # Ok::<(), rasid_geo::GeoError>(())
/// ```
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    places: Vec<Place>,
    by_id: HashMap<PlaceId, u32>,
    /// Extra spellings from aliases files, applied at `build`.
    aliases: Vec<(u32, String)>,
    stoplist: HashMap<Box<str>, Stop>,
    /// The words around names; the shipped ones when `None`.
    words: Option<PlaceWords>,
}

/// The columns of `places.tsv`, `regions.tsv` and `localities.tsv`.
const PLACE_SCHEMA: Schema<'static> = Schema::new(&[
    "id",
    "name",
    "country",
    "feature",
    "population",
    "lat",
    "lon",
])
.may_be_empty(&["arabic", "admin1", "admin1_code"]);
/// The columns of `aliases.tsv`.
const ALIAS_SCHEMA: Schema<'static> = Schema::new(&["arabic", "id"]);
/// The columns of `stoplist.tsv`.
const STOP_SCHEMA: Schema<'static> = Schema::new(&["arabic", "mode", "reason"]);

impl GazetteerBuilder {
    /// An empty builder, with the shipped place words.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads names with these place words (an edited `place_words.tsv`).
    #[must_use]
    pub fn with_place_words(mut self, words: PlaceWords) -> Self {
        self.words = Some(words);
        self
    }

    fn words(&self) -> &PlaceWords {
        self.words.as_ref().unwrap_or_else(|| PlaceWords::builtin())
    }

    /// Adds one TSV file, its kind told by its header: places (`id`, `name`,
    /// `arabic`, …), aliases (`arabic`, `id`) or a stop list (`arabic`,
    /// `mode`, `reason`). `file` names it in errors.
    ///
    /// # Errors
    /// When a column is missing, a row has too few fields, a number does not
    /// parse, or an alias names an unknown id.
    pub fn add(&mut self, file: &str, text: &str) -> Result<&mut Self, GeoError> {
        let table = Table::parse(file, text, &Schema::new(&[]))?;
        if table.has_column("mode") {
            table.check(&STOP_SCHEMA)?;
            self.add_stoplist(&table)?;
        } else if table.has_column("name") {
            table.check(&PLACE_SCHEMA)?;
            self.add_places(&table)?;
        } else {
            table.check(&ALIAS_SCHEMA)?;
            self.add_aliases(&table)?;
        }
        Ok(self)
    }

    fn add_places(&mut self, table: &Table<'_>) -> Result<(), GeoError> {
        let error = |row: &Row<'_>, message: String| {
            table.error(
                row.line,
                format!("{message}: `{}`", row.fields().join("\t")),
            )
        };
        for row in table.rows() {
            let get = |column| table.get(row, column);
            let (id, feature, population, lat, lon) = (
                get("id"),
                get("feature"),
                get("population"),
                get("lat"),
                get("lon"),
            );
            let place = Place {
                id: PlaceId::new(id),
                name: get("name").to_owned(),
                arabic: get("arabic")
                    .split('|')
                    .filter(|a| !a.trim().is_empty())
                    .map(|a| a.trim().to_owned())
                    .collect(),
                country: get("country").to_owned(),
                admin1: get("admin1").to_owned(),
                admin1_code: get("admin1_code").to_owned(),
                feature: Feature::parse(feature)
                    .ok_or_else(|| error(row, format!("feature `{feature}` is not CLASS.CODE")))?,
                population: population.parse().map_err(|_| {
                    error(row, format!("population `{population}` is not a number"))
                })?,
                lat: parse_coordinate(lat, 90.0)
                    .ok_or_else(|| error(row, format!("latitude `{lat}`")))?,
                lon: parse_coordinate(lon, 180.0)
                    .ok_or_else(|| error(row, format!("longitude `{lon}`")))?,
            };
            if self.by_id.contains_key(&place.id) {
                return Err(error(row, format!("duplicate id `{id}`")));
            }
            let index = u32::try_from(self.places.len())
                .map_err(|_| error(row, "more than 2^32 places".to_owned()))?;
            self.by_id.insert(place.id.clone(), index);
            self.places.push(place);
        }
        Ok(())
    }

    fn add_aliases(&mut self, table: &Table<'_>) -> Result<(), GeoError> {
        for row in table.rows() {
            let error = |message: String| {
                table.error(
                    row.line,
                    format!("{message}: `{}`", row.fields().join("\t")),
                )
            };
            let (name, target) = (table.get(row, "arabic"), table.get(row, "id"));
            let Some(&index) = self.by_id.get(&PlaceId::new(target)) else {
                return Err(error(format!("unknown place id `{target}`")));
            };
            if name_key(self.words(), name).is_none() {
                return Err(error(format!("`{name}` has no Arabic word")));
            }
            self.aliases.push((index, name.to_owned()));
        }
        Ok(())
    }

    fn add_stoplist(&mut self, table: &Table<'_>) -> Result<(), GeoError> {
        for row in table.rows() {
            let error = |message: String| {
                table.error(
                    row.line,
                    format!("{message}: `{}`", row.fields().join("\t")),
                )
            };
            let name = table.get(row, "arabic");
            let mode = table.choice(
                row,
                "mode",
                &[
                    ("never", StopMode::Never),
                    ("designator", StopMode::Designator),
                ],
            )?;
            let key = name_key(self.words(), name)
                .ok_or_else(|| error(format!("`{name}` has no Arabic word")))?;
            let stop = self.stoplist.entry(key.key.into()).or_insert(Stop {
                mode,
                article_only: key.article,
            });
            // Two entries with one key ("جديدة", "الجديدة"): the wider wins.
            stop.article_only &= key.article;
            if mode == StopMode::Never {
                stop.mode = StopMode::Never;
            }
        }
        Ok(())
    }

    /// Indexes every spelling of every place.
    ///
    /// # Panics
    /// When there are 2^32 places or name keys or more (far beyond any
    /// gazetteer: the ids are `u32`).
    #[must_use]
    pub fn build(self) -> Gazetteer {
        let words = self.words().clone();
        let Self {
            mut places,
            by_id,
            aliases,
            stoplist,
            ..
        } = self;
        for (index, name) in aliases {
            let arabic = &mut places[index as usize].arabic;
            if !arabic.contains(&name) {
                arabic.push(name);
            }
        }
        let mut key_ids: HashMap<Box<str>, u32> = HashMap::default();
        let mut key_names: Vec<Box<str>> = Vec::new();
        let mut key_entries: Vec<Vec<Entry>> = Vec::new();
        for (index, place) in places.iter().enumerate() {
            let index = u32::try_from(index).expect("add_places counts places in u32");
            for name in &place.arabic {
                let Some(key) = name_key(&words, name) else {
                    continue;
                };
                // A designator, preposition or direction alone is the frame
                // around a name, never the name ("منطقة" is also a Yemeni
                // village, "المدينة" an Iraqi town).
                if key.key.is_empty() || (key.words == 1 && words.is_frame_word(&key.key)) {
                    continue;
                }
                let id = *key_ids.entry(key.key.as_str().into()).or_insert_with(|| {
                    key_names.push(key.key.as_str().into());
                    key_entries.push(Vec::new());
                    u32::try_from(key_names.len() - 1).expect("fewer than 2^32 keys")
                });
                let entries = &mut key_entries[id as usize];
                match entries.iter_mut().find(|e| e.place == index) {
                    Some(entry) => {
                        entry.with_article |= key.article;
                        entry.without_article |= !key.article;
                    }
                    None => entries.push(Entry {
                        place: index,
                        with_article: key.article,
                        without_article: !key.article,
                    }),
                }
            }
        }
        let mut names = PhraseIndex::default();
        for (id, key) in key_names.iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 keys");
            names
                .insert_with(key, Reading::Name, id)
                .expect("a key has a word");
        }
        Gazetteer {
            places,
            by_id,
            key_names,
            key_entries,
            key_ids,
            names,
            stoplist,
            words,
        }
    }
}

fn parse_coordinate(s: &str, limit: f64) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.abs() <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_first_article_and_area_designators() {
        let key = name_key(PlaceWords::builtin(), "الغوطة الشرقية").expect("a key");
        assert_eq!(
            (key.key.as_str(), key.article, key.words),
            ("غوطه الشرقيه", true, 2)
        );
        assert_eq!(
            name_key(PlaceWords::builtin(), "محافظة ريف دمشق")
                .expect("a key")
                .key,
            "ريف دمشق"
        );
        // Not for towns: "مدينة نصر" is a Cairo district, not "نصر".
        assert_eq!(
            name_key(PlaceWords::builtin(), "مدينة نصر")
                .expect("a key")
                .key,
            "مدينه نصر"
        );
        // "الي" keeps its letters: the stem would be one letter.
        assert_eq!(strip_article("الي"), ("الي", false));
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let mut builder = GazetteerBuilder::new();
        let text =
            "id\tname\tarabic\tcountry\tadmin1\tadmin1_code\tfeature\tpopulation\tlat\tlon\n\
                    1\tA\tا\tSY\t\t\tP.PPL\t10\t33\t36\n\
                    2\tB\tب\tSY\t\t\tP.PPL\tmany\t33\t36\n";
        let err = builder.add("test.tsv", text).expect_err("bad population");
        let message = err.to_string();
        assert!(
            message.starts_with("`test.tsv` line 3: population `many`"),
            "{message}"
        );
    }

    #[test]
    fn aliases_must_name_a_known_place() {
        let mut builder = GazetteerBuilder::new();
        let err = builder
            .add("aliases.tsv", "arabic\tid\tnote\nدوما\t42\tx\n")
            .expect_err("unknown id");
        assert_eq!(
            err.to_string(),
            "`aliases.tsv` line 2: unknown place id `42`: `دوما\t42\tx`"
        );
    }
}
