//! Unit cases of the casualty recogniser, one construction each.

use crate::{Article, Extractor};

/// (kind, min, max, qualifier, group) of a claim.
type Row = (String, Option<u64>, Option<u64>, String, Option<String>);

fn claims(text: &str) -> Vec<Row> {
    let extractor = Extractor::builtin().expect("lexicons");
    extractor
        .extract(&Article {
            id: "t",
            text,
            outlet: None,
            published: None,
        })
        .into_iter()
        .map(|c| {
            (
                c.kind.as_str().to_owned(),
                c.value_min,
                c.value_max,
                c.qualifier.as_str().to_owned(),
                c.group,
            )
        })
        .collect()
}

fn one(text: &str) -> Row {
    let mut all = claims(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

#[test]
fn trigger_before_the_figure() {
    let c = one("أسفر القصف عن مقتل سبعة مدنيين في البلدة.");
    assert_eq!(
        (c.0.as_str(), c.1, c.4.as_deref()),
        ("killed", Some(7), Some("civilians"))
    );
}

#[test]
fn victim_noun_after_the_figure() {
    let c = one("سقط في الهجوم 12 قتيلاً.");
    assert_eq!((c.0.as_str(), c.1), ("killed", Some(12)));
    let c = one("وصل إلى المستشفى عشرات الجرحى.");
    assert_eq!(
        (c.0.as_str(), c.1, c.3.as_str()),
        ("injured", Some(20), "vague")
    );
}

#[test]
fn post_verb_after_the_people() {
    let c = one("ما يزيد على 300 مدني، بينهم نساء، أصيبوا بحالات اختناق.");
    assert_eq!(
        (c.0.as_str(), c.1, c.2, c.3.as_str()),
        ("injured", Some(300), None, "more_than")
    );
}

#[test]
fn toll_reaches_over_a_long_phrase() {
    let c = one("ارتفع عدد القتلى جراء انفجار الشاحنة المفخخة في السوق الشعبي إلى 64.");
    assert_eq!((c.0.as_str(), c.1), ("killed", Some(64)));
}

#[test]
fn subgroups_are_claims_of_their_own() {
    let all = claims("قتل 15 شخصا بينهم أربعة أطفال وامرأة.");
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all[1].4.as_deref(), Some("children"));
    assert_eq!((all[2].1, all[2].4.as_deref()), (Some(1), Some("women")));
}

#[test]
fn singular_and_dual_nouns_count_one_and_two() {
    assert_eq!(one("أدت الغارة إلى مقتل طفل.").1, Some(1));
    assert_eq!(one("أصيب جنديان بجروح طفيفة.").1, Some(2));
    // A definite noun names a person, not a count.
    assert!(claims("أعلنت الحركة اغتيال القائد الميداني.").is_empty());
}

#[test]
fn ranges_and_updates() {
    let c = one("قتل ما بين 10 و15 شخصا.");
    assert_eq!((c.1, c.2, c.3.as_str()), (Some(10), Some(15), "range"));
    let c = one("ارتفع عدد الجرحى من 8 إلى 11.");
    assert_eq!((c.1, c.2, c.3.as_str()), (Some(11), Some(11), "exact"));
}

#[test]
fn numbers_that_count_something_else() {
    for text in [
        "شنت الطائرات 45 غارة على المدينة.",
        "يقطن البلدة نحو 20 ألف نسمة.",
        "قتل في الحرب التي اندلعت عام 2011 كثيرون.",
        "سيطرت القوات على 95 في المئة من المنطقة.",
        "تبلغ قيمة المساعدات 100 مليون دولار.",
        "حذرت المنظمة من نزوح مليون شخص.",
        "لم يسفر القصف عن وقوع إصابات.",
        "أفرجت السلطات عن 50 معتقلا.",
        "قد يلقى مئات المهاجرين حتفهم في البحر.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:?}", claims(text));
    }
}
