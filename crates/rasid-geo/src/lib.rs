//! Places in Arabic conflict news.
//!
//! * [`Gazetteer`] — cities, villages, governorates, countries and named
//!   regions of Syria, Iraq, Yemen, Libya, Palestine, Lebanon, Sudan and their
//!   neighbours, with every Arabic spelling, built from GeoNames
//!   (`data/gazetteer/`, see its README) and compiled into the binary.
//! * [`Gazetteer::find_places`] — place names in tokenised text: the longest
//!   name at each token, through clitics (بدوما، وبالغوطة) and with the words
//!   before it (بمدينة، في، شمال غرب، مخيم، ريف), matched by the shared phrase
//!   matcher of `rasid-lexicon`; the words around names are
//!   `data/lexicons/place_words.tsv` ([`PlaceWords`]).
//! * [`Gazetteer::resolve`] — one place per mention, chosen by the other
//!   places of the article ([`DocContext`]), then by prominence.
//!
//! Matching is done on the normalised view of [`rasid_text`]; spans are in its
//! bytes, and [`rasid_text::Normalized::to_original`] maps them back.
//!
//! ```
//! use rasid_geo::{Gazetteer, Resolution};
//! use rasid_text::Normalized;
//!
//! let gazetteer = Gazetteer::embedded();
//! let original = "قصفت الطائرات بلدة دوما في ريف دمشق";
//! let norm = Normalized::new(original);
//! let places = gazetteer.locate(norm.text());
//! let douma = &places[0];
//! assert_eq!((douma.place.name.as_str(), douma.place.country.as_str()), ("Duma", "SY"));
//! assert_eq!(douma.resolution, Resolution::Admin1Context);
//! let span = norm.to_original(douma.mention.full_span());
//! assert_eq!(&original[span.range()], "بلدة دوما");
//! assert_eq!(places[1].place.name, "Rif Dimashq");
//! ```

mod error;
mod gazetteer;
mod lexicon;
mod matcher;
mod place;
mod resolve;

pub use error::GeoError;
pub use gazetteer::{Gazetteer, GazetteerBuilder};
pub use lexicon::{Designator, Direction, PlaceWords, Preposition};
pub use matcher::{PlaceMention, Prefix};
pub use place::{Feature, Place, PlaceId};
pub use resolve::{DocContext, Resolution, ResolvedPlace};
