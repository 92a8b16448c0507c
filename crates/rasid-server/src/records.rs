//! Stored incident records read back as [`rasid_link::Incident`], so the
//! exports are the very writers of `rasid incidents` (`rasid-export`).
//!
//! The linker's types only serialise; these mirrors read the same JSON. A
//! field the store's record lacks takes its default, so records written by an
//! older rasid still export.

use std::collections::BTreeMap;

use rasid_extract::{Claim, PlaceRef};
use rasid_link::{Estimate, Incident, IncidentClaim, IncidentDate, Report, SourceSummary};
use serde::Deserialize;

#[derive(Deserialize)]
struct StoredIncident {
    id: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    event_types: Vec<String>,
    #[serde(default)]
    sub_event_types: Vec<String>,
    date: Option<StoredDate>,
    place: Option<PlaceRef>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    estimates: BTreeMap<String, StoredEstimate>,
    #[serde(default)]
    group_estimates: BTreeMap<String, StoredEstimate>,
    #[serde(default)]
    sources: Vec<StoredSource>,
    #[serde(default)]
    disagreement: bool,
    #[serde(default)]
    reports: Vec<StoredReport>,
    #[serde(default)]
    claims: Vec<StoredClaim>,
}

#[derive(Deserialize)]
struct StoredDate {
    value: String,
    precision: String,
}

#[derive(Deserialize)]
struct StoredEstimate {
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    #[serde(default)]
    sources: usize,
    #[serde(default)]
    claims: usize,
    #[serde(default)]
    disagreement: bool,
}

#[derive(Deserialize)]
struct StoredSource {
    key: String,
    id: Option<String>,
    name: Option<String>,
    surface: Option<String>,
    #[serde(default)]
    outlets: Vec<String>,
    #[serde(default)]
    docs: Vec<String>,
}

#[derive(Deserialize)]
struct StoredReport {
    #[serde(default)]
    docs: Vec<String>,
}

#[derive(Deserialize)]
struct StoredClaim {
    #[serde(flatten)]
    claim: Claim,
    #[serde(default)]
    source_key: String,
    #[serde(default)]
    superseded: bool,
    #[serde(default)]
    duplicate: bool,
}

fn estimates(map: BTreeMap<String, StoredEstimate>) -> BTreeMap<String, Estimate> {
    map.into_iter()
        .map(|(kind, e)| {
            (
                kind,
                Estimate {
                    low: e.low,
                    best: e.best,
                    high: e.high,
                    sources: e.sources,
                    claims: e.claims,
                    disagreement: e.disagreement,
                },
            )
        })
        .collect()
}

/// Reads a stored incident record.
///
/// # Errors
/// When the record is not an incident's JSON.
pub(crate) fn incident(record: &str) -> serde_json::Result<Incident> {
    let stored: StoredIncident = serde_json::from_str(record)?;
    Ok(Incident {
        id: stored.id,
        scope: stored.scope,
        event_types: stored.event_types,
        sub_event_types: stored.sub_event_types,
        date: stored.date.map(|d| IncidentDate {
            value: d.value,
            precision: d.precision,
        }),
        place: stored.place,
        actors: stored.actors,
        estimates: estimates(stored.estimates),
        group_estimates: estimates(stored.group_estimates),
        sources: stored
            .sources
            .into_iter()
            .map(|s| SourceSummary {
                key: s.key,
                id: s.id,
                name: s.name,
                surface: s.surface,
                outlets: s.outlets,
                docs: s.docs,
            })
            .collect(),
        disagreement: stored.disagreement,
        reports: stored
            .reports
            .into_iter()
            .map(|r| Report { docs: r.docs })
            .collect(),
        claims: stored
            .claims
            .into_iter()
            .map(|c| IncidentClaim {
                claim: c.claim,
                source_key: c.source_key,
                superseded: c.superseded,
                duplicate: c.duplicate,
            })
            .collect(),
    })
}
