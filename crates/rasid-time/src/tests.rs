use super::*;
use jiff::civil::date;
use rasid_text::tokenize;

/// What a mention says, in a form a test can compare at a glance.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    text: String,
    value: Option<String>,
    precision: Precision,
    kind: DateKind,
}

fn find(text: &str, published: Option<Date>) -> Vec<Seen> {
    let normalized = normalize_str(text);
    let tokens = tokenize(&normalized);
    find_dates(&normalized, &tokens, published)
        .into_iter()
        .map(|m| Seen {
            text: normalized[m.span.range()].to_owned(),
            value: m.value.map(|d| d.to_string()),
            precision: m.precision,
            kind: m.kind,
        })
        .collect()
}

/// The one mention in `text`.
fn one(text: &str, published: Option<Date>) -> Seen {
    let mut found = find(text, published);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.remove(0)
}

/// The value of the one mention in `text`.
fn value(text: &str, published: Date) -> String {
    one(text, Some(published))
        .value
        .unwrap_or_else(|| panic!("{text}: no value"))
}

fn seen(text: &str, value: Option<&str>, precision: Precision, kind: DateKind) -> Seen {
    Seen {
        text: normalize_str(text),
        value: value.map(str::to_owned),
        precision,
        kind,
    }
}

/// Monday 2 April 2018.
const MONDAY: Date = Date::constant(2018, 4, 2);
/// Friday 6 April 2018.
const FRIDAY: Date = Date::constant(2018, 4, 6);
/// Saturday 7 April 2018.
const SATURDAY: Date = Date::constant(2018, 4, 7);

// ---- Explicit dates ---------------------------------------------------

#[test]
fn levantine_months() {
    let names = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ];
    for (index, name) in names.iter().enumerate() {
        let sentence = format!("قتل ثلاثة مدنيين بقصف على البلدة في 7 {name} 2018، وفق المرصد");
        let expected = format!("2018-{:02}-07", index + 1);
        assert_eq!(
            one(&sentence, None),
            seen(
                &format!("7 {name} 2018"),
                Some(&expected),
                Precision::Day,
                DateKind::Explicit
            ),
        );
    }
}

#[test]
fn egyptian_and_western_months_with_their_spellings() {
    let names = [
        (1, "يناير"),
        (2, "فبراير"),
        (3, "مارس"),
        (4, "أبريل"),
        (4, "ابريل"),
        (4, "إبريل"),
        (5, "مايو"),
        (6, "يونيو"),
        (6, "يونيه"),
        (7, "يوليو"),
        (7, "يوليه"),
        (8, "أغسطس"),
        (8, "اغسطس"),
        (9, "سبتمبر"),
        (10, "أكتوبر"),
        (11, "نوفمبر"),
        (12, "ديسمبر"),
    ];
    for (month, name) in names {
        let sentence = format!("أعلنت وزارة الصحة في 15 {name} 2016 مقتل 20 شخصا");
        assert_eq!(
            value(&sentence, SATURDAY),
            format!("2016-{month:02}-15"),
            "{name}"
        );
    }
}

#[test]
fn maghrebi_months() {
    for (month, name) in [
        (1, "جانفي"),
        (4, "أفريل"),
        (8, "غشت"),
        (9, "شتنبر"),
        (12, "دجنبر"),
    ] {
        let sentence = format!("وقع الانفجار يوم 3 {name} 2019 في العاصمة");
        assert_eq!(value(&sentence, SATURDAY), format!("2019-{month:02}-03"));
    }
}

#[test]
fn month_with_its_twin_is_one_mention() {
    assert_eq!(
        one("وقع الهجوم الكيميائي على دوما في 7 نيسان/أبريل 2018", None),
        seen(
            "7 نيسان/أبريل 2018",
            Some("2018-04-07"),
            Precision::Day,
            DateKind::Explicit
        ),
    );
    assert_eq!(
        one("بدأت الحملة في 18 شباط (فبراير) 2018 على الغوطة", None).text,
        normalize_str("18 شباط (فبراير) 2018")
    );
    // A twin naming another month is not part of the date.
    assert_eq!(one("في 7 نيسان/مايو", None).text, "7 نيسان");
}

#[test]
fn year_words_between_month_and_year() {
    assert_eq!(value("قتل في 7 نيسان من عام 2018", FRIDAY), "2018-04-07");
    assert_eq!(value("قتل في 7 نيسان 2018م", FRIDAY), "2018-04-07");
    // "من العام الماضي" counts from publication.
    assert_eq!(
        value("قتل في 7 نيسان من العام الماضي", FRIDAY),
        "2017-04-07"
    );
}

#[test]
fn ordinal_day_of_month() {
    let published = date(2024, 3, 1);
    assert_eq!(
        one("منذ هجوم الخامس من نوفمبر تغيرت المنطقة", Some(published)),
        seen(
            "الخامس من نوفمبر",
            Some("2023-11-05"),
            Precision::Day,
            DateKind::Explicit
        ),
    );
    assert_eq!(
        value("في الحادي عشر من أيلول 2001", published),
        "2001-09-11"
    );
    assert_eq!(value("في الثاني والعشرين من آذار", published), "2023-03-22");
    assert_eq!(
        value("في الحادي والثلاثين من كانون الأول", published),
        "2023-12-31"
    );
    assert_eq!(value("في العشرين من شباط", published), "2024-02-20");
    // "الماضي" after a day: the last one on or before publication.
    assert_eq!(
        one("منذ الخامس من نوفمبر الماضي", Some(published)).text,
        "الخامس من نوفمبر الماضي"
    );
    assert_eq!(value("في 2 آذار الماضي", published), "2023-03-02");
}

#[test]
fn a_day_without_year_takes_the_most_recent_one() {
    // Published 5 April: 7 April is two days ahead, within the grace.
    assert_eq!(
        value("تعقد الجلسة في 7 نيسان", date(2018, 4, 5)),
        "2018-04-07"
    );
    // Published 20 March: this year's 7 April is too far ahead.
    assert_eq!(
        value("قتل ثلاثة في 7 نيسان", date(2018, 3, 20)),
        "2017-04-07"
    );
    // Published in January, a December date is last year's.
    assert_eq!(
        value("قتل ثلاثة في 28 كانون الأول", date(2019, 1, 4)),
        "2018-12-28"
    );
    // 29 February goes back to the last leap year.
    assert_eq!(
        value("قتل ثلاثة في 29 شباط", date(2019, 3, 10)),
        "2016-02-29"
    );
    // Without a publication date: reported, not resolved.
    assert_eq!(
        one("في 7 نيسان قتل ثلاثة", None),
        seen("7 نيسان", None, Precision::Day, DateKind::Explicit)
    );
}

#[test]
fn impossible_days_are_not_dates() {
    assert!(find("في 31 نيسان قتل ثلاثة", Some(FRIDAY)).is_empty());
    // The month and year still stand.
    assert_eq!(
        one("في 30 شباط 2018", Some(FRIDAY)),
        seen(
            "شباط 2018",
            Some("2018-02-01"),
            Precision::Month,
            DateKind::MonthYear
        )
    );
    assert!(find("في 31/2/2018", Some(FRIDAY)).is_empty());
}

#[test]
fn numeric_dates() {
    for written in [
        "2018/4/7",
        "7/4/2018",
        "2018-04-07",
        "07-04-2018",
        "7.4.2018",
        "٧/٤/٢٠١٨",
    ] {
        let sentence = format!("قتل مدنيان بتاريخ {written} في ريف إدلب");
        assert_eq!(
            one(&sentence, None),
            seen(
                written,
                Some("2018-04-07"),
                Precision::Day,
                DateKind::Explicit
            ),
            "{written}"
        );
    }
    // Spaces between the parts, mixed separators, two-digit years: not dates.
    assert!(find("الرقم 2018 / 4 / 7", None).is_empty());
    assert!(find("الرقم 2018-4/7", None).is_empty());
    assert!(find("الرقم 7/4/18", None).is_empty());
    // A date in a link is the link's, not the story's.
    assert!(find("المصدر: https://example.net/2023/10/07/story", None).is_empty());
    assert!(find("الرقم 1/2/2018/5", None).is_empty());
}

// ---- Months, years, Hijri ---------------------------------------------

#[test]
fn month_and_year() {
    assert_eq!(
        one("اندلعت الاحتجاجات في آذار 2011 في درعا", None),
        seen(
            "آذار 2011",
            Some("2011-03-01"),
            Precision::Month,
            DateKind::MonthYear
        ),
    );
    assert_eq!(
        one("منذ آذار/مارس 2011", None).value.as_deref(),
        Some("2011-03-01")
    );
    assert_eq!(
        one("في شهر أيار من عام 2015", None).value.as_deref(),
        Some("2015-05-01")
    );
    // A strict name is fine with a year beside it.
    assert_eq!(
        one("في مارس 2011", None).value.as_deref(),
        Some("2011-03-01")
    );
}

#[test]
fn month_without_year_needs_a_cue() {
    let published = date(2018, 6, 15);
    assert_eq!(
        one("قتل 40 مدنيا خلال شهر نيسان", Some(published)),
        seen(
            "شهر نيسان",
            Some("2018-04-01"),
            Precision::Month,
            DateKind::MonthYear
        ),
    );
    assert_eq!(
        value("قتل 40 مدنيا خلال شهر تشرين الأول", published),
        "2017-10-01"
    );
    assert_eq!(
        value("قتل 40 مدنيا في نيسان الماضي", published),
        "2018-04-01"
    );
    // "الماضي" with the publication month is last year's.
    assert_eq!(
        value("قتل 40 مدنيا في حزيران الماضي", published),
        "2017-06-01"
    );
    assert!(find("قتل 40 مدنيا في نيسان", Some(published)).is_empty());
}

#[test]
fn year_only() {
    for written in ["عام 2016", "العام 2016", "سنة 2016", "2016م"] {
        let sentence = format!("دمرت المدينة {written} خلال المعارك");
        assert_eq!(
            one(&sentence, None),
            seen(
                written,
                Some("2016-01-01"),
                Precision::Year,
                DateKind::YearOnly
            ),
            "{written}"
        );
    }
    assert_eq!(one("ومنذ عام 2011 قتل الآلاف", None).text, "عام 2011");
    // Outside 1900–2100, or with no cue, a number is not a year.
    assert!(find("عام 1850", None).is_empty());
    assert!(find("قتل 2016 شخصا", None).is_empty());
}

#[test]
fn hijri_dates() {
    assert_eq!(
        one("أعلنت الهيئة أن 15 رمضان 1445 هـ يوافق منتصف الشهر", None),
        seen(
            "15 رمضان 1445 هـ",
            Some("2024-03-25"),
            Precision::Day,
            DateKind::Hijri
        ),
    );
    assert_eq!(
        one("في 1 شوال 1445", None).value.as_deref(),
        Some("2024-04-10")
    );
    // Eid al-Adha 1445: the tabular calendar says 17 June, Umm al-Qura (and
    // most countries) 16 June 2024; see the hijri module on this choice.
    assert_eq!(
        one("في 10 ذي الحجة 1445 للهجرة", None).value.as_deref(),
        Some("2024-06-17")
    );
    assert_eq!(
        one("في 12 ربيع الأول سنة 1445 هجرية", None).value.as_deref(),
        Some("2023-09-27")
    );
    assert_eq!(
        one("بتاريخ 1445/9/15 هـ", None).value.as_deref(),
        Some("2024-03-25")
    );
    // A Hijri month needs a day and a year; "صفر" is also zero.
    assert!(find("خلال شهر رمضان قتل 5", None).is_empty());
    assert!(find("في 15 رمضان قتل 5", None).is_empty());
    assert!(find("بلغ العدد صفر 2018", None).is_empty());
}

// ---- Weekdays ---------------------------------------------------------

#[test]
fn weekday_on_the_publication_day() {
    assert_eq!(
        one(
            "أفاد الدفاع المدني اليوم الجمعة بمقتل 12 مدنيا",
            Some(FRIDAY)
        ),
        seen(
            "اليوم الجمعة",
            Some("2018-04-06"),
            Precision::Day,
            DateKind::Weekday
        ),
    );
    // Named on Saturday, "اليوم الجمعة" is the Friday before.
    assert_eq!(value("أفاد اليوم الجمعة بمقتل 12", SATURDAY), "2018-04-06");
    assert_eq!(value("قتل مدنيان يوم السبت", SATURDAY), "2018-04-07");
    assert_eq!(value("قتل مدنيان السبت", SATURDAY), "2018-04-07");
}

#[test]
fn weekday_across_a_month_boundary() {
    // Published Monday 2 April 2018.
    assert_eq!(value("قصفت الطائرات البلدة الجمعة", MONDAY), "2018-03-30");
    assert_eq!(value("قتل مدنيان يوم السبت", MONDAY), "2018-03-31");
    assert_eq!(value("والأحد قتل مدنيان", MONDAY), "2018-04-01");
    assert_eq!(value("قال المرصد الاثنين إن", MONDAY), "2018-04-02");
    assert_eq!(value("قتل مدنيان الثلاثاء", MONDAY), "2018-03-27");
}

#[test]
fn past_weekday_is_strictly_before() {
    assert_eq!(
        one("قتل مدنيان في غارة السبت الماضي", Some(SATURDAY)),
        seen(
            "السبت الماضي",
            Some("2018-03-31"),
            Precision::Day,
            DateKind::Weekday
        ),
    );
    assert_eq!(value("قتل مدنيان الجمعة الماضية", SATURDAY), "2018-04-06");
    assert_eq!(value("قتل مدنيان الخميس المنصرم", MONDAY), "2018-03-29");
    assert_eq!(value("تعقد الجلسة الجمعة المقبلة", FRIDAY), "2018-04-13");
    assert_eq!(value("تعقد الجلسة الأحد القادم", FRIDAY), "2018-04-08");
}

#[test]
fn weekday_with_part_of_day() {
    assert_eq!(
        one("سقطت قذائف مساء الخميس على الحي", Some(SATURDAY)),
        seen(
            "مساء الخميس",
            Some("2018-04-05"),
            Precision::Day,
            DateKind::Weekday
        ),
    );
    assert_eq!(
        one("صباح يوم الأحد", Some(SATURDAY)).value.as_deref(),
        Some("2018-04-01")
    );
    assert_eq!(
        one("ليل الخميس-الجمعة", Some(SATURDAY)).text,
        "ليل الخميس-الجمعه"
    );
}

#[test]
fn weekday_before_an_explicit_date_is_part_of_it() {
    assert_eq!(
        one("قتل 40 شخصا يوم السبت، 7 نيسان 2018 في دوما", Some(MONDAY)),
        seen(
            "يوم السبت، 7 نيسان 2018",
            Some("2018-04-07"),
            Precision::Day,
            DateKind::Explicit
        ),
    );
}

// ---- Relative expressions ---------------------------------------------

#[test]
fn yesterday_today_and_last_night() {
    let cases = [
        ("قتل خمسة مدنيين أمس", "أمس", "2018-04-06"),
        ("قتل خمسة مدنيين يوم أمس", "يوم أمس", "2018-04-06"),
        ("قتل خمسة مدنيين بالأمس", "بالأمس", "2018-04-06"),
        ("قتل خمسة مدنيين البارحة", "البارحة", "2018-04-06"),
        ("قتل خمسة مدنيين مساء أمس", "مساء أمس", "2018-04-06"),
        (
            "قتل خمسة مدنيين الليلة الماضية",
            "الليلة الماضية",
            "2018-04-06",
        ),
        ("قتل خمسة مدنيين ليلة أمس", "ليلة أمس", "2018-04-06"),
        ("قتل خمسة مدنيين أول أمس", "أول أمس", "2018-04-05"),
        ("قتل خمسة مدنيين أول من أمس", "أول من أمس", "2018-04-05"),
        ("قتل خمسة مدنيين فجر اليوم", "فجر اليوم", "2018-04-07"),
        ("قتل خمسة مدنيين صباح اليوم", "صباح اليوم", "2018-04-07"),
        ("قتل خمسة مدنيين اليوم", "اليوم", "2018-04-07"),
    ];
    for (sentence, phrase, expected) in cases {
        assert_eq!(
            one(sentence, Some(SATURDAY)),
            seen(phrase, Some(expected), Precision::Day, DateKind::Relative),
            "{sentence}"
        );
    }
}

#[test]
fn yesterday_across_a_month_boundary() {
    assert_eq!(value("قتل خمسة أمس", date(2018, 3, 1)), "2018-02-28");
    assert_eq!(value("قتل خمسة أول أمس", date(2018, 1, 1)), "2017-12-30");
}

#[test]
fn today_of_a_story_is_not_today() {
    assert!(find("وفي اليوم التالي قتل خمسة", Some(SATURDAY)).is_empty());
    assert!(find("في اليوم الأول من الحملة", Some(SATURDAY)).is_empty());
    assert!(find("في اليوم العالمي لحقوق الإنسان", Some(SATURDAY)).is_empty());
    assert!(find("اليوم 87 للحصار", Some(SATURDAY)).is_empty());
}

#[test]
fn counted_back_from_publication() {
    assert_eq!(
        one("بدأت الحملة منذ أسبوع", Some(SATURDAY)),
        seen(
            "منذ أسبوع",
            Some("2018-03-31"),
            Precision::Week,
            DateKind::Relative
        ),
    );
    assert_eq!(value("قتل منذ أسبوعين", SATURDAY), "2018-03-24");
    assert_eq!(
        one("قتل اثنان منذ يومين", Some(SATURDAY)),
        seen(
            "منذ يومين",
            Some("2018-04-05"),
            Precision::Day,
            DateKind::Relative
        ),
    );
    assert_eq!(value("قتل اثنان قبل ثلاثة أيام", SATURDAY), "2018-04-04");
    assert_eq!(value("قتل اثنان قبل 3 أيام", SATURDAY), "2018-04-04");
    assert_eq!(value("قتل اثنان قبل 12 يوما", SATURDAY), "2018-03-26");
    assert_eq!(
        one("قتل اثنان منذ شهرين", Some(SATURDAY)),
        seen(
            "منذ شهرين",
            Some("2018-02-01"),
            Precision::Month,
            DateKind::Relative
        ),
    );
    // Counted from another event, or vague: not a date.
    assert!(find("قتل قبل ثلاثة أيام من الهجوم", Some(SATURDAY)).is_empty());
    assert!(find("يحاصر منذ أيام", Some(SATURDAY)).is_empty());
}

#[test]
fn last_week_month_and_year() {
    assert_eq!(
        one("قتل 40 مدنيا الأسبوع الماضي", Some(SATURDAY)),
        seen(
            "الأسبوع الماضي",
            Some("2018-03-31"),
            Precision::Week,
            DateKind::Relative
        ),
    );
    assert_eq!(
        one("قتل 40 مدنيا خلال الشهر الماضي", Some(date(2018, 1, 15))),
        seen(
            "الشهر الماضي",
            Some("2017-12-01"),
            Precision::Month,
            DateKind::Relative
        ),
    );
    assert_eq!(value("قتل 40 مدنيا الشهر الجاري", SATURDAY), "2018-04-01");
    assert_eq!(value("قتل 40 مدنيا هذا العام", SATURDAY), "2018-01-01");
    assert_eq!(
        one("قتل 40 مدنيا العام الماضي", Some(SATURDAY)),
        seen(
            "العام الماضي",
            Some("2017-01-01"),
            Precision::Year,
            DateKind::Relative
        ),
    );
}

#[test]
fn without_a_publication_date_relative_mentions_have_no_value() {
    let found = find(
        "قتل خمسة أمس وثلاثة السبت الماضي ومنذ أسبوع، بعد هجوم 7 نيسان 2018",
        None,
    );
    let summary: Vec<_> = found.iter().map(|s| (s.kind, s.value.as_deref())).collect();
    assert_eq!(
        summary,
        [
            (DateKind::Relative, None),
            (DateKind::Weekday, None),
            (DateKind::Relative, None),
            (DateKind::Explicit, Some("2018-04-07")),
        ]
    );
}

// ---- False positives --------------------------------------------------

#[test]
fn words_that_look_like_dates() {
    let sentences = [
        // "مارس" practised.
        "مارس الجيش ضغوطا كبيرة على السكان",
        "ومارس الضغط على 5 فصائل",
        // "أحد" one of.
        "توفي أحد الجرحى متأثرا بجراحه",
        // A count of strikes is not a day.
        "شنت الطائرات 45 غارة على المدينة",
        "شنت الطائرات 5 غارات",
        // "أب" father folds to "آب".
        "قتل أب وأطفاله الثلاثة",
        "قتل أب 3 أطفال",
        // "نيسان" alone, "تموز" alone.
        "سيارة نيسان بيضاء",
        "صور تموز على الجدران",
        // "لامس" touched is not ل + أمس.
        "لامس عدد القتلى المئة",
        // "الاثنين" the two.
        "قتل كلا الاثنين",
        // A day of a narrative.
        "في اليوم التالي",
    ];
    for sentence in sentences {
        assert_eq!(find(sentence, Some(SATURDAY)), [], "{sentence}");
    }
}

// ---- Order, spans, publication ----------------------------------------

#[test]
fn mentions_in_text_order_without_overlap() {
    let text = normalize_str(
        "قال المرصد اليوم السبت إن 12 مدنيا قتلوا أمس، بعد مقتل 30 في 28 آذار 2018، \
         وإن القصف مستمر منذ عام 2011",
    );
    let tokens = tokenize(&text);
    let found = find_dates(&text, &tokens, Some(SATURDAY));
    let texts: Vec<_> = found.iter().map(|m| &text[m.span.range()]).collect();
    assert_eq!(texts, ["اليوم السبت", "امس", "28 اذار 2018", "عام 2011"]);
    for pair in found.windows(2) {
        assert!(pair[0].tokens.end <= pair[1].tokens.start);
        assert!(pair[0].span.end <= pair[1].span.start);
    }
    for mention in &found {
        let first = tokens[mention.tokens.start].span.start;
        let last = tokens[mention.tokens.end - 1].span.end;
        assert_eq!((first, last), (mention.span.start, mention.span.end));
    }
}

#[test]
fn spans_map_back_to_the_original() {
    let original = "قُتل 5 مدنيين فجرَ اليومِ الجمعةِ في إدلب";
    let normalized = rasid_text::Normalized::new(original);
    let tokens = tokenize(normalized.text());
    let found = find_dates(normalized.text(), &tokens, Some(FRIDAY));
    assert_eq!(found.len(), 1);
    let span = normalized.to_original(found[0].span.range());
    assert_eq!(&original[span.range()], "فجرَ اليومِ الجمعةِ");
    assert_eq!(found[0].value, Some(FRIDAY));
}

#[test]
fn publication_dates() {
    assert_eq!(parse_published("2018-04-07"), Some(SATURDAY));
    assert_eq!(
        parse_published(" 2018-04-07T10:00:00+03:00"),
        Some(SATURDAY)
    );
    assert_eq!(parse_published("2018-04-07 10:00"), Some(SATURDAY));
    assert_eq!(parse_published("٢٠١٨-٠٤-٠٧"), Some(SATURDAY));
    assert_eq!(parse_published("2018-04-070"), None);
    assert_eq!(parse_published("2018-4-7"), None);
    assert_eq!(parse_published("2018-02-30"), None);
    assert_eq!(parse_published(""), None);
}

#[test]
fn precision_and_kind_serialise_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&Precision::Week).ok().as_deref(),
        Some("\"week\"")
    );
    assert_eq!(
        serde_json::to_string(&DateKind::YearOnly).ok().as_deref(),
        Some("\"year_only\"")
    );
}

// ---- Properties -------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words and marks that reach every recogniser.
    const VOCABULARY: &[&str] = &[
        "7",
        "15",
        "31",
        "2018",
        "1445",
        "2016م",
        "/",
        "-",
        "،",
        ".",
        "(",
        ")",
        "7/4/2018",
        "2018-04-07",
        "7.4.2018",
        "نيسان",
        "أبريل",
        "آذار",
        "مارس",
        "آب",
        "كانون",
        "الثاني",
        "الأول",
        "تشرين",
        "رمضان",
        "ذي",
        "الحجة",
        "هـ",
        "عام",
        "العام",
        "شهر",
        "من",
        "منذ",
        "قبل",
        "يومين",
        "أيام",
        "ثلاثة",
        "أسبوع",
        "الأسبوع",
        "الشهر",
        "الماضي",
        "الماضية",
        "المقبل",
        "هذا",
        "الجاري",
        "اليوم",
        "أمس",
        "بالأمس",
        "أول",
        "فجر",
        "مساء",
        "ليلة",
        "الليلة",
        "يوم",
        "الجمعة",
        "السبت",
        "الأحد",
        "الاثنين",
        "كلا",
        "السابع",
        "الحادي",
        "عشر",
        "والعشرين",
        "التالي",
        "قتل",
        "مدنيين",
        "م",
        "٧",
        "١٤٤٥",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(VOCABULARY).prop_map(str::to_owned),
                1 => "\\PC{0,6}",
            ],
            0..14,
        )
        .prop_flat_map(|words| {
            let n = words.len();
            (Just(words), prop::collection::vec(prop::bool::ANY, n))
        })
        .prop_map(|(words, glue)| {
            let mut text = String::new();
            for (word, tight) in words.iter().zip(glue) {
                if !tight {
                    text.push(' ');
                }
                text.push_str(word);
            }
            text
        })
    }

    fn published() -> impl Strategy<Value = Option<Date>> {
        prop_oneof![
            Just(None),
            Just(Some(Date::MIN)),
            Just(Some(Date::MAX)),
            (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
            (1900i16..=2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_and_spans_are_sound(text in sentence(), published in published()) {
            let normalized = normalize_str(&text);
            let tokens = tokenize(&normalized);
            let found = find_dates(&normalized, &tokens, published);
            let mut last_end = 0;
            for mention in &found {
                prop_assert!(mention.span.start < mention.span.end);
                prop_assert!(mention.span.end <= normalized.len());
                prop_assert!(normalized.is_char_boundary(mention.span.start));
                prop_assert!(normalized.is_char_boundary(mention.span.end));
                prop_assert!(mention.span.start >= last_end);
                prop_assert!(mention.tokens.start < mention.tokens.end);
                prop_assert!(mention.tokens.end <= tokens.len());
                last_end = mention.span.end;
                if published.is_some() && mention.kind == DateKind::Explicit {
                    // Every explicit date resolves when publication is a normal date.
                    let normal = published.is_some_and(|p| (1900..=2100).contains(&p.year()));
                    prop_assert!(!normal || mention.value.is_some());
                }
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,80}", published in published()) {
            let normalized = normalize_str(&text);
            let tokens = tokenize(&normalized);
            let _ = find_dates(&normalized, &tokens, published);
            let _ = parse_published(&text);
        }
    }
}
