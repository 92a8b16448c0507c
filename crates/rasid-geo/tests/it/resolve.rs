//! Resolution: homonyms decided by the article's other places.

use rasid_geo::{DocContext, Resolution};
use rasid_text::{tokenize, Normalized};

use crate::{gazetteer, names, pair, places};

#[test]
fn douma_has_three_candidates() {
    let countries: Vec<String> = gazetteer()
        .lookup("دوما")
        .iter()
        .map(|p| p.country.clone())
        .collect();
    for country in ["SY", "PS", "LB"] {
        assert!(countries.iter().any(|c| c == country), "{countries:?}");
    }
}

#[test]
fn douma_in_syria_from_its_governorate() {
    let resolved = places("قتل خمسة مدنيين في دوما بعد غارات على ريف دمشق");
    assert_eq!(resolved[0].place.id.as_str(), "170592");
    assert_eq!(resolved[0].place.admin1, "Rif Dimashq");
    assert_eq!(resolved[0].resolution, Resolution::Admin1Context);
}

#[test]
fn douma_in_syria_from_the_ghouta() {
    let resolved = places("سقطت قذائف على دوما كبرى مدن الغوطة");
    assert_eq!(resolved[0].place.country, "SY");
    assert_eq!(resolved[0].resolution, Resolution::Admin1Context);
}

#[test]
fn douma_in_lebanon_from_context() {
    let resolved = places("احتفل أهالي بلدة دوما في قضاء البترون شمال لبنان بالعيد");
    assert_eq!(resolved[0].place.id.as_str(), "x-lb-douma");
    assert_eq!(resolved[0].place.country, "LB");
    assert_eq!(resolved[0].resolution, Resolution::Admin1Context);
}

#[test]
fn douma_in_the_west_bank_from_context() {
    let resolved = places("هاجم مستوطنون قرية دوما جنوب نابلس");
    assert_eq!(
        (
            resolved[0].place.name.as_str(),
            resolved[0].place.country.as_str()
        ),
        ("Duma", "PS")
    );
}

#[test]
fn douma_alone_is_the_largest() {
    let resolved = places("وصلت قافلة مساعدات إلى دوما");
    assert_eq!(resolved[0].place.id.as_str(), "170592");
    assert_eq!(resolved[0].resolution, Resolution::Prominence);
}

#[test]
fn outside_evidence_decides_too() {
    let norm = Normalized::new("وصلت قافلة مساعدات إلى دوما");
    let tokens = tokenize(norm.text());
    let mentions = gazetteer().find_places(norm.text(), &tokens);
    let context = DocContext::from_mentions(&mentions).with_country("LB", 1.0);
    let resolved = gazetteer().resolve(&mentions, &context);
    assert_eq!(resolved[0].place.country, "LB");
    assert_eq!(resolved[0].resolution, Resolution::CountryContext);
}

#[test]
fn tripoli_in_libya_or_lebanon() {
    assert_eq!(
        names("اشتباكات في طرابلس الليبية بين فصائل من مصراتة")[0],
        pair("Tripoli", "LY")
    );
    assert_eq!(
        names("اشتباكات في طرابلس شمال لبنان")[0],
        pair("Tripoli", "LB")
    );
}

#[test]
fn a_town_beats_its_governorate_without_designator() {
    let resolved = places("مسيرة في طولكرم");
    assert_eq!(resolved[0].place.feature.code(), "PPL");
}

#[test]
fn every_place_has_its_fields() {
    let resolved = places("غارة على الحديدة غربي اليمن");
    let hodeidah = resolved[0].place;
    assert_eq!(hodeidah.id.geonames(), Some(79415));
    assert_eq!(hodeidah.name, "Al Hudaydah");
    assert_eq!(hodeidah.arabic_name(), "الحديدة");
    assert_eq!(hodeidah.country, "YE");
    assert_eq!(hodeidah.admin1, "Al Hudaydah");
    assert_eq!(hodeidah.feature.as_str(), "P.PPLA");
    assert!(hodeidah.population > 500_000);
    assert!((hodeidah.lat - 14.8).abs() < 0.2 && (hodeidah.lon - 42.95).abs() < 0.2);
}
