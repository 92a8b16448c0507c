//! Choosing one place per mention from the article's other places.

use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;

use crate::lexicon::Designator;
use crate::{Gazetteer, Place, PlaceMention};

/// What the article says about where it is: the countries and governorates
/// its place names point to.
///
/// Each mention that is not weak casts one vote, split evenly among the
/// countries (and the governorates) its candidates lie in: "ريف دمشق" votes
/// for Syria and Rif Dimashq, "دوما" (Syria, Palestine, Lebanon) a third each.
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    countries: HashMap<String, f32>,
    admin1: HashMap<String, f32>,
}

impl DocContext {
    /// No evidence.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The votes of the mentions found in one article.
    #[must_use]
    pub fn from_mentions(mentions: &[PlaceMention<'_>]) -> Self {
        let mut context = Self::new();
        for mention in mentions {
            context.add(mention, 1.0);
        }
        context
    }

    /// Adds outside evidence for a country (ISO 3166-1 alpha-2), such as the
    /// outlet's country or a dateline; one mention weighs 1.
    #[must_use]
    pub fn with_country(mut self, country: &str, weight: f32) -> Self {
        *self.countries.entry(country.to_owned()).or_default() += weight;
        self
    }

    /// Adds outside evidence for a governorate (GeoNames admin1 code, `SY.08`).
    #[must_use]
    pub fn with_admin1(mut self, admin1_code: &str, weight: f32) -> Self {
        *self.admin1.entry(admin1_code.to_owned()).or_default() += weight;
        self
    }

    /// The votes for a country.
    #[must_use]
    pub fn country(&self, country: &str) -> f32 {
        self.countries.get(country).copied().unwrap_or(0.0)
    }

    /// The votes for a governorate.
    #[must_use]
    pub fn admin1(&self, admin1_code: &str) -> f32 {
        self.admin1.get(admin1_code).copied().unwrap_or(0.0)
    }

    fn add(&mut self, mention: &PlaceMention<'_>, sign: f32) {
        if mention.weak {
            return;
        }
        for (map, values) in [
            (&mut self.countries, distinct(mention, |p| &p.country)),
            (&mut self.admin1, distinct(mention, |p| &p.admin1_code)),
        ] {
            #[allow(clippy::cast_precision_loss)] // a handful of candidates
            let share = sign / values.len().max(1) as f32;
            for value in values {
                *map.entry(value.to_owned()).or_default() += share;
            }
        }
    }
}

fn distinct<'g>(
    mention: &PlaceMention<'g>,
    field: impl Fn(&'g Place) -> &'g String,
) -> Vec<&'g str> {
    let mut values: Vec<&str> = mention
        .candidates
        .iter()
        .map(|p| field(p).as_str())
        .filter(|v| !v.is_empty())
        .collect();
    values.sort_unstable();
    values.dedup();
    values
}

/// What decided among a mention's candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resolution {
    /// The name means one place.
    Unique,
    /// Other places of the article lie in the same governorate.
    Admin1Context,
    /// Other places of the article lie in the same country.
    CountryContext,
    /// The word before the name (مدينة، محافظة …) fits one kind of place.
    Designator,
    /// Nothing in the article decided: the most prominent place (capital,
    /// seat, governorate, then population).
    Prominence,
}

/// A mention with the place chosen for it.
#[derive(Debug, Clone)]
pub struct ResolvedPlace<'g> {
    /// The mention.
    pub mention: PlaceMention<'g>,
    /// The place chosen.
    pub place: &'g Place,
    /// What decided.
    pub resolution: Resolution,
}

/// A place that needs no other place of its country in the article: a
/// country, governorate or region, a capital, a city of 100,000 people, or a
/// town named like one of these; any place after a designator ("بلدة …");
/// never a weak mention.
///
/// Known false negative: "انفجار في القامشلي" alone (GeoNames gives Qamishli
/// no population) is dropped; "في القامشلي شمال شرقي سوريا" is kept.
fn stands_alone(mention: &PlaceMention<'_>, place: &Place) -> bool {
    if mention.weak {
        return false;
    }
    // A town that gives its name to a governorate ("طولكرم") is as well known
    // as the governorate.
    let notable = |p: &&Place| {
        p.country == place.country
            && (p.feature.is_area()
                || p.feature.code() == "PPLC"
                || p.population >= STANDALONE_POPULATION)
    };
    mention
        .prefix
        .as_ref()
        .is_some_and(|p| p.designator.is_some())
        || mention.candidates.iter().any(notable)
}

/// A city this big needs no other place of its country in the article.
const STANDALONE_POPULATION: u64 = 100_000;

/// How well a designator fits a kind of place: +1, 0 (no designator, or no
/// opinion), −1.
fn designator_fit(designator: Option<Designator>, place: &Place) -> i8 {
    match designator {
        None => 0,
        // "ريف حلب": the governorate's countryside rather than the city.
        Some(Designator::Countryside) => i8::from(place.feature.is_area()),
        Some(d) if d.fits(&place.feature) => 1,
        Some(_) => -1,
    }
}

struct Score {
    context: f32,
    admin1: f32,
    fit: i8,
    kind: u8,
    rank: u8,
    population: u64,
}

/// Without a designator, a name that is both a town and its governorate
/// ("طولكرم", "صنعاء") means the town; a country's name means the country.
fn kind(place: &Place) -> u8 {
    match place.feature.code() {
        "PCLI" => 2,
        _ if place.feature.is_populated_place() => 1,
        _ => 0,
    }
}

impl Score {
    /// Context first, then the designator, then the kind of place, then
    /// prominence and population.
    fn cmp(&self, other: &Self) -> Ordering {
        // Votes are sums of thirds and halves: compare them to a hundredth.
        #[allow(clippy::cast_possible_truncation)]
        let round = |v: f32| (v * 100.0).round() as i64;
        round(self.context)
            .cmp(&round(other.context))
            .then(self.fit.cmp(&other.fit))
            .then(self.kind.cmp(&other.kind))
            .then(self.rank.cmp(&other.rank))
            .then(self.population.cmp(&other.population))
    }
}

impl Gazetteer {
    /// Chooses one place per mention, in order: the governorates and
    /// countries that the article's other mentions point to (a governorate
    /// counts twice as much as a country), then the designator before the name
    /// (محافظة → governorate, مدينة → city), then prominence (capital, seat,
    /// governorate, region, village) and population.
    ///
    /// A mention is dropped when no other place of the article lies in the
    /// chosen place's country and the place cannot stand alone: "بشار" (Bechar,
    /// Algeria) in an article about Syria, "البيضاء" (Al Bayda, Yemen) in "الخوذ
    /// البيضاء". Countries, governorates, regions, capitals, cities of 100,000
    /// and places after a designator stand alone; weak mentions (short or rare
    /// names accepted for their prefix only) never do.
    #[must_use]
    pub fn resolve<'g>(
        &'g self,
        mentions: &[PlaceMention<'g>],
        context: &DocContext,
    ) -> Vec<ResolvedPlace<'g>> {
        let mut resolved = Vec::with_capacity(mentions.len());
        for mention in mentions {
            // The mention's own vote says nothing about itself.
            let mut others = context.clone();
            others.add(mention, -1.0);
            let designator = mention.prefix.as_ref().and_then(|p| p.designator);
            let scores: Vec<Score> = mention
                .candidates
                .iter()
                .map(|p| {
                    let admin1 = if p.admin1_code.is_empty() {
                        0.0
                    } else {
                        others.admin1(&p.admin1_code)
                    };
                    Score {
                        context: 2.0 * admin1 + others.country(&p.country),
                        admin1,
                        fit: designator_fit(designator, p),
                        kind: if designator.is_some() { 0 } else { kind(p) },
                        rank: p.feature.rank(),
                        population: p.population,
                    }
                })
                .collect();
            let Some(best) = (0..scores.len()).max_by(|&a, &b| scores[a].cmp(&scores[b])) else {
                continue;
            };
            let place = mention.candidates[best];
            if others.country(&place.country) <= 0.0 && !stands_alone(mention, place) {
                continue;
            }
            let runner_up = (0..scores.len())
                .filter(|&i| i != best)
                .max_by(|&a, &b| scores[a].cmp(&scores[b]));
            let resolution = match runner_up.map(|i| &scores[i]) {
                None => Resolution::Unique,
                Some(second) => {
                    let first = &scores[best];
                    if first.context > second.context + 0.005 {
                        if first.admin1 > second.admin1 + 0.005 {
                            Resolution::Admin1Context
                        } else {
                            Resolution::CountryContext
                        }
                    } else if first.fit > second.fit {
                        Resolution::Designator
                    } else {
                        Resolution::Prominence
                    }
                }
            };
            resolved.push(ResolvedPlace {
                mention: mention.clone(),
                place,
                resolution,
            });
        }
        resolved
    }

    /// Tokenises a normalised text, finds its places and resolves them with
    /// the article as context.
    #[must_use]
    pub fn locate<'g>(&'g self, normalized: &str) -> Vec<ResolvedPlace<'g>> {
        let tokens = rasid_text::tokenize(normalized);
        let mentions = self.find_places(normalized, &tokens);
        let context = DocContext::from_mentions(&mentions);
        self.resolve(&mentions, &context)
    }
}
