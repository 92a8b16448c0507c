//! Linking blocks and the keys that find an incident's candidates.
//!
//! Two claims can only share an incident across articles when their places
//! are compatible (the same country, and the same name, within
//! [`SAME_PLACE_KM`], or a town inside an area of its governorate) and their
//! dates are (see [`crate::cluster`]). So an incident is filed under keys of
//! two parts, and a claim looks up the keys its place and date could meet:
//!
//! * **where** (`key`): the place's name; its cell on a grid of
//!   [`CELL_DEGREES`]° (a claim looks up every cell within [`SAME_PLACE_KM`]);
//!   and its governorate, as an area or as a town (a town looks up the areas
//!   of its governorate, an area the towns);
//! * **when** (`period`): the week of a date to the day or to the week
//!   (a claim looks up the weeks within its reach: the window, or 7 days for a
//!   week-precise date), the month of a month-precise date, the year of a
//!   year-precise one (a claim looks up its month and year too), or "undated".
//!
//! A **block** is a country and a period: every incident a claim may join is
//! filed under one of the blocks the claim looks up, so linking a claim reads
//! only those blocks, and a store can lock them (in sorted order) to let
//! several writers link at once. A claim with no place, or only a country,
//! and campaign totals, link only within their own article: they read no
//! block. Each lookup is a key in an index, so finding candidates costs the
//! logarithm of the store, not its size.

use rasid_extract::Scope;

use crate::cluster::{
    days_from_civil, DatePoint, Features, PlaceFeature, Precision, Profile, Shape, SAME_PLACE_KM,
    WEEK_DAYS,
};
use crate::LinkOptions;

/// Size of a grid cell, in degrees of latitude and longitude (about 5.5 km
/// north–south).
pub const CELL_DEGREES: f64 = 0.05;

/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.2;

/// The period of undated incidents.
pub const UNDATED: i64 = i64::MIN;
/// Months are numbered from here (year × 12 + month − 1 added).
const MONTHS: i64 = 1 << 40;
/// Years are numbered from here (the year added).
const YEARS: i64 = 1 << 41;

/// One entry of the linking index: an incident filed under a place key and
/// a period of a country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkKey {
    /// ISO 3166 country code.
    pub country: String,
    /// Where: a hash of the place's name, grid cell or governorate.
    pub key: i64,
    /// When: a week, month or year number, or [`UNDATED`].
    pub period: i64,
}

/// A linking block: a country and a period. Linking a claim reads only the
/// blocks of its lookups and writes only the blocks of its incident's keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block {
    /// ISO 3166 country code.
    pub country: String,
    /// A week, month or year number, or [`UNDATED`].
    pub period: i64,
}

impl LinkKey {
    /// The block the key lies in.
    #[must_use]
    pub fn block(&self) -> Block {
        Block {
            country: self.country.clone(),
            period: self.period,
        }
    }
}

/// FNV-1a: a hash that is the same in every build, since keys are stored.
fn fnv(tag: u8, parts: &[&[u8]]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    eat(tag);
    for part in parts {
        for &b in *part {
            eat(b);
        }
        eat(0xff);
    }
    i64::from_ne_bytes(h.to_ne_bytes())
}

fn name_key(name: &str) -> i64 {
    fnv(b'n', &[name.as_bytes()])
}

#[allow(clippy::cast_possible_truncation)]
fn cell_of(lat: f64, lon: f64) -> (i64, i64) {
    (
        (lat / CELL_DEGREES).floor() as i64,
        (lon / CELL_DEGREES).floor() as i64,
    )
}

fn cell_key((y, x): (i64, i64)) -> i64 {
    fnv(b'c', &[&y.to_le_bytes(), &x.to_le_bytes()])
}

fn governorate_key(area: bool, admin1: Option<&str>) -> i64 {
    let tag = if area { b'a' } else { b't' };
    fnv(tag, &[admin1.unwrap_or("").as_bytes()])
}

/// The place keys an incident is filed under for one of its places.
#[must_use]
pub fn place_keys(place: &PlaceFeature) -> [i64; 3] {
    [
        name_key(&place.name),
        cell_key(cell_of(place.lat, place.lon)),
        governorate_key(place.area, place.admin1.as_deref()),
    ]
}

/// The place keys a claim at `place` looks up: its name, every cell within
/// [`SAME_PLACE_KM`], and the governorate's places of the other kind (a town
/// may lie in an area, an area hold a town).
#[must_use]
pub fn place_lookups(place: &PlaceFeature) -> Vec<i64> {
    let mut keys = vec![
        name_key(&place.name),
        governorate_key(!place.area, place.admin1.as_deref()),
    ];
    let dlat = SAME_PLACE_KM / KM_PER_DEGREE;
    let dlon = SAME_PLACE_KM / (KM_PER_DEGREE * place.lat.to_radians().cos().max(0.01));
    let (y0, x0) = cell_of(place.lat - dlat, place.lon - dlon);
    let (y1, x1) = cell_of(place.lat + dlat, place.lon + dlon);
    for y in y0..=y1 {
        for x in x0..=x1 {
            keys.push(cell_key((y, x)));
        }
    }
    keys
}

fn week(day: i32) -> i64 {
    i64::from(day.div_euclid(7))
}

fn month(year: i16, month: i8) -> i64 {
    MONTHS + i64::from(year) * 12 + i64::from(month) - 1
}

fn year(year: i16) -> i64 {
    YEARS + i64::from(year)
}

/// The period an incident is filed under for one of its dates.
#[must_use]
pub fn period(date: DatePoint) -> i64 {
    match date.precision {
        Precision::Day | Precision::Week => week(date.day),
        Precision::Month => month(date.year, date.month),
        Precision::Year => year(date.year),
    }
}

/// The periods a claim dated `date` looks up: every period holding a date it
/// may meet.
#[must_use]
pub fn periods_within_reach(date: Option<DatePoint>, options: &LinkOptions) -> Vec<i64> {
    let Some(date) = date else {
        return vec![UNDATED];
    };
    let weeks = |first: i32, last: i32| (week(first)..=week(last)).collect::<Vec<i64>>();
    let mut periods = match date.precision {
        Precision::Day | Precision::Week => {
            let reach = options.date_window_days.max(WEEK_DAYS);
            weeks(date.day - reach, date.day + reach)
        }
        Precision::Month => {
            let first = days_from_civil(i32::from(date.year), i32::from(date.month), 1);
            let (y, m) = if date.month == 12 {
                (i32::from(date.year) + 1, 1)
            } else {
                (i32::from(date.year), i32::from(date.month) + 1)
            };
            weeks(first, days_from_civil(y, m, 1) - 1)
        }
        Precision::Year => {
            let y = i32::from(date.year);
            weeks(days_from_civil(y, 1, 1), days_from_civil(y + 1, 1, 1) - 1)
        }
    };
    match date.precision {
        // A year meets month-precise dates of any of its months.
        Precision::Year => periods.extend((1..=12).map(|m| month(date.year, m))),
        _ => periods.push(month(date.year, date.month)),
    }
    periods.push(year(date.year));
    periods
}

impl Profile {
    /// The keys an incident with this profile is filed under: one per place
    /// key of each of its places and period of its dates. Campaign totals and
    /// incidents without a place are found only through their article: none.
    #[must_use]
    pub fn keys(&self) -> Vec<LinkKey> {
        let dates: Vec<DatePoint> = self
            .dates
            .iter()
            .filter_map(|(value, precision)| DatePoint::parse(value, precision))
            .collect();
        keys_of(self.scope, &self.places, &dates)
    }
}

impl Shape {
    /// The keys of the incident as it stands.
    pub(crate) fn keys(&self) -> Vec<LinkKey> {
        keys_of(self.scope, &self.places, &self.dates)
    }
}

fn keys_of(scope: Scope, places: &[PlaceFeature], dates: &[DatePoint]) -> Vec<LinkKey> {
    if scope != Scope::Incident || places.is_empty() {
        return Vec::new();
    }
    let mut periods: Vec<i64> = dates.iter().copied().map(period).collect();
    if periods.is_empty() {
        periods.push(UNDATED);
    }
    periods.sort_unstable();
    periods.dedup();
    let mut keys = Vec::new();
    for place in places {
        for key in place_keys(place) {
            for &period in &periods {
                keys.push(LinkKey {
                    country: place.country.clone(),
                    key,
                    period,
                });
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys a claim looks up; none for a claim that links only within its
/// article.
pub(crate) fn lookups(f: &Features, options: &LinkOptions) -> Vec<LinkKey> {
    let Some(place) = &f.place else {
        return Vec::new();
    };
    if f.scope != Scope::Incident {
        return Vec::new();
    }
    let periods = periods_within_reach(f.date, options);
    let mut keys = Vec::new();
    for key in place_lookups(place) {
        for &period in &periods {
            keys.push(LinkKey {
                country: place.country.clone(),
                key,
                period,
            });
        }
    }
    keys
}

/// The keys the claims of a batch look up, distinct and sorted: what a store
/// reads to find the incidents they may join ([`crate::linker::link_batch`]).
#[must_use]
pub fn batch_lookups(claims: &[rasid_extract::Claim], options: &LinkOptions) -> Vec<LinkKey> {
    let mut keys: Vec<LinkKey> = claims
        .iter()
        .flat_map(|c| lookups(&Features::of(c, 0), options))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The blocks a set of keys lies in, distinct and sorted (the order in which
/// a store takes their locks).
#[must_use]
pub fn blocks(keys: &[LinkKey]) -> Vec<Block> {
    let mut blocks: Vec<Block> = keys.iter().map(LinkKey::block).collect();
    blocks.sort();
    blocks.dedup();
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{civil_from_days, dates_compatible, places_compatible};

    fn place(name: &str, lat: f64, lon: f64, area: bool) -> PlaceFeature {
        PlaceFeature {
            name: name.to_owned(),
            country: "SY".to_owned(),
            admin1: Some("Idlib".to_owned()),
            lat,
            lon,
            area,
        }
    }

    /// Whether a claim at `a` looks up a key `b` is filed under.
    fn found(a: &PlaceFeature, b: &PlaceFeature) -> bool {
        let filed = place_keys(b);
        place_lookups(a).iter().any(|k| filed.contains(k))
    }

    #[test]
    fn every_compatible_place_is_looked_up() {
        // A dense ring of places around a town, at every bearing and at
        // distances across both limits: whenever the rules say two places
        // may meet, the lookups find the other's keys.
        let centre = place("Saraqib", 35.86, 36.80, false);
        let mut checked = 0;
        for step in 0..72 {
            let bearing = f64::from(step) * 5.0_f64.to_radians();
            for km in [0.3, 1.0, 1.9, 2.1, 5.0, 20.0, 39.0, 41.0] {
                let lat = centre.lat + km / KM_PER_DEGREE * bearing.cos();
                let lon = centre.lon
                    + km / (KM_PER_DEGREE * centre.lat.to_radians().cos()) * bearing.sin();
                for area in [false, true] {
                    let other = place("Elsewhere", lat, lon, area);
                    if places_compatible(&centre, &other) {
                        checked += 1;
                        assert!(found(&centre, &other), "{km} km at {step}: {other:?}");
                        assert!(found(&other, &centre), "{km} km at {step}: {other:?}");
                    }
                }
            }
        }
        assert!(checked > 72 * 4, "{checked}");
        // The same name anywhere in the country.
        let far = place("Saraqib", 33.0, 40.0, false);
        assert!(found(&centre, &far));
    }

    #[test]
    fn every_compatible_date_is_looked_up() {
        let options = LinkOptions::default();
        let start = days_from_civil(2018, 12, 10);
        let precisions = [
            Precision::Day,
            Precision::Week,
            Precision::Month,
            Precision::Year,
        ];
        let point = |day: i32, precision| {
            let (y, m, d) = civil_from_days(day);
            let date = jiff::civil::date(
                i16::try_from(y).expect("a year"),
                i8::try_from(m).expect("a month"),
                i8::try_from(d).expect("a day"),
            );
            DatePoint::of(date, precision)
        };
        let mut checked = 0;
        for a in 0..60 {
            for b in 0..60 {
                for pa in precisions {
                    for pb in precisions {
                        let (x, y) = (point(start + a, pa), point(start + b, pb));
                        if dates_compatible(x, y, options.date_window_days) {
                            checked += 1;
                            assert!(
                                periods_within_reach(Some(x), &options).contains(&period(y)),
                                "{x:?} misses {y:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn undated_incidents_are_filed_apart() {
        let options = LinkOptions::default();
        assert_eq!(periods_within_reach(None, &options), vec![UNDATED]);
        let profile = Profile {
            scope: Scope::Incident,
            first: crate::cluster::Account {
                published: None,
                doc: "a".to_owned(),
                start: 0,
                ordinal: 0,
            },
            dates: Vec::new(),
            undated: true,
            places: vec![place("Ariha", 35.81, 36.61, false)],
            types: std::collections::BTreeSet::new(),
        };
        let keys = profile.keys();
        assert_eq!(keys.len(), 3);
        assert!(keys.iter().all(|k| k.period == UNDATED));
        let campaign = Profile {
            scope: Scope::Campaign,
            ..profile
        };
        assert!(
            campaign.keys().is_empty(),
            "campaigns stay in their article"
        );
    }

    #[test]
    fn blocks_are_distinct_and_sorted() {
        let key = |country: &str, period| LinkKey {
            country: country.to_owned(),
            key: 7,
            period,
        };
        let keys = [key("SY", 3), key("IQ", 9), key("SY", 3), key("SY", 1)];
        let blocks: Vec<(String, i64)> = blocks(&keys)
            .into_iter()
            .map(|b| (b.country, b.period))
            .collect();
        assert_eq!(
            blocks,
            vec![
                ("IQ".to_owned(), 9),
                ("SY".to_owned(), 1),
                ("SY".to_owned(), 3)
            ]
        );
    }
}
