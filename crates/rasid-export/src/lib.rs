//! Writers for incidents: JSON (documented by `docs/incidents.schema.json`),
//! ACLED-style CSV, GeoJSON for maps, a terminal table, and one static
//! right-to-left HTML page with every incident, its claims and each claim's
//! sentence with the figure and the source highlighted.
//!
//! Pure functions from `&[Incident]` (and, for the report, the documents'
//! texts) to strings.

mod claims_table;
mod csv;
mod geojson;
mod html;
mod table;

use rasid_link::Incident;

pub use claims_table::write_claims_table;
pub use csv::{to_csv, COLUMNS};
pub use geojson::to_geojson;
pub use html::{safe_link, to_html, ReportDocument};
pub use table::to_table;

/// The incidents as a JSON array (pretty-printed).
///
/// # Errors
/// Never in practice: every field serialises.
pub fn to_json(incidents: &[Incident]) -> serde_json::Result<String> {
    serde_json::to_string_pretty(incidents)
}

/// How a figure reads: "32", "≥150", "20+ (vague)", "10–15".
#[must_use]
pub fn figure(claim: &rasid_extract::Claim) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
    match claim.qualifier.as_str() {
        "exact" => n(claim.value_min),
        "at_least" => format!("≥{}", n(claim.value_min)),
        "more_than" => format!(">{}", n(claim.value_min)),
        "about" => format!("~{}", n(claim.value_min)),
        "up_to" => format!("≤{}", n(claim.value_max)),
        "less_than" => format!("<{}", n(claim.value_max)),
        "range" => format!("{}–{}", n(claim.value_min), n(claim.value_max)),
        _ => format!("{}+", n(claim.value_min)),
    }
}

/// Who a claim is credited to, for people: the canonical name, else the
/// phrase, else the outlet.
#[must_use]
pub fn source_label(claim: &rasid_extract::Claim) -> String {
    match &claim.source {
        Some(s) if !s.is_outlet => s
            .name
            .clone()
            .or_else(|| s.surface.clone())
            .unwrap_or_else(|| "?".to_owned()),
        _ => format!(
            "{} (own account)",
            claim.outlet.as_deref().unwrap_or("outlet")
        ),
    }
}
