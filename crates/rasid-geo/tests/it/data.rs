//! The data files: they load, they agree with each other, and errors point at
//! the row.

use std::collections::HashMap;
use std::path::PathBuf;

use rasid_geo::{Gazetteer, GazetteerBuilder, GeoError};

use crate::{gazetteer, mentions};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer")
}

#[test]
fn every_conflict_country_is_covered() {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for place in gazetteer().places() {
        *counts.entry(place.country.as_str()).or_default() += 1;
    }
    for (country, at_least) in [
        ("SY", 290),
        ("IQ", 144),
        ("YE", 314),
        ("LY", 55),
        ("PS", 436),
        ("LB", 36),
        ("SD", 84),
    ] {
        assert!(
            counts[country] >= at_least,
            "{country}: {}",
            counts[country]
        );
    }
    for neighbour in [
        "JO", "IL", "EG", "TR", "SA", "IR", "SS", "TD", "TN", "DZ", "ER", "ET",
    ] {
        assert!(counts.contains_key(neighbour), "{neighbour}");
    }
}

#[test]
fn countries_and_governorates_have_arabic_names() {
    for name in [
        "سوريا",
        "العراق",
        "اليمن",
        "ليبيا",
        "فلسطين",
        "لبنان",
        "السودان",
    ] {
        let found = gazetteer().lookup(name);
        assert!(found.iter().any(|p| p.feature.code() == "PCLI"), "{name}");
    }
    for name in [
        "ريف دمشق",
        "إدلب",
        "الأنبار",
        "مأرب",
        "الجفرة",
        "شمال دارفور",
        "عكار",
    ] {
        let found = gazetteer().lookup(name);
        assert!(found.iter().any(|p| p.feature.code() == "ADM1"), "{name}");
    }
}

#[test]
fn loading_from_a_folder_gives_the_embedded_gazetteer() {
    let from_dir = Gazetteer::from_dir(data_dir()).expect("data/gazetteer loads");
    assert_eq!(from_dir.places().len(), gazetteer().places().len());
    assert_eq!(from_dir.key_count(), gazetteer().key_count());
}

#[test]
fn every_alias_adds_a_spelling() {
    // An alias that GeoNames already has is noise in aliases.tsv.
    let text = std::fs::read_to_string(data_dir().join("aliases.tsv")).expect("aliases.tsv");
    let places = std::fs::read_to_string(data_dir().join("places.tsv")).expect("places.tsv");
    let mut without_aliases = GazetteerBuilder::new();
    without_aliases
        .add("places.tsv", &places)
        .expect("places.tsv loads");
    for file in ["regions.tsv", "localities.tsv"] {
        let t = std::fs::read_to_string(data_dir().join(file)).expect("readable");
        without_aliases.add(file, &t).expect("loads");
    }
    let without_aliases = without_aliases.build();
    for line in text.lines().skip(1) {
        let mut fields = line.split('\t');
        let (Some(arabic), Some(id)) = (fields.next(), fields.next()) else {
            continue;
        };
        let before = without_aliases.lookup(arabic);
        assert!(
            !before.iter().any(|p| p.id.as_str() == id),
            "alias `{arabic}` → {id} is already in GeoNames"
        );
        let after = gazetteer().lookup(arabic);
        assert!(
            after.iter().any(|p| p.id.as_str() == id),
            "alias `{arabic}` → {id} not reachable"
        );
    }
}

#[test]
fn every_stop_word_alone_is_no_place() {
    let text = std::fs::read_to_string(data_dir().join("stoplist.tsv")).expect("stoplist.tsv");
    for line in text.lines().skip(1).filter(|l| !l.starts_with('#')) {
        let word = line.split('\t').next().unwrap_or_default();
        for sentence in [format!("قالوا {word} اليوم"), format!("وصلوا إلى {word}")]
        {
            let (_, found) = mentions(&sentence);
            assert!(found.is_empty(), "{sentence}: {found:#?}");
        }
    }
}

#[test]
fn a_malformed_file_names_its_path_and_line() {
    let dir = std::env::temp_dir().join(format!("rasid-geo-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("places.tsv"),
        "id\tname\tarabic\tcountry\tadmin1\tadmin1_code\tfeature\tpopulation\tlat\tlon\n\
         170592\tDuma\tدوما\tSY\tRif Dimashq\tSY.08\tP.PPLA2\t111864\t33.57\t36.40\n\
         170593\tBroken\tمكسور\tSY\tRif Dimashq\tSY.08\tPPL\t0\t33.5\t36.4\n",
    )
    .expect("write");
    let err = Gazetteer::from_dir(&dir).expect_err("feature without a class");
    std::fs::remove_dir_all(&dir).ok();
    assert!(matches!(err, GeoError::Row { line: 3, .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("places.tsv` line 3: feature `PPL`"),
        "{message}"
    );
}

#[test]
fn a_missing_folder_is_reported_with_its_path() {
    let err = Gazetteer::from_dir("/nonexistent/gazetteer").expect_err("no folder");
    assert!(err
        .to_string()
        .starts_with("cannot read `/nonexistent/gazetteer/places.tsv`"));
}
