//! GeoJSON: a FeatureCollection of placed incidents.

use rasid_link::Incident;
use serde_json::{json, Value};

/// Placed incidents as GeoJSON points; unplaced ones are left out.
#[must_use]
pub fn to_geojson(incidents: &[Incident]) -> Value {
    let features: Vec<Value> = incidents
        .iter()
        .filter_map(|i| {
            let place = i.place.as_ref()?;
            let killed = i.estimates.get("killed");
            Some(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": i.id,
                    "date": i.date.as_ref().map(|d| d.value.clone()),
                    "place": place.name,
                    "admin1": place.admin1,
                    "country": place.country,
                    "event_types": i.event_types,
                    "sub_event_types": i.sub_event_types,
                    "scope": i.scope,
                    "killed_low": killed.and_then(|e| e.low),
                    "killed_best": killed.and_then(|e| e.best),
                    "killed_high": killed.and_then(|e| e.high),
                    "sources": i.sources.len(),
                    "disagreement": i.disagreement,
                    "claims": i.claims.len(),
                }
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}
