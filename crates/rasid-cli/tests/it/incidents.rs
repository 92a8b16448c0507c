//! `rasid ingest`, `rasid incidents` and `rasid report` end to end.

use std::path::Path;
use std::process::Command;

use rasid_testkit::{chromium, repo_root, shared};

use crate::rasid;

fn samples() -> String {
    repo_root().join("samples/articles").display().to_string()
}

fn schema() -> serde_json::Value {
    let text =
        std::fs::read_to_string(repo_root().join("docs/incidents.schema.json")).expect("schema");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn assert_valid(output: &[u8]) {
    let incidents: serde_json::Value = serde_json::from_slice(output).expect("incidents JSON");
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&incidents)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn incidents_json_follows_the_schema() {
    let output = rasid(&["incidents", "--format", "json", &samples()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_valid(&output.stdout);
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/douma-2018");
    let output = rasid(&[
        "incidents",
        "--format",
        "json",
        corpus.to_str().expect("utf-8"),
    ]);
    assert_valid(&output.stdout);
}

#[test]
fn csv_and_geojson_have_acled_columns_and_points() {
    let output = rasid(&["incidents", "--format", "csv", &samples()]);
    let text = String::from_utf8_lossy(&output.stdout);
    let header = text.lines().next().expect("header");
    for column in [
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
        "fatalities_best",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} missing from {header}"
        );
    }
    assert!(text.contains("Ariha"), "{text}");
    let output = rasid(&["incidents", "--format", "geojson", &samples()]);
    let geo: serde_json::Value = serde_json::from_slice(&output.stdout).expect("GeoJSON");
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    assert!(features.iter().any(|f| f["properties"]["place"] == "Ariha"));
    for f in features {
        let c = f["geometry"]["coordinates"].as_array().expect("point");
        assert!(c[0]
            .as_f64()
            .is_some_and(|lon| (-180.0..=180.0).contains(&lon)));
    }
}

#[test]
fn reingesting_is_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    let db = db.to_str().expect("utf-8");
    let first = rasid(&["ingest", &samples(), "--db", db]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("5 document(s) added"), "{stderr}");
    let before = rasid(&["incidents", "--db", db, "--format", "json"]);
    let again = rasid(&["ingest", &samples(), "--db", db]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("0 document(s) added, 0 updated, 5 unchanged; 0 claim(s) stored"),
        "{stderr}"
    );
    let after = rasid(&["incidents", "--db", db, "--format", "json"]);
    assert_eq!(
        before.stdout, after.stdout,
        "the same incidents, ids included"
    );
}

fn screenshot(chromium: &str, page: &Path, png: &Path, profile: &Path) {
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success() && png.exists(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Light pixels (text) in the dark header band: their horizontal extent.
fn header_text_extent(png: &Path) -> (usize, usize, usize) {
    let decoder = png::Decoder::new(std::fs::File::open(png).expect("png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).expect("png frame");
    let channels = info.color_type.samples();
    let width = info.width as usize;
    let (mut min_x, mut max_x) = (usize::MAX, 0);
    for y in 15..45 {
        for x in 0..width {
            let p = (y * width + x) * channels;
            if buffer[p] > 200 && buffer[p + 1] > 200 && buffer[p + 2] > 200 {
                min_x = min_x.min(x);
                max_x = max_x.max(x);
            }
        }
    }
    (min_x, max_x, width)
}

#[test]
fn the_report_renders_right_to_left_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    let inputs = match shared() {
        Some(shared) => shared.join("corpus/douma-2018").display().to_string(),
        None => samples(),
    };
    let output = rasid(&["report", &inputs, "-o", page.to_str().expect("utf-8")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(&page).expect("report");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    if inputs.contains("douma") {
        assert!(
            html.contains("2018-04-06-duma-"),
            "the 6 April Douma incident is in the page"
        );
        for figure in [
            "<mark class=\"figure\">مقتل 32 شخصا</mark>",
            "<mark class=\"figure\">مقتل أربعين مدنياً</mark>",
            "30 شهيداً</mark>",
        ] {
            assert!(html.contains(figure), "{figure}");
        }
        assert!(html.contains("<mark class=\"source\">المرصد السوري لحقوق الإنسان</mark>"));
    }
    let png = dir.path().join("report.png");
    screenshot(chromium, &page, &png, &dir.path().join("profile"));
    let (min_x, max_x, width) = header_text_extent(&png);
    assert!(max_x > min_x, "the header shows text");
    // Right to left: the title hugs the right edge, the left part is empty.
    assert!(max_x > width * 9 / 10, "title ends at {max_x} of {width}");
    assert!(
        min_x > width / 4,
        "title starts at {min_x} of {width}: not right-aligned"
    );
    // Keep the screenshot for a person to look at.
    let keep = repo_root().join("target/report-screenshot.png");
    let _ = std::fs::copy(&png, keep);
}
