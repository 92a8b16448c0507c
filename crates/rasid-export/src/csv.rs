//! ACLED-style CSV: one row per incident.

use std::fmt::Write as _;

use rasid_link::Incident;

/// The columns, ACLED's names first, then rasid's estimates.
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_best",
    "sources_count",
    "disagreement",
    "scope",
];

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// ACLED's time precision: 1 day, 2 week, 3 month.
fn time_precision(precision: &str) -> &'static str {
    match precision {
        "day" => "1",
        "week" => "2",
        _ => "3",
    }
}

/// ACLED's geo precision: 1 town, 2 near a town or part of a region, 3 a larger region.
fn geo_precision(feature: &str) -> &'static str {
    if feature.starts_with("P.") {
        "1"
    } else if feature.starts_with("A.ADM1") || feature.starts_with("A.PCL") {
        "3"
    } else {
        "2"
    }
}

/// The incidents as CSV with a header row.
#[must_use]
pub fn to_csv(incidents: &[Incident]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for i in incidents {
        let killed = i.estimates.get("killed");
        let n = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
        let sources: Vec<String> = i
            .sources
            .iter()
            .map(|s| {
                let name = s
                    .name
                    .clone()
                    .or_else(|| s.surface.clone())
                    .unwrap_or_else(|| s.key.clone());
                if s.outlets.is_empty() || s.key.starts_with("outlet:") {
                    name
                } else {
                    format!("{name} via {}", s.outlets.join("/"))
                }
            })
            .collect();
        let notes: Vec<String> = i
            .claims
            .iter()
            .filter(|c| !c.duplicate)
            .map(|c| {
                format!(
                    "{} {} ({}){}",
                    crate::figure(&c.claim),
                    c.claim.kind.as_str(),
                    crate::source_label(&c.claim),
                    if c.superseded { " superseded" } else { "" }
                )
            })
            .collect();
        let row = [
            i.id.clone(),
            i.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
            i.date
                .as_ref()
                .map(|d| time_precision(&d.precision).to_owned())
                .unwrap_or_default(),
            i.event_types.first().cloned().unwrap_or_default(),
            i.sub_event_types.first().cloned().unwrap_or_default(),
            i.actors.first().cloned().unwrap_or_default(),
            i.actors.get(1).cloned().unwrap_or_default(),
            i.place
                .as_ref()
                .and_then(|p| p.admin1.clone())
                .unwrap_or_default(),
            i.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            i.place
                .as_ref()
                .map(|p| format!("{:.4}", p.lat))
                .unwrap_or_default(),
            i.place
                .as_ref()
                .map(|p| format!("{:.4}", p.lon))
                .unwrap_or_default(),
            i.place
                .as_ref()
                .map(|p| geo_precision(&p.feature).to_owned())
                .unwrap_or_default(),
            sources.join("; "),
            notes.join("; "),
            // ACLED codes the conservative figure.
            n(killed.and_then(|e| e.low)),
            n(killed.and_then(|e| e.low)),
            n(killed.and_then(|e| e.best)),
            n(killed.and_then(|e| e.high)),
            n(i.estimates.get("injured").and_then(|e| e.best)),
            i.sources.len().to_string(),
            i.disagreement.to_string(),
            i.scope.clone(),
        ];
        let line: Vec<String> = row.iter().map(|f| quote(f)).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
}
