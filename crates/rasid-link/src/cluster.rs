//! Grouping claims into incidents.
//!
//! Claims of one sentence always share an incident (a figure and its
//! subgroups). Campaign totals form an incident per article and place. Other
//! claims join the incident they are compatible with on every axis:
//!
//! * **date**: both to the day and at most `date_window_days` apart; a
//!   coarser date (week, month, year) only has to overlap;
//! * **place**: the same place, places within 2 km, or a town inside an area
//!   (same country and governorate, within 40 km: دوما in الغوطة الشرقية);
//!   a claim with no place (or only a country) joins only incidents of its
//!   own article, and one whose place is named only in an earlier sentence
//!   may join its own article's incidents whatever their place;
//! * **event type**: the sub-event types of the two share one, or either has
//!   none. Displacement and arrests only meet their own kind.
//!
//! Among compatible incidents a claim prefers one of its own article, then the
//! same place, then the same day.

use std::collections::BTreeSet;

use jiff::civil::Date;
use rasid_extract::{Claim, PlaceRef, Scope};

use crate::LinkOptions;

/// A group of claims (indices into the input) forming one incident.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Indices of the member claims.
    pub members: Vec<usize>,
    /// Whether the incident totals a campaign.
    pub scope: Scope,
}

struct Features<'a> {
    doc: &'a str,
    sentence: (usize, usize),
    date: Option<(Date, &'a str)>,
    place: Option<&'a PlaceRef>,
    weak_place: bool,
    types: BTreeSet<String>,
    scope: Scope,
}

/// Sub-event types too general to tell incidents apart.
const GENERIC: &[&str] = &["Attack", "Other"];

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

fn features(claim: &Claim) -> Features<'_> {
    // A place named only in an earlier sentence does not keep a claim from
    // an incident of its own article.
    let weak_place = claim.place.as_ref().is_some_and(|p| p.via == "before");
    let date = claim.date.as_ref().and_then(|d| {
        d.value
            .parse::<Date>()
            .ok()
            .map(|v| (v, d.precision.as_str()))
    });
    // A country names no place for linking.
    let place = claim
        .place
        .as_ref()
        .filter(|p| !p.feature.starts_with("A.PCL"));
    Features {
        doc: &claim.doc,
        sentence: (claim.sentence.start, claim.sentence.end),
        date,
        place,
        weak_place,
        types: claim_types(claim),
        scope: claim.scope,
    }
}

/// Great-circle distance in kilometres.
#[must_use]
pub fn distance_km(a: &PlaceRef, b: &PlaceRef) -> f64 {
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

fn is_area(p: &PlaceRef) -> bool {
    !p.feature.starts_with("P.")
}

/// Whether two places can be the place of one incident.
#[must_use]
pub fn places_compatible(a: &PlaceRef, b: &PlaceRef) -> bool {
    if a.country != b.country {
        return false;
    }
    if a.name == b.name || distance_km(a, b) <= 2.0 {
        return true;
    }
    // A town inside an area: same governorate, near the area's centre.
    (is_area(a) != is_area(b)) && a.admin1 == b.admin1 && distance_km(a, b) <= 40.0
}

fn dates_compatible(a: (Date, &str), b: (Date, &str), window: i32) -> bool {
    let days = (a.0 - b.0).get_days().abs();
    match (a.1, b.1) {
        ("day", "day") => days <= window,
        ("month", _) | (_, "month") => a.0.year() == b.0.year() && a.0.month() == b.0.month(),
        ("year", _) | (_, "year") => a.0.year() == b.0.year(),
        _ => days <= 7,
    }
}

fn types_compatible(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let special = |s: &BTreeSet<String>| s.contains("Displacement") || s.contains("Arrests");
    if special(a) || special(b) {
        return !a.is_disjoint(b);
    }
    a.is_empty() || b.is_empty() || !a.is_disjoint(b)
}

/// Groups claims into incidents.
#[must_use]
pub fn cluster(claims: &[Claim], options: &LinkOptions) -> Vec<Cluster> {
    let features: Vec<Features<'_>> = claims.iter().map(features).collect();
    // Earlier reports first, so an incident forms around its first accounts.
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| {
        (
            claims[a].published.as_deref(),
            &claims[a].doc,
            claims[a].span.start,
        )
            .cmp(&(
                claims[b].published.as_deref(),
                &claims[b].doc,
                claims[b].span.start,
            ))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for i in order {
        let f = &features[i];
        let same_sentence = clusters.iter().position(|c| {
            c.members
                .iter()
                .any(|&m| features[m].doc == f.doc && features[m].sentence == f.sentence)
        });
        let chosen = same_sentence.or_else(|| match f.scope {
            Scope::Campaign => clusters.iter().position(|c| {
                c.scope == Scope::Campaign
                    && c.members.iter().all(|&m| {
                        features[m].doc == f.doc
                            && match (features[m].place, f.place) {
                                (Some(a), Some(b)) => places_compatible(a, b),
                                _ => true,
                            }
                    })
            }),
            Scope::Incident => best_incident(&clusters, &features, f, options),
        });
        match chosen {
            Some(c) => clusters[c].members.push(i),
            None => clusters.push(Cluster {
                members: vec![i],
                scope: f.scope,
            }),
        }
    }
    clusters
}

fn best_incident(
    clusters: &[Cluster],
    features: &[Features<'_>],
    f: &Features<'_>,
    options: &LinkOptions,
) -> Option<usize> {
    let mut best: Option<(usize, (bool, bool, bool))> = None;
    for (index, cluster) in clusters.iter().enumerate() {
        if cluster.scope != Scope::Incident {
            continue;
        }
        let members: Vec<&Features<'_>> = cluster.members.iter().map(|&m| &features[m]).collect();
        let same_doc = members.iter().any(|m| m.doc == f.doc);
        let types: BTreeSet<String> = members
            .iter()
            .flat_map(|m| m.types.iter().cloned())
            .collect();
        if !types_compatible(&f.types, &types) {
            continue;
        }
        let dated: Vec<(Date, &str)> = members.iter().filter_map(|m| m.date).collect();
        if let Some(date) = f.date {
            if !dated.is_empty()
                && !dated
                    .iter()
                    .any(|&d| dates_compatible(date, d, options.date_window_days))
            {
                continue;
            }
        }
        let places: Vec<&PlaceRef> = members.iter().filter_map(|m| m.place).collect();
        let same_place = match f.place {
            Some(p) => {
                let compatible = places.iter().any(|q| places_compatible(p, q));
                let allowed = places.is_empty() || compatible || (f.weak_place && same_doc);
                if !allowed {
                    continue;
                }
                if places.is_empty() && !same_doc {
                    continue;
                }
                places.iter().any(|q| q.name == p.name)
            }
            None => {
                if !same_doc {
                    continue;
                }
                false
            }
        };
        let same_day = f.date.is_some_and(|d| dated.iter().any(|&e| e.0 == d.0));
        let score = (same_doc, same_place, same_day);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((index, score));
        }
    }
    best.map(|(index, _)| index)
}
