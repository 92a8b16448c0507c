//! Finding mentions: prefixes, clitics, multi-word names, stop words.

use rasid_geo::{Designator, Direction, Preposition};
use rasid_text::Normalized;

use crate::{gazetteer, mentions, names, pair, places};

/// The one mention of a sentence: (matched normalised text, key, prefix text).
fn only(original: &str) -> (String, String, String) {
    let (text, found) = mentions(original);
    assert_eq!(found.len(), 1, "{original}: {found:#?}");
    let m = &found[0];
    let prefix = m
        .prefix
        .as_ref()
        .map_or(String::new(), |p| text[p.span.clone()].to_owned());
    (text[m.span.clone()].to_owned(), m.key.clone(), prefix)
}

#[test]
fn city_designator_with_clitic_preposition() {
    let (_, found) = mentions("سقطت قذائف بمدينة دوما صباح اليوم");
    let prefix = found[0].prefix.as_ref().expect("a prefix");
    assert_eq!(prefix.designator, Some(Designator::City));
    assert_eq!(prefix.preposition, Some(Preposition::In));
    assert_eq!(only("سقطت قذائف بمدينة دوما صباح اليوم").2, "بمدينه ");
}

#[test]
fn preposition_before_a_two_word_region() {
    let (name, key, prefix) = only("تواصل القصف في الغوطة الشرقية لليوم الثالث");
    assert_eq!(
        (name.as_str(), key.as_str(), prefix.as_str()),
        ("الغوطه الشرقيه", "غوطه الشرقيه", "في ")
    );
    let (_, found) = mentions("تواصل القصف في الغوطة الشرقية لليوم الثالث");
    assert_eq!(found[0].tokens.len(), 2);
    assert_eq!(found[0].candidates[0].name, "Eastern Ghouta");
}

#[test]
fn countryside_governorate_with_clitic() {
    // "ريف دمشق" is the governorate's own name, so it matches whole.
    let (name, _, prefix) = only("أصيب ثلاثة مدنيين بريف دمشق");
    assert_eq!((name.as_str(), prefix.as_str()), ("ريف دمشق", "ب"));
    assert_eq!(
        names("أصيب ثلاثة مدنيين بريف دمشق"),
        [pair("Rif Dimashq", "SY")]
    );
}

#[test]
fn countryside_designator_before_a_city_name() {
    // "ريف حلب" is not a name: ريف is read as the designator.
    let (_, found) = mentions("اشتباكات عنيفة في ريف حلب الشمالي");
    let m = &found[0];
    let prefix = m.prefix.as_ref().expect("a prefix");
    assert_eq!(prefix.designator, Some(Designator::Countryside));
    assert_eq!(prefix.preposition, Some(Preposition::In));
    assert_eq!(m.direction_after, Some(Direction::North));
    // The countryside is the governorate, not the city.
    let resolved = places("اشتباكات عنيفة في ريف حلب الشمالي");
    assert_eq!(resolved[0].place.feature.code(), "ADM1");
}

#[test]
fn north_west_syria_is_a_region_name() {
    let (name, _, prefix) = only("نزح آلاف المدنيين إلى شمال غرب سوريا");
    assert_eq!((name.as_str(), prefix.as_str()), ("شمال غرب سوريا", "الي "));
    assert_eq!(
        names("نزح آلاف المدنيين إلى شمال غرب سوريا"),
        [pair("Northwest Syria", "SY")]
    );
}

#[test]
fn compound_direction_before_a_city() {
    let (_, found) = mentions("سقط صاروخ شمال غرب حلب");
    let prefix = found[0].prefix.as_ref().expect("a prefix");
    assert_eq!(prefix.direction, Some(Direction::NorthWest));
    assert_eq!(
        found[0]
            .candidates
            .iter()
            .filter(|p| p.name == "Aleppo")
            .count(),
        2
    );
}

#[test]
fn camp_designator() {
    let (name, _, prefix) = only("غارة على مخيم جباليا أوقعت ضحايا");
    assert_eq!((name.as_str(), prefix.as_str()), ("جباليا", "علي مخيم "));
    let (_, found) = mentions("غارة على مخيم جباليا أوقعت ضحايا");
    let p = found[0].prefix.as_ref().expect("a prefix");
    assert_eq!(
        (p.designator, p.preposition),
        (Some(Designator::Camp), Some(Preposition::On))
    );
}

#[test]
fn town_village_governorate_and_neighbourhood_designators() {
    for (sentence, designator) in [
        ("دخلت القوات بلدة سراقب فجرا", Designator::Town),
        ("هجوم على قرية كفرنبل", Designator::Village),
        ("وقعت الغارة في محافظة إدلب", Designator::Governorate),
        ("قصف مدفعي على حي جوبر", Designator::Neighbourhood),
        ("أغلق معبر رفح أمس", Designator::Crossing),
    ] {
        let (_, found) = mentions(sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        let prefix = found[0].prefix.as_ref().expect("a prefix");
        assert_eq!(prefix.designator, Some(designator), "{sentence}");
    }
    // محافظة chooses the governorate over the city of the same name.
    let resolved = places("وقعت الغارة في محافظة إدلب");
    assert_eq!(resolved[0].place.feature.code(), "ADM1");
    assert_eq!(
        places("وقعت الغارة في مدينة إدلب")[0].place.feature.code(),
        "PPLA"
    );
}

#[test]
fn clitics_on_the_name() {
    for (sentence, key) in [
        ("وبالغوطة سقط قتيلان", "غوطه"),
        ("وصلت التعزيزات لحلب", "حلب"),
        ("وصل الوفد للموصل", "موصل"),
        ("عاد النازحون وبنغازي هادئة", "بنغازي"),
    ] {
        let (_, found) = mentions(sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        assert_eq!(found[0].key, key, "{sentence}");
    }
    // ب on the name is a preposition; و is not a prefix.
    let (_, found) = mentions("وبالغوطة سقط قتيلان");
    assert_eq!(
        found[0].prefix.as_ref().and_then(|p| p.preposition),
        Some(Preposition::In)
    );
    let (_, found) = mentions("عاد النازحون وبنغازي هادئة");
    assert!(found[0].prefix.is_none());
}

#[test]
fn longest_name_wins() {
    for (sentence, key) in [
        ("انفجار في دير الزور", "دير الزور"),
        ("قصف على خان يونس", "خان يونس"),
        ("غارات على قطاع غزة", "قطاع غزه"),
        ("اقتحام في الضفة الغربية", "ضفه الغربيه"),
        ("غارة على الضاحية الجنوبية لبيروت", "ضاحيه الجنوبيه لبيروت"),
    ] {
        let (_, found) = mentions(sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        assert_eq!(found[0].key, key, "{sentence}");
    }
}

#[test]
fn spans_map_back_to_the_original_with_diacritics() {
    let original = "قُصِفَتْ مَدِينَةُ دُومَا لَيْلاً";
    let norm = Normalized::new(original);
    let found = gazetteer().locate(norm.text());
    let span = norm.to_original(found[0].mention.full_span());
    assert_eq!(&original[span.range()], "مَدِينَةُ دُومَا");
}

#[test]
fn stop_words_are_not_places() {
    // السلام (peace), الجزيرة (the channel), الجمعة (Friday), بين (between),
    // حي (neighbourhood) are all GeoNames places somewhere.
    for sentence in [
        "دعا إلى عملية السلام بين الطرفين",
        "قالت قناة الجزيرة يوم الجمعة إن الحي تعرض للقصف",
        "نشرت صور جديدة للدمار",
        "ذكرت الحكومة أن التحالف شن غارات",
    ] {
        assert!(
            names(sentence).is_empty(),
            "{sentence}: {:?}",
            names(sentence)
        );
    }
}

#[test]
fn designator_mode_stop_words_count_after_a_designator() {
    // صور is "pictures" alone and Tyre after مدينة.
    assert!(names("أظهرت صور الأقمار الصناعية الدمار").is_empty());
    assert_eq!(names("غارة على مدينة صور"), [pair("Tyre", "LB")]);
}

#[test]
fn the_article_must_agree_with_the_name() {
    // "السورية" is the adjective, "سورية" the country.
    assert!(names("قالت المعارضة السورية").is_empty());
    assert_eq!(names("عاد إلى سورية"), [pair("Syria", "SY")]);
}

#[test]
fn words_that_are_names_far_away_are_dropped() {
    // Bechar (Algeria) and Al Bayda (Yemen) in a sentence about Syria.
    assert_eq!(
        names("قال بشار الأسد إن الخوذ البيضاء في سوريا"),
        [pair("Syria", "SY")]
    );
}

#[test]
fn short_names_need_a_prefix_or_a_large_place() {
    // تل (hill) is a short key of small places: never alone.
    assert!(names("صعد الجنود إلى تل مرتفع")
        .iter()
        .all(|(n, _)| n != "Tall"));
    // حمص is short but a city of 775,000.
    assert_eq!(names("حمص تشهد هدوءا"), [pair("Homs", "SY")]);
}
