//! Runs the extractor over `tests/sentences.toml` — Arabic sentences written
//! for this project, each with the claims a careful annotator marks — one
//! named test per case (a libtest-mimic harness: `cargo test -p
//! rasid-extract --test sentences -- NAME` runs one, `--list` lists them).
//!
//! A case passes when the claims found are exactly the expected ones (kind,
//! lower and upper value) and each expected claim has the expected qualifier,
//! group and source; the failure says which.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use libtest_mimic::{Arguments, Failed, Trial};
use rasid_extract::{Article, Claim, Extractor};
use rasid_text::normalize_str;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    claims: Vec<Expected>,
}

#[derive(Deserialize, Clone)]
struct Expected {
    kind: String,
    min: Option<u64>,
    max: Option<u64>,
    qualifier: String,
    group: Option<String>,
    source: Option<String>,
}

type Key = (String, Option<u64>, Option<u64>);

fn key(kind: &str, min: Option<u64>, max: Option<u64>) -> Key {
    (kind.to_owned(), min, max)
}

fn source_ok(expected: Option<&str>, claim: &Claim) -> bool {
    let got = claim.source.as_ref().filter(|s| !s.is_outlet);
    match (expected, got) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(e), Some(got)) => match e.strip_prefix("surface:") {
            Some(surface) => {
                let want = normalize_str(surface);
                let have = normalize_str(got.surface.as_deref().unwrap_or(""));
                !have.is_empty() && (have.contains(&want) || want.contains(&have))
            }
            None => got.id.as_deref() == Some(e),
        },
    }
}

/// Soldiers and fighters are told apart but scored alike, as score-claims does.
fn combatants(g: Option<&str>) -> Option<&str> {
    if g == Some("soldiers") {
        Some("fighters")
    } else {
        g
    }
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builtin().expect("lexicons load"))
}

fn check(case: &Case) -> Result<(), Failed> {
    let claims = extractor().extract(&Article {
        id: &case.name,
        text: &case.text,
        outlet: Some("Test Outlet"),
        published: Some("2020-01-15"),
    });
    let want: BTreeSet<Key> = case
        .claims
        .iter()
        .map(|e| key(&e.kind, e.min, e.max))
        .collect();
    let got: BTreeSet<Key> = claims
        .iter()
        .map(|c| key(c.kind.as_str(), c.value_min, c.value_max))
        .collect();
    let mut problems = Vec::new();
    for k in want.difference(&got) {
        problems.push(format!("missed {k:?}"));
    }
    for k in got.difference(&want) {
        let c = claims
            .iter()
            .find(|c| key(c.kind.as_str(), c.value_min, c.value_max) == *k)
            .expect("a claim of this key");
        problems.push(format!("spurious {k:?} «{}»", c.evidence));
    }
    for expected in &case.claims {
        let k = key(&expected.kind, expected.min, expected.max);
        let matched: Vec<&Claim> = claims
            .iter()
            .filter(|c| key(c.kind.as_str(), c.value_min, c.value_max) == k)
            .collect();
        let Some(first) = matched.first() else {
            continue;
        };
        if !matched
            .iter()
            .any(|c| source_ok(expected.source.as_deref(), c))
        {
            problems.push(format!(
                "source of {k:?}: want {:?}, got {:?}",
                expected.source,
                first
                    .source
                    .as_ref()
                    .map(|s| (s.id.clone(), s.surface.clone()))
            ));
        }
        if !matched
            .iter()
            .any(|c| c.qualifier.as_str() == expected.qualifier)
        {
            problems.push(format!(
                "qualifier of {k:?}: want {}, got {}",
                expected.qualifier,
                first.qualifier.as_str()
            ));
        }
        if !matched
            .iter()
            .any(|c| combatants(c.group.as_deref()) == combatants(expected.group.as_deref()))
        {
            problems.push(format!(
                "group of {k:?}: want {:?}, got {:?}",
                expected.group, first.group
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("«{}»\n{}", case.text, problems.join("\n")).into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let file: File = toml::from_str(include_str!("sentences.toml")).expect("sentences.toml parses");
    let mut names = BTreeSet::new();
    for case in &file.case {
        assert!(
            names.insert(case.name.clone()),
            "two cases named {}",
            case.name
        );
    }
    let trials = file
        .case
        .into_iter()
        .map(|case| {
            let case = Arc::new(case);
            let name = case.name.clone();
            Trial::test(name, move || check(&case))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
