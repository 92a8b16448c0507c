//! Linking the shared Douma corpus, scored against `gold/douma-2018/incidents.json`:
//! pairwise F1 of "same incident" over the claim pairs that both gold and
//! rasid have, and the 6 April incident's figures.

use std::collections::HashMap;

use rasid_docs::{read_inputs, Input, ReaderOptions};
use rasid_extract::{Article, Extractor};
use rasid_link::{link, DocInfo, Incident, LinkOptions};
use rasid_testkit::shared;

fn douma(shared: &std::path::Path) -> Vec<Incident> {
    let docs: Vec<_> = read_inputs(
        &[Input::Path(shared.join("corpus/douma-2018"))],
        &ReaderOptions::default(),
    )
    .map(|d| d.expect("corpus reads"))
    .collect();
    let extractor = Extractor::builtin().expect("lexicons");
    let mut claims = Vec::new();
    for d in &docs {
        claims.extend(extractor.extract(&Article {
            id: &d.id,
            text: &d.text,
            outlet: d.outlet.as_deref(),
            published: d.published.as_deref(),
        }));
    }
    let infos: Vec<DocInfo<'_>> = docs
        .iter()
        .map(|d| DocInfo {
            id: &d.id,
            text: &d.text,
        })
        .collect();
    link(claims, &infos, &LinkOptions::default())
}

/// (doc, kind, value key) as score-claims keys claims.
fn key(doc: &str, kind: &str, qualifier: &str, value_min: Option<u64>) -> String {
    if qualifier == "vague" {
        format!("{doc}|{kind}|vague")
    } else {
        format!(
            "{doc}|{kind}|{}",
            value_min.map_or("null".to_owned(), |v| v.to_string())
        )
    }
}

#[allow(clippy::cast_precision_loss)]
fn pairwise_f1(
    gold: &HashMap<String, String>,
    predicted: &HashMap<String, String>,
) -> (f64, usize) {
    let keys: Vec<&String> = gold.keys().filter(|k| predicted.contains_key(*k)).collect();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            let same_gold = gold[*a] == gold[*b];
            let same_pred = predicted[*a] == predicted[*b];
            match (same_gold, same_pred) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                (false, false) => {}
            }
        }
    }
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fneg == 0 {
        1.0
    } else {
        tp as f64 / (tp + fneg) as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (f1, keys.len())
}

#[test]
fn douma_claims_are_grouped_as_in_the_gold() {
    let Some(shared) = shared() else { return };
    let incidents = douma(&shared);
    let gold_text =
        std::fs::read_to_string(shared.join("gold/douma-2018/claims.jsonl")).expect("gold");
    let mut gold = HashMap::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("JSON");
        if g["optional"] == true {
            continue;
        }
        let k = key(
            g["doc"].as_str().unwrap_or_default(),
            g["kind"].as_str().unwrap_or_default(),
            g["qualifier"].as_str().unwrap_or_default(),
            g["value_min"].as_u64(),
        );
        gold.insert(k, g["incident"].as_str().unwrap_or_default().to_owned());
    }
    let mut predicted = HashMap::new();
    for incident in &incidents {
        for c in &incident.claims {
            let k = key(
                &c.claim.doc,
                c.claim.kind.as_str(),
                c.claim.qualifier.as_str(),
                c.claim.value_min,
            );
            predicted.insert(k, incident.id.clone());
        }
    }
    let (f1, n) = pairwise_f1(&gold, &predicted);
    for incident in &incidents {
        println!(
            "{} {:?} {:?}",
            incident.id, incident.sub_event_types, incident.estimates
        );
        for c in &incident.claims {
            println!(
                "    {} {} {:?} {}",
                c.claim.doc,
                c.claim.kind.as_str(),
                c.claim.value_min,
                c.source_key
            );
        }
    }
    println!("douma-2018 linking: pairwise F1 {f1:.3} over {n} gold claims");
    assert!(f1 >= 0.9, "pairwise F1 {f1:.3} < 0.9");
}

#[test]
fn the_6_april_incident_reconciles_three_tolls() {
    let Some(shared) = shared() else { return };
    let incidents = douma(&shared);
    let april6 = incidents
        .iter()
        .find(|i| i.claims.iter().any(|c| c.claim.value_min == Some(32)))
        .expect("the incident with SOHR's 32");
    let figures: Vec<(u64, &str, bool)> = april6
        .claims
        .iter()
        .filter(|c| {
            c.claim.kind.as_str() == "killed"
                && !c.claim.subgroup
                && c.claim.qualifier.as_str() == "exact"
        })
        .filter_map(|c| Some((c.claim.value_min?, c.source_key.as_str(), c.superseded)))
        .collect();
    for expected in [30, 32, 40] {
        assert!(
            figures.iter().any(|f| f.0 == expected),
            "{expected} missing from {figures:?}"
        );
    }
    // SOHR said 32 (Reuters, 6 April), then 40 (AFP, 7 April): the later supersedes.
    assert!(figures.contains(&(32, "sohr", true)), "{figures:?}");
    assert!(figures.contains(&(40, "sohr", false)), "{figures:?}");
    let killed = &april6.estimates["killed"];
    assert_eq!(
        (killed.low, killed.best, killed.high),
        (Some(30), Some(35), Some(40))
    );
    assert_eq!(killed.sources, 2, "Baladi News and SOHR");
    assert!(killed.disagreement && april6.disagreement);
    assert_eq!(
        april6.date.as_ref().map(|d| d.value.as_str()),
        Some("2018-04-06")
    );
    let place = april6.place.as_ref().expect("placed");
    assert!(
        (place.lat - 33.571).abs() < 0.1 && (place.lon - 36.402).abs() < 0.1,
        "{place:?}"
    );
    // Campaign totals stay apart.
    assert!(!april6
        .claims
        .iter()
        .any(|c| c.claim.value_min == Some(1600) || c.claim.value_min == Some(13)));
}

/// Issue "event context": dates, places and sub-event types of the Douma claims.
#[test]
fn douma_claims_carry_their_event_context() {
    let Some(shared) = shared() else { return };
    let incidents = douma(&shared);
    let find = |doc: &str, kind: &str, value: u64| {
        incidents
            .iter()
            .flat_map(|i| i.claims.iter().map(move |c| (i, c)))
            .find(|(_, c)| {
                c.claim.doc.starts_with(doc)
                    && c.claim.kind.as_str() == kind
                    && c.claim.value_min == Some(value)
            })
            .unwrap_or_else(|| panic!("no {kind} {value} in {doc}"))
    };
    let near = |p: &rasid_extract::PlaceRef, lat: f64, lon: f64| {
        let km = ((p.lat - lat).powi(2) + ((p.lon - lon) * lat.to_radians().cos()).powi(2)).sqrt()
            * 111.0;
        km <= 10.0
    };
    // The 6 April strikes.
    for (doc, value) in [
        ("000", 30),
        ("003", 40),
        ("003", 8),
        ("004", 32),
        ("004", 5),
    ] {
        let (incident, c) = find(doc, "killed", value);
        assert_eq!(
            c.claim.date.as_ref().map(|d| d.value.as_str()),
            Some("2018-04-06"),
            "{doc} {value}"
        );
        let place = c.claim.place.as_ref().expect("placed");
        assert!(near(place, 33.571, 36.402), "{doc} {value}: {place:?}");
        assert_eq!(
            incident.sub_event_types.first().map(String::as_str),
            Some("Air/drone strike")
        );
    }
    // The chemical attack: dated by the article that dates it, and as an incident.
    let (incident, c) = find("001", "killed", 150);
    assert_eq!(
        c.claim.date.as_ref().map(|d| d.value.as_str()),
        Some("2018-04-07")
    );
    assert_eq!(
        incident.date.as_ref().map(|d| d.value.as_str()),
        Some("2018-04-07")
    );
    assert_eq!(
        incident.sub_event_types.first().map(String::as_str),
        Some("Chemical weapon")
    );
    let (chemical, _) = find("002", "injured", 1200);
    assert_eq!(
        chemical.id, incident.id,
        "Civil Defence's 1200 is the same attack"
    );
    // The four killed in Damascus.
    let (incident, c) = find("004", "killed", 4);
    let place = c.claim.place.as_ref().expect("placed");
    assert_eq!(place.name, "Damascus");
    assert!(near(place, 33.513, 36.292));
    assert_eq!(
        incident.sub_event_types.first().map(String::as_str),
        Some("Shelling/artillery/missile attack")
    );
}
