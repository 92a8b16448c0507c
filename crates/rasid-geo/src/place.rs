//! A place of the gazetteer.

use std::fmt;

/// A place's identifier: a GeoNames id ("170592") for places from GeoNames, an
/// ISO 3166-2 code ("PS-NGZ") or an `x-` name ("x-sy-eastern-ghouta") for
/// hand-written ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(Box<str>);

impl PlaceId {
    /// Wraps an identifier as written in the TSV files.
    #[must_use]
    pub fn new(id: &str) -> Self {
        Self(id.into())
    }

    /// The identifier as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The GeoNames id, when the place comes from GeoNames.
    #[must_use]
    pub fn geonames(&self) -> Option<u32> {
        self.0.parse().ok()
    }
}

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A GeoNames feature class and code, written `P.PPLA2`.
///
/// Classes used here: `A` (country, state, region), `P` (city, village), `L`
/// (area, region without administration).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Feature(Box<str>);

impl Feature {
    /// Parses `CLASS.CODE`; `None` when the dot or either part is missing.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let (class, code) = s.split_once('.')?;
        (class.len() == 1 && !code.is_empty()).then(|| Self(s.into()))
    }

    /// The class letter: `A`, `P`, `L`, ...
    #[must_use]
    pub fn class(&self) -> char {
        self.0.chars().next().unwrap_or('?')
    }

    /// The code: `PPLA2`, `ADM1`, `PCLI`, ...
    #[must_use]
    pub fn code(&self) -> &str {
        self.0.split_once('.').map_or("", |(_, code)| code)
    }

    /// `P.PPLA2` as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a populated place (city, town, village, district).
    #[must_use]
    pub fn is_populated_place(&self) -> bool {
        self.class() == 'P'
    }

    /// Whether this is a country, a governorate, a district or a named region.
    #[must_use]
    pub fn is_area(&self) -> bool {
        matches!(self.class(), 'A' | 'L')
    }

    /// How prominent a place of this kind is when nothing else decides:
    /// capitals and governorate seats first, then countries and governorates,
    /// then district seats and regions, then villages and city districts.
    #[must_use]
    pub fn rank(&self) -> u8 {
        match self.code() {
            "PPLC" => 9,
            "PPLA" | "PCLI" => 8,
            "ADM1" => 7,
            "PPLA2" | "RGN" => 6,
            "ADM2" | "PPLA3" => 5,
            "PPLA4" | "PPL" | "PPLL" => 4,
            "PPLX" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A place: a city, village, governorate, country or named region.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Identifier (GeoNames id, ISO 3166-2 code or `x-` name).
    pub id: PlaceId,
    /// English or ASCII name.
    pub name: String,
    /// Arabic spellings as written in the sources, most common first, then
    /// those added by `aliases.tsv`.
    pub arabic: Vec<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// English name of the first-level unit (governorate, state); empty for countries.
    pub admin1: String,
    /// GeoNames admin1 code, `SY.08`; empty for countries.
    pub admin1_code: String,
    /// GeoNames feature class and code.
    pub feature: Feature,
    /// Population; 0 when unknown (most hand-written places and some GeoNames
    /// district seats).
    pub population: u64,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
}

impl Place {
    /// The first Arabic spelling, or the English name when there is none.
    #[must_use]
    pub fn arabic_name(&self) -> &str {
        self.arabic.first().map_or(&self.name, String::as_str)
    }
}
