//! The rules that group claims into incidents.
//!
//! Claims of one sentence always share an incident (a figure and its
//! subgroups). Campaign totals form an incident per article and place. Other
//! claims join an incident they are compatible with on every axis:
//!
//! * **date**: compatible with *every* dated claim of the incident, so an
//!   incident never spans more than the window: two dates to the day at most
//!   `date_window_days` apart; a week-precise date (a publication date
//!   standing in for the event's) within 7 days; a month or a year has to
//!   be the same month or year. Within one article it is enough to be
//!   compatible with one of them. A claim without any date meets a dated
//!   incident only within its own article, and the other way round;
//! * **place**: compatible with *every* placed claim of the incident: the same
//!   place, places within 2 km, or a town inside an area (same country and
//!   governorate, within 40 km: دوما in الغوطة الشرقية); within one article
//!   one of them is enough. A claim with no place (or only a country) joins
//!   only incidents of its own article, and one whose place is named only in
//!   an earlier sentence may join its own article's incidents whatever their
//!   place;
//! * **event type**: the sub-event types of the claim share one with those of
//!   the incident, or either has none. Displacement and arrests only meet
//!   their own kind.
//!
//! Among compatible incidents a claim prefers one of its own article, then
//! the same place, then the same day; among equals, the incident with the
//! earliest first account ([`Account`]). See [`crate::linker`] for the order
//! in which claims are taken.

use std::collections::{BTreeSet, HashSet};

use jiff::civil::Date;
use rasid_extract::{Claim, PlaceRef, Scope};
use serde::{Deserialize, Serialize};

use crate::LinkOptions;

/// Sub-event types too general to tell incidents apart.
const GENERIC: &[&str] = &["Attack", "Other"];

/// Within this distance two places of different names are one place.
pub const SAME_PLACE_KM: f64 = 2.0;
/// A town within this distance of an area (and in its governorate) lies in it.
pub const TOWN_IN_AREA_KM: f64 = 40.0;
/// A week-precise date meets another within this many days.
pub const WEEK_DAYS: i32 = 7;

/// Event types of a claim: its sentence's sub-event types, and for
/// displacement and detention the kind itself.
#[must_use]
pub fn claim_types(claim: &Claim) -> BTreeSet<String> {
    let mut types: BTreeSet<String> = claim.sub_event_types.iter().cloned().collect();
    if let Some(t) = &claim.sub_event_type {
        types.insert(t.clone());
    }
    // Generic types ("مجزرة" → Attack) say little when a sentence names a
    // specific one; two incidents must not meet on them alone.
    if types.iter().any(|t| !GENERIC.contains(&t.as_str())) {
        types.retain(|t| !GENERIC.contains(&t.as_str()));
    }
    match claim.kind.as_str() {
        "displaced" => {
            types.clear();
            types.insert("Displacement".to_owned());
        }
        "detained" => {
            types.clear();
            types.insert("Arrests".to_owned());
        }
        _ => {}
    }
    types
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// To the day.
    Day,
    /// Within a week (a publication date standing in for the event's, "منذ أسبوع").
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

impl Precision {
    /// The precision a claim's `date.precision` names; an unknown name reads as a week.
    #[must_use]
    pub fn parse(name: &str) -> Precision {
        match name {
            "day" => Precision::Day,
            "month" => Precision::Month,
            "year" => Precision::Year,
            _ => Precision::Week,
        }
    }

    /// The name in the claims format.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date with its precision, as linking compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DatePoint {
    /// Days since 1970-01-01.
    pub day: i32,
    /// Calendar year.
    pub year: i16,
    /// Calendar month, 1–12.
    pub month: i8,
    /// How precise it is.
    pub precision: Precision,
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
#[must_use]
pub fn days_from_civil(year: i32, month: i32, day: i32) -> i32 {
    // H. Hinnant's algorithm: years start in March so that the leap day ends one.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl DatePoint {
    /// A date as the claims format writes it (`YYYY-MM-DD`) with its precision.
    #[must_use]
    pub fn parse(value: &str, precision: &str) -> Option<DatePoint> {
        let date: Date = value.parse().ok()?;
        Some(DatePoint::of(date, Precision::parse(precision)))
    }

    /// A civil date with its precision.
    #[must_use]
    pub fn of(date: Date, precision: Precision) -> DatePoint {
        DatePoint {
            day: days_from_civil(
                i32::from(date.year()),
                i32::from(date.month()),
                i32::from(date.day()),
            ),
            year: date.year(),
            month: date.month(),
            precision,
        }
    }

    /// `YYYY-MM-DD` again.
    #[must_use]
    pub fn value(self) -> String {
        // Dates come from `Date` values, so the day number converts back.
        let (year, month, day) = civil_from_days(self.day);
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
#[must_use]
pub fn civil_from_days(days: i32) -> (i32, i32, i32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// Whether two dates can be the date of one incident.
#[must_use]
pub fn dates_compatible(a: DatePoint, b: DatePoint, window: i32) -> bool {
    let days = (a.day - b.day).abs();
    match (a.precision, b.precision) {
        (Precision::Day, Precision::Day) => days <= window,
        (Precision::Month, _) | (_, Precision::Month) => a.year == b.year && a.month == b.month,
        (Precision::Year, _) | (_, Precision::Year) => a.year == b.year,
        _ => days <= WEEK_DAYS,
    }
}

/// A place as linking compares them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceFeature {
    /// Canonical name.
    pub name: String,
    /// ISO 3166 country code.
    pub country: String,
    /// Governorate (first-level unit), when known.
    pub admin1: Option<String>,
    /// Latitude (WGS 84).
    pub lat: f64,
    /// Longitude (WGS 84).
    pub lon: f64,
    /// An area (governorate, district, region), not a town.
    pub area: bool,
}

impl PlaceFeature {
    /// The place of a claim for linking; a country names no place.
    #[must_use]
    pub fn of(place: &PlaceRef) -> Option<PlaceFeature> {
        if place.feature.starts_with("A.PCL") {
            return None;
        }
        Some(PlaceFeature {
            name: place.name.clone(),
            country: place.country.clone(),
            admin1: place.admin1.clone(),
            lat: place.lat,
            lon: place.lon,
            area: !place.feature.starts_with("P."),
        })
    }
}

/// Great-circle distance in kilometres.
#[must_use]
pub fn distance_km(a: &PlaceFeature, b: &PlaceFeature) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Whether two places can be the place of one incident.
#[must_use]
pub fn places_compatible(a: &PlaceFeature, b: &PlaceFeature) -> bool {
    if a.country != b.country {
        return false;
    }
    if a.name == b.name || distance_km(a, b) <= SAME_PLACE_KM {
        return true;
    }
    // A town inside an area: same governorate, near the area's centre.
    a.area != b.area && a.admin1 == b.admin1 && distance_km(a, b) <= TOWN_IN_AREA_KM
}

/// Whether two sets of sub-event types can be one incident's.
#[must_use]
pub fn types_compatible(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let special = |s: &BTreeSet<String>| s.contains("Displacement") || s.contains("Arrests");
    if special(a) || special(b) {
        return !a.is_disjoint(b);
    }
    a.is_empty() || b.is_empty() || !a.is_disjoint(b)
}

/// Where a claim stands in the order claims are linked in: publication,
/// document, position in the document, then its place in the document's
/// list of claims. The earliest account of an incident decides ties.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Account {
    /// When its document was published (none sorts first).
    pub published: Option<String>,
    /// Its document.
    pub doc: String,
    /// Where its figure starts (UTF-8 byte offset).
    pub start: usize,
    /// Its position among its document's claims.
    pub ordinal: usize,
}

/// What linking reads of one claim.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    pub(crate) account: Account,
    pub(crate) sentence: (usize, usize),
    pub(crate) date: Option<DatePoint>,
    pub(crate) place: Option<PlaceFeature>,
    /// The place is named only in an earlier sentence.
    pub(crate) weak_place: bool,
    pub(crate) types: BTreeSet<String>,
    pub(crate) scope: Scope,
}

impl Features {
    pub(crate) fn of(claim: &Claim, ordinal: usize) -> Features {
        Features {
            account: Account {
                published: claim.published.clone(),
                doc: claim.doc.clone(),
                start: claim.span.start,
                ordinal,
            },
            sentence: (claim.sentence.start, claim.sentence.end),
            date: claim
                .date
                .as_ref()
                .and_then(|d| DatePoint::parse(&d.value, &d.precision)),
            place: claim.place.as_ref().and_then(PlaceFeature::of),
            weak_place: claim.place.as_ref().is_some_and(|p| p.via == "before"),
            types: claim_types(claim),
            scope: claim.scope,
        }
    }

    pub(crate) fn doc(&self) -> &str {
        &self.account.doc
    }
}

/// What linking knows of an incident, kept in the store beside its record so
/// that a new claim is decided without reading the incident's claims: the
/// distinct dates and places of its claims, their event types, its scope and
/// its first account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// `incident` or `campaign`.
    pub scope: Scope,
    /// Its earliest claim in the linking order.
    pub first: Account,
    /// Distinct dates of its dated claims (`YYYY-MM-DD`, precision).
    pub dates: Vec<(String, String)>,
    /// Whether some claim has no date.
    pub undated: bool,
    /// Distinct places of its placed claims.
    pub places: Vec<PlaceFeature>,
    /// The sub-event types of its claims.
    pub types: BTreeSet<String>,
}

/// The linking state of one incident while a batch is linked: its profile,
/// with the dates parsed, and what the batch's claims add to it.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) scope: Scope,
    pub(crate) first: Account,
    pub(crate) dates: Vec<DatePoint>,
    pub(crate) undated: bool,
    pub(crate) places: Vec<PlaceFeature>,
    pub(crate) types: BTreeSet<String>,
    /// Documents of the batch with a claim in it (a stored incident holds no
    /// claim of a document being linked).
    pub(crate) docs: HashSet<String>,
    /// Sentences (document, bytes) of the batch's claims in it.
    pub(crate) sentences: HashSet<(String, usize, usize)>,
}

/// How well a claim fits an incident; greater is better.
pub(crate) type Score = (bool, bool, bool);

impl Shape {
    pub(crate) fn new(f: &Features) -> Shape {
        let mut shape = Shape {
            scope: f.scope,
            first: f.account.clone(),
            dates: Vec::new(),
            undated: false,
            places: Vec::new(),
            types: BTreeSet::new(),
            docs: HashSet::new(),
            sentences: HashSet::new(),
        };
        shape.add(f);
        shape
    }

    /// The shape of a stored incident.
    pub(crate) fn from_profile(profile: &Profile) -> Shape {
        Shape {
            scope: profile.scope,
            first: profile.first.clone(),
            dates: profile
                .dates
                .iter()
                .filter_map(|(value, precision)| DatePoint::parse(value, precision))
                .collect(),
            undated: profile.undated,
            places: profile.places.clone(),
            types: profile.types.clone(),
            docs: HashSet::new(),
            sentences: HashSet::new(),
        }
    }

    pub(crate) fn profile(&self) -> Profile {
        let mut dates: Vec<DatePoint> = self.dates.clone();
        dates.sort();
        Profile {
            scope: self.scope,
            first: self.first.clone(),
            dates: dates
                .into_iter()
                .map(|d| (d.value(), d.precision.as_str().to_owned()))
                .collect(),
            undated: self.undated,
            places: self.places.clone(),
            types: self.types.clone(),
        }
    }

    /// Takes a claim in.
    pub(crate) fn add(&mut self, f: &Features) {
        if f.account < self.first {
            self.first = f.account.clone();
        }
        match f.date {
            Some(d) if !self.dates.contains(&d) => self.dates.push(d),
            Some(_) => {}
            None => self.undated = true,
        }
        if let Some(p) = &f.place {
            if !self.places.contains(p) {
                self.places.push(p.clone());
            }
        }
        self.types.extend(f.types.iter().cloned());
        self.docs.insert(f.doc().to_owned());
        self.sentences
            .insert((f.doc().to_owned(), f.sentence.0, f.sentence.1));
    }

    /// Whether the claim's sentence is in this incident already.
    pub(crate) fn holds_sentence(&self, f: &Features) -> bool {
        self.sentences
            .contains(&(f.doc().to_owned(), f.sentence.0, f.sentence.1))
    }

    /// Whether a campaign total joins this campaign incident: one article,
    /// compatible places.
    pub(crate) fn admits_campaign(&self, f: &Features) -> bool {
        self.scope == Scope::Campaign
            && self.docs.len() == 1
            && self.docs.contains(f.doc())
            && match &f.place {
                Some(p) => self.places.iter().all(|q| places_compatible(p, q)),
                None => true,
            }
    }

    /// How well a claim of an incident fits this incident, if at all.
    pub(crate) fn score(&self, f: &Features, options: &LinkOptions) -> Option<Score> {
        if self.scope != Scope::Incident {
            return None;
        }
        let same_doc = self.docs.contains(f.doc());
        if !types_compatible(&f.types, &self.types) {
            return None;
        }
        let window = options.date_window_days;
        match (f.date, self.dates.is_empty()) {
            (Some(date), false) => {
                let all = self
                    .dates
                    .iter()
                    .all(|&d| dates_compatible(date, d, window));
                let any = || {
                    self.dates
                        .iter()
                        .any(|&d| dates_compatible(date, d, window))
                };
                if !(all || (same_doc && any())) {
                    return None;
                }
            }
            // Dated and undated claims meet only within an article.
            (Some(_), true) | (None, false) if !same_doc => return None,
            _ => {}
        }
        let same_place = match &f.place {
            Some(p) => {
                if self.places.is_empty() {
                    if !same_doc {
                        return None;
                    }
                } else {
                    let all = self.places.iter().all(|q| places_compatible(p, q));
                    let any = || self.places.iter().any(|q| places_compatible(p, q));
                    if !(all || (same_doc && (f.weak_place || any()))) {
                        return None;
                    }
                }
                self.places.iter().any(|q| q.name == p.name)
            }
            None if !same_doc => return None,
            None => false,
        };
        let same_day = f
            .date
            .is_some_and(|d| self.dates.iter().any(|e| e.day == d.day));
        Some((same_doc, same_place, same_day))
    }
}

#[cfg(test)]
mod tests {
    //! Each axis of the rules, on hand-made places and dates (coordinates of
    //! the real towns, rounded).
    use super::*;

    fn town(name: &str, admin1: &str, lat: f64, lon: f64) -> PlaceFeature {
        PlaceFeature {
            name: name.to_owned(),
            country: "SY".to_owned(),
            admin1: Some(admin1.to_owned()),
            lat,
            lon,
            area: false,
        }
    }

    fn area(name: &str, admin1: &str, lat: f64, lon: f64) -> PlaceFeature {
        PlaceFeature {
            area: true,
            ..town(name, admin1, lat, lon)
        }
    }

    fn day(value: &str) -> DatePoint {
        DatePoint::parse(value, "day").expect("a date")
    }

    fn types(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|&n| n.to_owned()).collect()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 17_627, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(day("2018-04-06").value(), "2018-04-06");
    }

    #[test]
    fn days_to_the_day_meet_within_the_window() {
        assert!(dates_compatible(day("2018-04-06"), day("2018-04-07"), 1));
        assert!(!dates_compatible(day("2018-04-06"), day("2018-04-08"), 1));
        // Across a month and a year end.
        assert!(dates_compatible(day("2018-12-31"), day("2019-01-01"), 1));
    }

    #[test]
    fn a_week_precise_date_meets_within_seven_days() {
        let published = DatePoint::parse("2018-04-10", "week").expect("a date");
        assert!(dates_compatible(published, day("2018-04-03"), 1));
        assert!(!dates_compatible(published, day("2018-04-02"), 1));
        assert!(dates_compatible(published, published, 1));
    }

    #[test]
    fn a_month_or_a_year_must_be_the_same() {
        let april = DatePoint::parse("2018-04-01", "month").expect("a date");
        assert!(dates_compatible(april, day("2018-04-30"), 1));
        assert!(!dates_compatible(april, day("2018-05-01"), 1));
        let year = DatePoint::parse("2018-01-01", "year").expect("a date");
        assert!(dates_compatible(year, day("2018-12-31"), 1));
        assert!(!dates_compatible(year, day("2019-01-01"), 1));
    }

    #[test]
    fn the_same_place_by_name_or_within_two_km() {
        let douma = town("Douma", "Rif Dimashq", 33.571, 36.402);
        let elsewhere_named_alike = town("Douma", "Rif Dimashq", 33.60, 36.45);
        assert!(places_compatible(&douma, &elsewhere_named_alike));
        let near = town("Douma East", "Rif Dimashq", 33.580, 36.410);
        assert!(distance_km(&douma, &near) < 2.0);
        assert!(places_compatible(&douma, &near));
        // Harasta, about 5 km away: another town, another incident.
        let harasta = town("Harasta", "Rif Dimashq", 33.558, 36.365);
        assert!(!places_compatible(&douma, &harasta));
    }

    #[test]
    fn a_town_lies_in_an_area_of_its_governorate_within_40_km() {
        let ghouta = area("Eastern Ghouta", "Rif Dimashq", 33.54, 36.42);
        let douma = town("Douma", "Rif Dimashq", 33.571, 36.402);
        assert!(places_compatible(&douma, &ghouta));
        // Damascus is a governorate of its own: not inside the Ghouta.
        let damascus = town("Damascus", "Damascus", 33.513, 36.292);
        assert!(!places_compatible(&damascus, &ghouta));
        // Two areas meet only by name or distance.
        let qalamoun = area("Qalamoun", "Rif Dimashq", 33.80, 36.55);
        assert!(!places_compatible(&ghouta, &qalamoun));
        // A town too far from the area's centre.
        let yabroud = town("Yabroud", "Rif Dimashq", 33.967, 36.657);
        assert!(distance_km(&yabroud, &ghouta) > 40.0);
        assert!(!places_compatible(&yabroud, &ghouta));
    }

    #[test]
    fn places_of_two_countries_never_meet() {
        let a = town("Al-Qaim", "Anbar", 34.37, 41.09);
        let b = PlaceFeature {
            country: "IQ".to_owned(),
            ..a.clone()
        };
        assert!(!places_compatible(&a, &b));
    }

    #[test]
    fn sub_event_types_must_share_one() {
        let air = types(&["Air/drone strike"]);
        let both = types(&["Air/drone strike", "Shelling/artillery/missile attack"]);
        let shelling = types(&["Shelling/artillery/missile attack"]);
        assert!(types_compatible(&air, &both));
        assert!(!types_compatible(&air, &shelling));
        // A claim whose sentence names no type fits any incident.
        assert!(types_compatible(&BTreeSet::new(), &air));
        // Displacement meets only displacement.
        let displacement = types(&["Displacement"]);
        assert!(!types_compatible(&displacement, &BTreeSet::new()));
        assert!(types_compatible(&displacement, &displacement));
    }

    fn features(doc: &str, date: &str, place: Option<PlaceFeature>, t: &[&str]) -> Features {
        Features {
            account: Account {
                published: Some(date.to_owned()),
                doc: doc.to_owned(),
                start: 0,
                ordinal: 0,
            },
            sentence: (0, 10),
            date: Some(day(date)),
            place,
            weak_place: false,
            types: types(t),
            scope: Scope::Incident,
        }
    }

    #[test]
    fn an_incident_never_spans_more_than_the_window() {
        let options = LinkOptions::default();
        let ariha = town("Ariha", "Idlib", 35.81, 36.61);
        let air = ["Air/drone strike"];
        let mut shape = Shape::new(&features("a", "2019-07-22", Some(ariha.clone()), &air));
        let next_day = features("b", "2019-07-23", Some(ariha.clone()), &air);
        assert_eq!(shape.score(&next_day, &options), Some((false, true, false)));
        shape.add(&next_day);
        // A day after the second but two after the first: not the same strike.
        let third = features("c", "2019-07-24", Some(ariha), &air);
        assert_eq!(shape.score(&third, &options), None);
    }

    #[test]
    fn a_claim_must_fit_every_place_of_the_incident() {
        let options = LinkOptions::default();
        let ghouta = area("Eastern Ghouta", "Rif Dimashq", 33.54, 36.42);
        let douma = town("Douma", "Rif Dimashq", 33.571, 36.402);
        let harasta = town("Harasta", "Rif Dimashq", 33.558, 36.365);
        let air = ["Air/drone strike"];
        let mut shape = Shape::new(&features("a", "2018-04-06", Some(douma), &air));
        shape.add(&features("b", "2018-04-06", Some(ghouta), &air));
        // Harasta lies in the Ghouta too, but it is not Douma.
        let other = features("c", "2018-04-06", Some(harasta.clone()), &air);
        assert_eq!(shape.score(&other, &options), None);
        // Within the first article, one compatible place is enough.
        let own = features("b", "2018-04-06", Some(harasta), &air);
        assert_eq!(shape.score(&own, &options), Some((true, false, true)));
    }

    #[test]
    fn a_claim_without_a_place_stays_in_its_article() {
        let options = LinkOptions::default();
        let ariha = town("Ariha", "Idlib", 35.81, 36.61);
        let shape = Shape::new(&features("a", "2019-07-22", Some(ariha), &[]));
        assert_eq!(
            shape.score(&features("b", "2019-07-22", None, &[]), &options),
            None
        );
        assert_eq!(
            shape.score(&features("a", "2019-07-22", None, &[]), &options),
            Some((true, false, true))
        );
    }

    #[test]
    fn dated_and_undated_claims_meet_only_within_an_article() {
        let options = LinkOptions::default();
        let ariha = town("Ariha", "Idlib", 35.81, 36.61);
        let shape = Shape::new(&features("a", "2019-07-22", Some(ariha.clone()), &[]));
        let mut undated = features("b", "2019-07-22", Some(ariha.clone()), &[]);
        undated.date = None;
        assert_eq!(shape.score(&undated, &options), None);
        let mut undated_shape = Shape::new(&undated);
        undated.account.doc = "c".to_owned();
        assert_eq!(
            undated_shape.score(&undated, &options),
            Some((false, true, false))
        );
        undated_shape.add(&undated);
        let dated = features("d", "2019-07-22", Some(ariha), &[]);
        assert_eq!(undated_shape.score(&dated, &options), None);
    }

    #[test]
    fn the_preference_is_own_article_then_place_then_day() {
        // Scores compare in that order: an own-article incident elsewhere
        // beats a same-place, same-day incident of another article.
        let own: Score = (true, false, false);
        let same_place_and_day: Score = (false, true, true);
        assert!(own > same_place_and_day);
        assert!((false, true, false) > (false, false, true));
    }
}
