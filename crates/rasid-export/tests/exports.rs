//! The exports of incidents, read back: JSON against its schema
//! (`docs/incidents.schema.json`), the ACLED-style CSV against the JSON it
//! comes from, GeoJSON points at the incidents' places, the report's page
//! right to left with each claim's evidence. The articles are our own.

use rasid_extract::{Article, Extractor};
use rasid_link::{link, DocInfo, Incident, LinkOptions};
use serde_json::Value;

/// Two reports of a strike on a town and one of a detention elsewhere.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "a1",
        "Wire One",
        "قال الدفاع المدني إن 9 مدنيين قتلوا وأصيب 14 آخرون في غارة جوية على مدينة أريحا يوم الاثنين.",
    ),
    (
        "a2",
        "Wire Two",
        "أفاد المرصد السوري لحقوق الإنسان بمقتل 11 مدنيا في غارة على مدينة أريحا الاثنين.",
    ),
    (
        "a3",
        "Wire Three",
        "اعتقلت قوات الأمن 20 شابا في مدينة الموصل أمس.",
    ),
];

fn incidents() -> Vec<Incident> {
    let extractor = Extractor::builtin().expect("lexicons");
    let mut claims = Vec::new();
    for &(id, outlet, text) in ARTICLES {
        claims.extend(extractor.extract(&Article {
            id,
            text,
            outlet: Some(outlet),
            published: Some("2022-03-15"),
        }));
    }
    let docs: Vec<DocInfo<'_>> = ARTICLES
        .iter()
        .map(|&(id, _, text)| DocInfo { id, text })
        .collect();
    link(claims, &docs, &LinkOptions::default())
}

fn schema() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/incidents.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the schema")).expect("JSON")
}

#[test]
fn json_follows_the_incidents_schema() {
    let incidents = incidents();
    assert!(incidents.len() >= 2, "{incidents:#?}");
    let json: Value =
        serde_json::from_str(&rasid_export::to_json(&incidents).expect("JSON")).expect("parses");
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Every claim of the articles is in exactly one incident.
    let claims: usize = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["claims"].as_array().expect("claims").len())
        .sum();
    assert_eq!(claims, 4, "9 and 14 of a1, 11 of a2, 20 of a3");
}

#[test]
fn the_schema_refuses_a_record_missing_a_required_field() {
    let incidents = incidents();
    let mut json: Value =
        serde_json::from_str(&rasid_export::to_json(&incidents).expect("JSON")).expect("parses");
    json[0]
        .as_object_mut()
        .expect("an object")
        .remove("estimates");
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    assert!(
        validator.iter_errors(&json).next().is_some(),
        "a test that cannot fail is a defect"
    );
}

/// ACLED codes fatalities conservatively: the low estimate of the killed,
/// empty for an incident with no one killed.
#[test]
fn csv_rows_carry_the_low_estimate_as_fatalities() {
    let incidents = incidents();
    let csv = rasid_export::to_csv(&incidents);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (fatalities, location) = (column("fatalities"), column("location"));
    let rows: Vec<Vec<String>> = lines.map(split_csv).collect();
    assert_eq!(rows.len(), incidents.len());
    for (row, incident) in rows.iter().zip(&incidents) {
        let low = incident
            .estimates
            .get("killed")
            .and_then(|e| e.low)
            .map_or_else(String::new, |v| v.to_string());
        assert_eq!(row[fatalities], low, "{row:?}");
        if let Some(place) = &incident.place {
            assert_eq!(row[location], place.name, "{row:?}");
        }
    }
}

/// A CSV line split into fields, quotes honoured.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("a field").push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().expect("a field").push(c),
        }
    }
    fields
}

#[test]
fn geojson_points_lie_at_the_incidents_places() {
    let incidents = incidents();
    let geo = rasid_export::to_geojson(&incidents);
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    let placed: Vec<&Incident> = incidents.iter().filter(|i| i.place.is_some()).collect();
    assert_eq!(features.len(), placed.len());
    for (feature, incident) in features.iter().zip(placed) {
        let place = incident.place.as_ref().expect("placed");
        assert_eq!(feature["geometry"]["type"], "Point");
        // GeoJSON is longitude first.
        let coordinates = &feature["geometry"]["coordinates"];
        assert_eq!(coordinates[0].as_f64(), Some(place.lon));
        assert_eq!(coordinates[1].as_f64(), Some(place.lat));
    }
}

#[test]
fn the_report_is_right_to_left_with_each_claims_evidence() {
    let incidents = incidents();
    let docs: Vec<rasid_export::ReportDocument<'_>> = ARTICLES
        .iter()
        .map(|&(id, _, text)| rasid_export::ReportDocument {
            id,
            text,
            url: None,
        })
        .collect();
    let html = rasid_export::to_html(&incidents, &docs, "تقرير");
    assert!(html.contains("dir=\"rtl\""));
    for incident in &incidents {
        for claim in &incident.claims {
            assert!(
                html.contains(&claim.claim.evidence),
                "{}",
                claim.claim.evidence
            );
        }
    }
}
