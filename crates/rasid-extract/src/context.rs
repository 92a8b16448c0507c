//! Event context of a claim: when and where.
//!
//! * **When**: the date its sentence gives (not a date that only dates a
//!   statement, "وندد البابا الأحد"), else the nearest recent date before it
//!   in the article (dates `recent_days` (`reaches.tsv`) or more before publication are
//!   background, "في أبريل 2017"), else the publication date with precision
//!   `week`. Dates come from `rasid-time`, resolved against the publication date.
//! * **Where**: the most specific place its sentence names (a town before a
//!   governorate or region), nearest to the figure; else the nearest place
//!   named before it. Places come from `rasid-geo`, disambiguated by the
//!   whole article ("دوما" with "ريف دمشق" is in Syria).
//!
//! Fields are absent, not guessed, when the text does not support them.

use std::ops::Range;

use rasid_geo::{DocContext, Gazetteer, ResolvedPlace};
use rasid_text::{Normalized, Token};
use rasid_time::{parse_published, Date, DateMention, Precision};

use crate::record::{DateRef, PlaceRef};

/// The dates and places of one article.
pub(crate) struct ArticleContext<'g> {
    published: Option<Date>,
    /// In text order.
    dates: Vec<DateMention>,
    /// Whether each date dates a statement ("وندد البابا الأحد"), not an event.
    statement: Vec<bool>,
    /// In text order.
    places: Vec<ResolvedPlace<'g>>,
}

impl<'g> ArticleContext<'g> {
    pub(crate) fn new(
        gazetteer: &'g Gazetteer,
        time: &rasid_time::TimeLexicon,
        text: &str,
        tokens: &[Token],
        published: Option<&str>,
    ) -> Self {
        let published = published.and_then(parse_published);
        let dates: Vec<DateMention> = time
            .find_dates(text, tokens, published)
            .into_iter()
            .filter(|d| d.value.is_some())
            .collect();
        let mentions = gazetteer.find_places(text, tokens);
        let context = DocContext::from_mentions(&mentions);
        let mut places = gazetteer.resolve(&mentions, &context);
        places.sort_by_key(|p| p.mention.tokens.start);
        let statement = vec![false; dates.len()];
        Self {
            published,
            dates,
            statement,
            places,
        }
    }

    /// Marks the dates inside or right after reporting phrases (token ranges).
    pub(crate) fn mark_statements(&mut self, statements: &[Range<usize>]) {
        for s in statements {
            let from = self.dates.partition_point(|d| d.tokens.start < s.start);
            for (i, d) in self.dates.iter().enumerate().skip(from) {
                if d.tokens.start > s.end {
                    break;
                }
                self.statement[i] = true;
            }
        }
    }

    /// The date governing a claim at token `anchor` of the sentence
    /// `sentence`, skipping dates marked as dating statements.
    pub(crate) fn date(
        &self,
        normalized: &Normalized<'_>,
        sentence: &Range<usize>,
        anchor: usize,
        recent_days: i32,
    ) -> Option<DateRef> {
        let first = self
            .dates
            .partition_point(|d| d.tokens.start < sentence.start);
        let own = (first..self.dates.len())
            .take_while(|&i| self.dates[i].tokens.start < sentence.end)
            .filter(|&i| !self.statement[i])
            .min_by_key(|&i| {
                // Prefer a date before the figure at equal distance.
                let d = &self.dates[i];
                (
                    d.tokens.start.abs_diff(anchor),
                    usize::from(d.tokens.start > anchor),
                )
            });
        if let Some(i) = own {
            return Some(self.date_ref(normalized, &self.dates[i], "sentence"));
        }
        let recent = |d: &DateMention| match (d.value, self.published) {
            (Some(value), Some(published)) => {
                (published - value).get_days() < recent_days && (value - published).get_days() <= 1
            }
            _ => true,
        };
        let before = (0..first).rev().find(|&i| {
            !self.statement[i]
                && self.dates[i].tokens.end <= sentence.start
                && recent(&self.dates[i])
        });
        if let Some(i) = before {
            return Some(self.date_ref(normalized, &self.dates[i], "before"));
        }
        self.published.map(|p| DateRef {
            value: p.to_string(),
            precision: "week".to_owned(),
            surface: None,
            span: None,
            via: "published".to_owned(),
        })
    }

    // A method beside the other readings of the context, though it needs none of its state.
    #[allow(clippy::unused_self)]
    fn date_ref(&self, normalized: &Normalized<'_>, d: &DateMention, via: &'static str) -> DateRef {
        let span = normalized.to_original(d.span.range());
        DateRef {
            value: d.value.map(|v| v.to_string()).unwrap_or_default(),
            precision: precision(d.precision).to_owned(),
            surface: Some(normalized.original()[span.range()].to_owned()),
            span: Some(span),
            via: via.to_owned(),
        }
    }

    /// The place of a claim at token `anchor` of the sentence `sentence`.
    pub(crate) fn place(
        &self,
        normalized: &Normalized<'_>,
        sentence: &Range<usize>,
        anchor: usize,
    ) -> Option<PlaceRef> {
        let first = self
            .places
            .partition_point(|p| p.mention.tokens.start < sentence.start);
        let own = self.places[first..]
            .iter()
            .take_while(|p| p.mention.tokens.start < sentence.end)
            .min_by_key(|p| {
                // A town named with its designator ("في مدينة سراقب") before a
                // dateline or a passing mention ("إدلب (سوريا) –").
                let designated = p
                    .mention
                    .prefix
                    .as_ref()
                    .is_some_and(|x| x.designator.is_some());
                (
                    specificity(p),
                    !designated,
                    p.mention.tokens.start.abs_diff(anchor),
                )
            });
        if let Some(p) = own {
            return Some(place_ref(normalized, p, "sentence"));
        }
        self.places[..first]
            .iter()
            .rev()
            .find(|p| p.mention.tokens.end <= sentence.start)
            .map(|p| place_ref(normalized, p, "before"))
    }
}

impl ArticleContext<'_> {
    /// The country most of the article's places are in.
    pub(crate) fn country(&self) -> Option<String> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for p in &self.places {
            *counts.entry(p.place.country.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(_, n)| n)
            .map(|(c, _)| c.to_owned())
    }
}

/// ACLED sub-event types from the most to the least specific: a sentence
/// naming air strikes and a chemical attack is coded by the chemical attack.
const SPECIFICITY: &[&str] = &[
    "Chemical weapon",
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Armed clash",
    "Attack",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Government regains territory",
    "Non-state actor overtakes territory",
];

/// The events and actors of one sentence, attached to each of its claims.
pub(crate) fn attach_events(
    claim: &mut crate::record::Claim,
    normalized: &Normalized<'_>,
    anchor: usize,
    events: &[rasid_events::EventMention],
    actors: &[rasid_events::ActorMention],
    roles: &[(usize, rasid_events::Role)],
) {
    let mut types: Vec<String> = Vec::new();
    for e in events {
        if !types.contains(&e.sub_event_type) {
            types.push(e.sub_event_type.clone());
        }
    }
    let rank = |t: &str| {
        SPECIFICITY
            .iter()
            .position(|s| *s == t)
            .unwrap_or(SPECIFICITY.len())
    };
    let primary = events
        .iter()
        .min_by_key(|e| (rank(&e.sub_event_type), e.tokens.start.abs_diff(anchor)));
    if let Some(e) = primary {
        claim.event_type = Some(e.event_type.clone());
        claim.sub_event_type = Some(e.sub_event_type.clone());
        claim.plover = Some(crate::record::Plover {
            event: e.plover_event.clone(),
            mode: e.plover_mode.clone(),
        });
    }
    types.sort_by_key(|t| rank(t));
    claim.sub_event_types = types;
    claim.actors = actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let role = roles
                .iter()
                .find(|(index, _)| *index == i)
                .map_or("mentioned", |(_, r)| match r {
                    rasid_events::Role::Perpetrator => "perpetrator",
                    rasid_events::Role::Target => "target",
                    _ => "mentioned",
                });
            let span = normalized.to_original(a.span.range());
            crate::record::ActorRef {
                name: a.name.clone(),
                role: role.to_owned(),
                surface: normalized.original()[span.range()].to_owned(),
                span,
            }
        })
        .collect();
}

/// Lower is more specific: populated places, then areas, then countries.
fn specificity(p: &ResolvedPlace<'_>) -> u8 {
    let feature = &p.place.feature;
    if feature.is_populated_place() {
        0
    } else if feature.code().starts_with("PCL") {
        3
    } else if feature.code().starts_with("ADM1") {
        2
    } else {
        1
    }
}

fn precision(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        _ => "year",
    }
}

fn place_ref(normalized: &Normalized<'_>, p: &ResolvedPlace<'_>, via: &'static str) -> PlaceRef {
    let span = normalized.to_original(p.mention.full_span());
    let place = p.place;
    PlaceRef {
        name: place.name.clone(),
        surface: normalized.original()[span.range()].to_owned(),
        lat: place.lat,
        lon: place.lon,
        admin1: (!place.admin1.is_empty()).then(|| place.admin1.clone()),
        country: place.country.clone(),
        span,
        geonames_id: place.id.geonames().map(u64::from),
        feature: place.feature.as_str().to_owned(),
        via: via.to_owned(),
    }
}
