use rasid_text::{normalize_str, tokenize, Normalized};

use super::*;

fn lexicons() -> EventLexicons {
    EventLexicons::builtin().expect("shipped lexicons are valid")
}

/// Actors, events and roles of one sentence.
struct Read {
    actors: Vec<ActorMention>,
    events: Vec<EventMention>,
    roles: Vec<(usize, Role)>,
}

fn read(lex: &EventLexicons, sentence: &str) -> Read {
    let text = normalize_str(sentence);
    let tokens = tokenize(&text);
    let all = 0..tokens.len();
    let actors = lex.actors(&text, &tokens, all.clone());
    let events = lex.events(&text, &tokens, all.clone());
    let roles = lex.roles(&text, &tokens, all, &actors, &events);
    Read {
        actors,
        events,
        roles,
    }
}

fn names(read: &Read) -> Vec<&str> {
    read.actors.iter().map(|a| a.name.as_str()).collect()
}

fn sub_events(read: &Read) -> Vec<&str> {
    read.events
        .iter()
        .map(|e| e.sub_event_type.as_str())
        .collect()
}

/// (canonical name, role) for each actor.
fn roles_of(read: &Read) -> Vec<(&str, Role)> {
    read.roles
        .iter()
        .map(|&(i, role)| (read.actors[i].name.as_str(), role))
        .collect()
}

#[test]
fn every_shipped_row_loads() {
    let lex = lexicons();
    assert!(
        lex.actor_entries().len() >= 150,
        "{}",
        lex.actor_entries().len()
    );
    assert!(
        lex.event_entries().len() >= 120,
        "{}",
        lex.event_entries().len()
    );
}

/// Every row's example is found by the matcher as that row (not only as a
/// substring), so tokenisation and the file agree.
#[test]
fn every_example_matches_its_own_row() {
    let lex = lexicons();
    let check = |file: &str,
                 text: &str,
                 column: &str,
                 index: &PhraseIndex<Tag>,
                 blocker: &str,
                 columns: &[&str]| {
        let table = Table::parse(file, text, &Schema::new(columns)).expect("parses");
        let mut entry = 0u32;
        let mut missed = Vec::new();
        for row in table.rows() {
            let is_blocker = table.get(row, blocker) == "-";
            let tag = if is_blocker {
                Tag::Blocker
            } else {
                entry += 1;
                Tag::Entry(entry - 1)
            };
            let example = normalize_str(table.get(row, "example"));
            let tokens = tokenize(&example);
            let found = (0..tokens.len())
                .any(|i| index.matches_at(&example, &tokens, i).any(|m| m.tag == tag));
            if !found {
                missed.push(format!(
                    "{file} line {}: `{}`",
                    row.line,
                    table.get(row, column)
                ));
            }
        }
        missed
    };
    let (actors_name, actors) = (
        "actors.tsv",
        rasid_lexicon::files::builtin_text("actors.tsv"),
    );
    let (events_name, events) = (
        "events.tsv",
        rasid_lexicon::files::builtin_text("events.tsv"),
    );
    let mut missed = check(
        actors_name,
        actors,
        "alias",
        &lex.actor_index,
        "actor",
        &["actor", "alias", "example"],
    );
    missed.extend(check(
        events_name,
        events,
        "phrase",
        &lex.event_index,
        "event_type",
        &["phrase", "event_type", "example"],
    ));
    assert!(
        missed.is_empty(),
        "not matched in their examples: {missed:#?}"
    );
}

#[test]
fn alias_families() {
    let lex = lexicons();
    let cases: &[(&str, &str)] = &[
        // Syria, in every outlet's wording.
        ("قصف النظام أحياء المدينة", "Military Forces of Syria"),
        (
            "تقدمت قوات النظام السوري نحو البلدة",
            "Military Forces of Syria",
        ),
        (
            "اتهم التقرير الحكومة السورية بالمسؤولية",
            "Military Forces of Syria",
        ),
        ("تمركز الجيش السوري على التلة", "Military Forces of Syria"),
        ("قصفت قوات الأسد البلدة", "Military Forces of Syria"),
        ("ارتكب نظام الأسد مجزرة", "Military Forces of Syria"),
        (
            "شن الطيران الحربي التابع للنظام غارتين",
            "Military Forces of Syria",
        ),
        ("يقاتل الحرس الجمهوري في الحي", "Military Forces of Syria"),
        (
            "وقصفت القوات الحكومية السورية القرية",
            "Military Forces of Syria",
        ),
        // Russia.
        ("شن الطيران الروسي غارات", "Military Forces of Russia"),
        (
            "استهدفت الطائرات الحربية الروسية مشفى",
            "Military Forces of Russia",
        ),
        ("اتفق الجانب الروسي مع الوجهاء", "Military Forces of Russia"),
        ("قصفت روسيا مواقع في الريف", "Military Forces of Russia"),
        (
            "انتشرت القوات الروسية في المطار",
            "Military Forces of Russia",
        ),
        // Syrian armed groups.
        ("أعلن جيش الإسلام صد الهجوم", "Jaysh al-Islam"),
        ("اعتقلت هيئة تحرير الشام ناشطا", "Hayat Tahrir al-Sham"),
        ("سيطرت جبهة النصرة على المعبر", "Hayat Tahrir al-Sham"),
        ("قصفت النصرة البلدتين", "Hayat Tahrir al-Sham"),
        ("اشتبك فيلق الرحمن مع المهاجمين", "Faylaq al-Rahman"),
        ("انسحبت حركة أحرار الشام من البلدة", "Ahrar al-Sham"),
        (
            "استهدفت فصائل المعارضة الحاجز",
            "Syrian opposition (unspecified)",
        ),
        (
            "سيطرت المعارضة المسلحة على قرية",
            "Syrian opposition (unspecified)",
        ),
        ("تصدت الفصائل للهجوم", "Syrian opposition (unspecified)"),
        ("صد الجيش السوري الحر الهجوم", "Free Syrian Army"),
        // Kurdish-led, jihadist, Lebanese, Palestinian, Iranian.
        ("اعتقلت قسد شبانا", "Syrian Democratic Forces"),
        ("تبنى تنظيم داعش التفجير", "Islamic State (IS)"),
        ("سيطر تنظيم الدولة على الحقل", "Islamic State (IS)"),
        ("أعلن حزب الله استهداف موقع", "Hezbollah"),
        ("أطلقت حماس صواريخ", "Hamas"),
        ("تبنت كتائب القسام العملية", "Hamas"),
        ("أطلقت سرايا القدس رشقة", "Palestinian Islamic Jihad"),
        (
            "هاجمت الميليشيات الإيرانية البادية",
            "Iranian-backed militias",
        ),
        (
            "قاتلت الميليشيات الشيعية في الريف",
            "Iranian-backed militias",
        ),
        ("أعلن الحرس الثوري إطلاق صواريخ", "Military Forces of Iran"),
        // Israel.
        ("اقتحم جيش الاحتلال المخيم", "Military Forces of Israel"),
        ("اعتقلت قوات الاحتلال شابين", "Military Forces of Israel"),
        ("شن الطيران الإسرائيلي غارة", "Military Forces of Israel"),
        ("قصف الاحتلال منزلا", "Military Forces of Israel"),
        (
            "أعلن الجيش الإسرائيلي قصف أهداف",
            "Military Forces of Israel",
        ),
        // Yemen, Sudan, Libya, Iraq, others.
        ("أطلق الحوثيون صاروخا", "Houthis (Ansar Allah)"),
        ("اختطفت جماعة الحوثي صحفيين", "Houthis (Ansar Allah)"),
        ("أعلنت أنصار الله استهداف سفينة", "Houthis (Ansar Allah)"),
        ("اقتحمت قوات الدعم السريع القرية", "Rapid Support Forces"),
        ("سيطر الدعم السريع على المدينة", "Rapid Support Forces"),
        ("هاجم الجنجويد المخيم", "Rapid Support Forces"),
        ("قصف الجيش السوداني مواقع", "Military Forces of Sudan"),
        ("قصفت قوات حفتر الأحياء", "Libyan National Army (Haftar)"),
        (
            "استعادت قوات الوفاق المدينة",
            "Government of National Accord (Libya)",
        ),
        (
            "شارك الحشد الشعبي في العملية",
            "Popular Mobilization Forces",
        ),
        ("وصلت مجموعة فاغنر إلى القاعدة", "Wagner Group"),
        ("قصف الجيش التركي القرى", "Military Forces of Turkey"),
        (
            "نفذت القوات الأمريكية إنزالا",
            "Military Forces of the United States",
        ),
        ("اغتال مسلحون مجهولون المختار", "Unidentified Armed Group"),
        ("أعلن التحالف العربي اعتراض صاروخ", "Saudi-led Coalition"),
        (
            "قتل مدنيون في غارة للتحالف الدولي",
            "International Coalition (US-led)",
        ),
    ];
    for &(sentence, expected) in cases {
        let read = read(&lex, sentence);
        assert!(
            names(&read).contains(&expected),
            "{sentence}: {:?}, expected {expected}",
            names(&read)
        );
    }
}

#[test]
fn the_longest_alias_wins() {
    let lex = lexicons();
    let r = read(&lex, "أعلن الجيش السوري الحر السيطرة على الحاجز");
    assert_eq!(names(&r), ["Free Syrian Army"]);
    let r = read(&lex, "أعلنت الحكومة السورية المؤقتة فتح المعبر");
    assert_eq!(names(&r), ["Syrian Interim Government"]);
    let r = read(&lex, "دخل الجيش الوطني السوري المدينة");
    assert_eq!(names(&r), ["Syrian National Army"]);
}

#[test]
fn the_surface_keeps_the_article_and_drops_the_clitics() {
    let lex = lexicons();
    let original = "وقصفت وقوات النظام بالطيران الروسيّ المدينة";
    let norm = Normalized::new(original);
    let tokens = tokenize(norm.text());
    let actors = lex.actors(norm.text(), &tokens, 0..tokens.len());
    let surfaces: Vec<&str> = actors.iter().map(|a| a.surface_norm.as_str()).collect();
    assert_eq!(surfaces, ["قوات النظام", "الطيران الروسي"]);
    let span = norm.to_original(actors[1].span.range());
    assert_eq!(&original[span.range()], "الطيران الروسيّ");
}

#[test]
fn every_event_type() {
    let lex = lexicons();
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "شنت الطائرات غارات على البلدة",
            "Air/drone strike",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "استهدفت طائرة مسيرة سيارة",
            "Air/drone strike",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "ألقت المروحيات البراميل المتفجرة",
            "Air/drone strike",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "تعرض الحي لقصف جوي",
            "Air/drone strike",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "طال قصف مدفعي الأحياء",
            "Shelling/artillery/missile attack",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "سقطت قذائف هاون على الحي",
            "Shelling/artillery/missile attack",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "أطلقت راجمات الصواريخ عشرات القذائف",
            "Shelling/artillery/missile attack",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "قتل العشرات بغاز السارين",
            "Chemical weapon",
            "ASSAULT",
            Some("unconventional"),
        ),
        (
            "ألقيت براميل الكلور على الحي",
            "Chemical weapon",
            "ASSAULT",
            Some("unconventional"),
        ),
        (
            "سجلت حالات اختناق بين الأطفال",
            "Chemical weapon",
            "ASSAULT",
            Some("unconventional"),
        ),
        (
            "اتهمت المنظمة الجيش بهجوم كيميائي",
            "Chemical weapon",
            "ASSAULT",
            Some("unconventional"),
        ),
        (
            "دارت اشتباكات عنيفة على الجبهة",
            "Armed clash",
            "ASSAULT",
            Some("firearms"),
        ),
        (
            "تدور معارك في محيط المطار",
            "Armed clash",
            "ASSAULT",
            Some("firearms"),
        ),
        ("بدأ هجوم بري على البلدة", "Armed clash", "ASSAULT", None),
        ("توغلت الدبابات في القرية", "Armed clash", "ASSAULT", None),
        (
            "أعلنت القيادة استعادة السيطرة على التلة",
            "Government regains territory",
            "ASSAULT",
            None,
        ),
        (
            "سيطرت الفصائل على ثلاث قرى",
            "Non-state actor overtakes territory",
            "ASSAULT",
            None,
        ),
        (
            "فجر انتحاري نفسه في السوق",
            "Suicide bomb",
            "ASSAULT",
            Some("suicide-attack"),
        ),
        (
            "انفجرت عبوة ناسفة بسيارة",
            "Remote explosive/landmine/IED",
            "ASSAULT",
            Some("explosives"),
        ),
        (
            "انفجرت سيارة مفخخة في الساحة",
            "Remote explosive/landmine/IED",
            "ASSAULT",
            Some("explosives"),
        ),
        (
            "قتل راع بانفجار لغم",
            "Remote explosive/landmine/IED",
            "ASSAULT",
            Some("explosives"),
        ),
        (
            "ألقى مجهول قنبلة يدوية",
            "Grenade",
            "ASSAULT",
            Some("explosives"),
        ),
        (
            "وثقت الشبكة إعدام ستة رجال",
            "Attack",
            "ASSAULT",
            Some("execute"),
        ),
        ("ارتكبت القوات مجزرة", "Attack", "ASSAULT", Some("massacre")),
        ("أصيب طفل برصاص قناص", "Attack", "ASSAULT", Some("firearms")),
        (
            "وثقت اللجنة حالات اغتصاب",
            "Sexual violence",
            "ASSAULT",
            Some("sexual"),
        ),
        (
            "أدانت النقابة اختطاف الصحفي",
            "Abduction/forced disappearance",
            "ASSAULT",
            Some("abduct"),
        ),
        (
            "نفذت القوات حملة اعتقالات",
            "Arrests",
            "COERCE",
            Some("arrest"),
        ),
        (
            "داهمت دورية منزل الناشط",
            "Arrests",
            "COERCE",
            Some("arrest"),
        ),
        (
            "انتشرت عمليات تعفيش المنازل",
            "Looting/property destruction",
            "COERCE",
            Some("confiscate"),
        ),
        ("انطلقت مفاوضات بين الوفدين", "Agreement", "CONSULT", None),
        ("توصل الطرفان إلى اتفاق", "Agreement", "AGREE", None),
        ("أعلنت الأطراف هدنة", "Agreement", "AGREE", None),
        ("دخل وقف إطلاق النار حيز التنفيذ", "Agreement", "AGREE", None),
        (
            "بدأ خروج المقاتلين من الحي",
            "Non-violent transfer of territory",
            "RETREAT",
            Some("withdraw"),
        ),
        (
            "استكملت عملية إجلاء المحاصرين",
            "Non-violent transfer of territory",
            "RETREAT",
            Some("withdraw"),
        ),
        (
            "نص الاتفاق على تسليم مناطق للشرطة",
            "Non-violent transfer of territory",
            "RETREAT",
            Some("withdraw"),
        ),
        (
            "ندد الأهالي بتهجير السكان",
            "Other",
            "ASSAULT",
            Some("cleansing"),
        ),
        (
            "أعلن الجيش اعتراض صاروخ",
            "Disrupted weapons use",
            "ASSAULT",
            Some("heavy-weapons"),
        ),
        (
            "استقدمت القوات تعزيزات",
            "Change to group/activity",
            "MOBILIZE",
            Some("troops"),
        ),
        (
            "ثبت الجيش نقطة مراقبة",
            "Headquarters or base established",
            "MOBILIZE",
            Some("troops"),
        ),
        (
            "خرجت مظاهرة في الساحة",
            "Peaceful protest",
            "PROTEST",
            Some("demo"),
        ),
        (
            "نظم الأهالي وقفة احتجاجية",
            "Peaceful protest",
            "PROTEST",
            Some("demo"),
        ),
        (
            "تدخلت الشرطة لتفريق المتظاهرين",
            "Protest with intervention",
            "COERCE",
            Some("restrict"),
        ),
        (
            "أطلقت القوات الرصاص الحي على المتظاهرين",
            "Excessive force against protesters",
            "ASSAULT",
            Some("firearms"),
        ),
        (
            "شهدت المدينة أعمال شغب",
            "Violent demonstration",
            "PROTEST",
            Some("riot"),
        ),
        ("هاجم غوغاء متجرا", "Mob violence", "PROTEST", Some("riot")),
    ];
    for &(sentence, sub_event, plover, mode) in cases {
        let r = read(&lex, sentence);
        let found = r.events.iter().find(|e| e.sub_event_type == sub_event);
        let Some(event) = found else {
            panic!("{sentence}: {:?}, expected {sub_event}", sub_events(&r));
        };
        assert_eq!(event.plover_event, plover, "{sentence}");
        assert_eq!(event.plover_mode.as_deref(), mode, "{sentence}");
    }
}

#[test]
fn a_sentence_may_report_several_event_types() {
    let lex = lexicons();
    let r = read(
        &lex,
        "شنت الطائرات غارات على البلدة تزامنا مع قصف مدفعي واشتباكات على أطرافها",
    );
    assert_eq!(
        sub_events(&r),
        [
            "Air/drone strike",
            "Shelling/artillery/missile attack",
            "Armed clash"
        ]
    );
}

#[test]
fn negatives_are_not_events() {
    let lex = lexicons();
    // Civil aviation, a defused bomb, a march, slang, a traffic jam, elections.
    for sentence in [
        "أعلنت شركة الطيران تعليق رحلاتها إلى المدينة",
        "تمكن الفريق من تفكيك عبوة ناسفة على الجسر",
        "عبارة قصف جبهة صارت شائعة",
        "تسبب الحادث في اختناق مروري",
        "يخوض الحزب معركة انتخابية",
        "حلق طيران الاستطلاع فوق المنطقة",
    ] {
        let r = read(&lex, sentence);
        assert!(r.events.is_empty(), "{sentence}: {:?}", sub_events(&r));
    }
    // A protest march is not a drone.
    let r = read(&lex, "جابت مسيرة احتجاجية شوارع المدينة");
    assert_eq!(sub_events(&r), ["Peaceful protest"]);
}

#[test]
fn negatives_are_not_actors() {
    let lex = lexicons();
    for sentence in [
        "تحدث الرئيس عن النظام العالمي الجديد",
        "يعاني النظام الصحي من نقص الأدوية",
        "دعت المعارضة السياسية إلى الحوار",
    ] {
        let r = read(&lex, sentence);
        assert!(r.actors.is_empty(), "{sentence}: {:?}", names(&r));
    }
}

#[test]
fn perpetrator_after_an_attack_verb_and_target_after_a_place_noun() {
    let lex = lexicons();
    let r = read(&lex, "قصفت قوات النظام مواقع لجيش الإسلام في دوما");
    assert_eq!(
        roles_of(&r),
        [
            ("Military Forces of Syria", Role::Perpetrator),
            ("Jaysh al-Islam", Role::Target)
        ]
    );
}

#[test]
fn perpetrator_of_an_attack_noun() {
    let lex = lexicons();
    // "غارات للطيران الروسي": the agent after "ل".
    let r = read(
        &lex,
        "قتل خمسة مدنيين في غارات للطيران الروسي على مناطق سيطرة المعارضة",
    );
    assert_eq!(
        roles_of(&r),
        [
            ("Military Forces of Russia", Role::Perpetrator),
            ("Syrian opposition (unspecified)", Role::Target)
        ]
    );
    // "قصف المعارضة لدمشق": the opposition shells Damascus.
    let r = read(&lex, "أدى قصف المعارضة لدمشق إلى مقتل مدنيين");
    assert_eq!(
        roles_of(&r),
        [("Syrian opposition (unspecified)", Role::Perpetrator)]
    );
}

#[test]
fn perpetrator_before_a_verb() {
    let lex = lexicons();
    let r = read(&lex, "الطيران الحربي الروسي ليلة أمس استهدف بلدة كفرنبل");
    assert_eq!(
        roles_of(&r),
        [("Military Forces of Russia", Role::Perpetrator)]
    );
    // Accused of the attack.
    let r = read(&lex, "اتهمت المعارضة النظام بقصف المدينة بالكلور");
    assert_eq!(
        roles_of(&r),
        [
            ("Syrian opposition (unspecified)", Role::Mentioned),
            ("Military Forces of Syria", Role::Perpetrator)
        ]
    );
}

#[test]
fn the_second_actor_after_a_verb_is_the_target() {
    let lex = lexicons();
    let r = read(&lex, "استهدفت الفصائل قوات النظام بصواريخ موجهة");
    assert_eq!(
        roles_of(&r),
        [
            ("Syrian opposition (unspecified)", Role::Perpetrator),
            ("Military Forces of Syria", Role::Target)
        ]
    );
}

#[test]
fn agents_of_passives_and_victims_of_harm_nouns() {
    let lex = lexicons();
    let r = read(&lex, "قتل شاب برصاص قناص تابع لقوات النظام");
    assert_eq!(
        roles_of(&r),
        [("Military Forces of Syria", Role::Perpetrator)]
    );
    let r = read(&lex, "اختطف الطبيب على يد مسلحين مجهولين");
    assert_eq!(
        roles_of(&r),
        [("Unidentified Armed Group", Role::Perpetrator)]
    );
    let r = read(&lex, "أعلنت الوزارة مقتل عنصرين من قوات النظام");
    assert_eq!(roles_of(&r), [("Military Forces of Syria", Role::Target)]);
    let r = read(&lex, "هاجم عناصر داعش حاجزا في البادية");
    assert_eq!(roles_of(&r), [("Islamic State (IS)", Role::Perpetrator)]);
}

#[test]
fn both_sides_of_a_clash_and_coordinated_actors() {
    let lex = lexicons();
    let r = read(&lex, "دارت اشتباكات بين قوات النظام وفصائل المعارضة");
    assert_eq!(
        roles_of(&r),
        [
            ("Military Forces of Syria", Role::Perpetrator),
            ("Syrian opposition (unspecified)", Role::Perpetrator)
        ]
    );
    let r = read(
        &lex,
        "قصفت قوات النظام والميليشيات الإيرانية مواقع هيئة تحرير الشام",
    );
    assert_eq!(
        roles_of(&r),
        [
            ("Military Forces of Syria", Role::Perpetrator),
            ("Iranian-backed militias", Role::Perpetrator),
            ("Hayat Tahrir al-Sham", Role::Target)
        ]
    );
}

#[test]
fn a_reported_statement_or_agreement_only_mentions() {
    let lex = lexicons();
    let r = read(&lex, "اتفق الجانب الروسي مع فصائل المعارضة على هدنة");
    assert!(
        r.roles.iter().all(|&(_, role)| role == Role::Mentioned),
        "{:?}",
        roles_of(&r)
    );
}

#[test]
fn roles_stay_in_the_sentence_range() {
    let lex = lexicons();
    let text = normalize_str("قصفت قوات النظام البلدة. وأعلن جيش الإسلام النفير");
    let tokens = tokenize(&text);
    let dot = tokens
        .iter()
        .position(|t| t.is_punct(&text, '.'))
        .expect("a full stop");
    let all = 0..tokens.len();
    let actors = lex.actors(&text, &tokens, all.clone());
    let events = lex.events(&text, &tokens, all);
    let second = lex.roles(&text, &tokens, dot + 1..tokens.len(), &actors, &events);
    assert_eq!(second, [(1, Role::Mentioned)]);
    let first = lex.roles(&text, &tokens, 0..dot, &actors, &events);
    assert_eq!(first, [(0, Role::Perpetrator)]);
}

#[test]
fn the_coalition_depends_on_the_article_country() {
    let lex = lexicons();
    let text = normalize_str("شن التحالف غارات على المدينة");
    let tokens = tokenize(&text);
    let all = 0..tokens.len();
    let default = lex.actors(&text, &tokens, all.clone());
    assert_eq!(default[0].name, "International Coalition (US-led)");
    let yemen = lex.actors_in_country(&text, &tokens, all.clone(), Some("YE"));
    assert_eq!(yemen[0].name, "Saudi-led Coalition");
    let syria = lex.actors_in_country(&text, &tokens, all, Some("SY"));
    assert_eq!(syria[0].name, "International Coalition (US-led)");
    let again = lex.disambiguate(&default[0], Some("ye"));
    assert_eq!(again.name, "Saudi-led Coalition");
    assert_eq!(again.span, default[0].span);
    assert_eq!(lex.readings(&default[0]).len(), 2);
    // An unambiguous alias keeps its reading.
    let r = read(&lex, "قصف التحالف الدولي جسرا");
    let kept = lex.disambiguate(&r.actors[0], Some("YE"));
    assert_eq!(kept.name, "International Coalition (US-led)");
    assert_eq!(lex.readings(&r.actors[0]).len(), 1);
}

#[test]
fn government_forces_by_country() {
    let lex = lexicons();
    let text = normalize_str("صدت القوات الحكومية هجوما");
    let tokens = tokenize(&text);
    let name = |country| {
        lex.actors_in_country(&text, &tokens, 0..tokens.len(), country)[0]
            .name
            .clone()
    };
    assert_eq!(name(None), "Military Forces of Syria");
    assert_eq!(name(Some("SD")), "Military Forces of Sudan");
    assert_eq!(name(Some("YE")), "Military Forces of Yemen");
}

#[test]
fn external_forces_depend_on_the_article() {
    let lex = lexicons();
    let r = read(&lex, "شن الطيران الروسي غارات وقصفت قوات النظام البلدة");
    assert!(r.actors[0].is_external("SY"));
    assert!(!r.actors[0].is_external("RU"));
    assert!(!r.actors[1].is_external("SY"));
}

#[test]
fn territory_is_read_by_who_took_it() {
    let lex = lexicons();
    let text = normalize_str("استعادت الفصائل السيطرة على البلدة");
    let tokens = tokenize(&text);
    let all = 0..tokens.len();
    let actors = lex.actors(&text, &tokens, all.clone());
    let events = lex.events(&text, &tokens, all.clone());
    let roles = lex.roles(&text, &tokens, all, &actors, &events);
    assert_eq!(events[0].sub_event_type, "Government regains territory");
    let refined = lex.refine_territory(&events, &actors, &roles);
    assert_eq!(
        refined[0].sub_event_type,
        "Non-state actor overtakes territory"
    );

    let r = read(&lex, "سيطرت قوات النظام على البلدة");
    let refined = lex.refine_territory(&r.events, &r.actors, &r.roles);
    assert_eq!(refined[0].sub_event_type, "Government regains territory");
}

#[test]
fn mentions_serialise() {
    let lex = lexicons();
    let r = read(&lex, "قصفت قوات النظام البلدة");
    let json =
        serde_json::to_value((&r.actors[0], &r.events[0], r.roles[0].1)).expect("serialises");
    assert_eq!(json[0]["name"], "Military Forces of Syria");
    assert_eq!(json[0]["tokens"]["start"], 1);
    assert_eq!(
        json[1]["sub_event_type"],
        "Shelling/artillery/missile attack"
    );
    assert_eq!(json[2], "perpetrator");
}

fn load_err(file: &str, contents: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join(file), contents).expect("written");
    EventLexicons::load_dir(dir.path())
        .expect_err("the file is refused")
        .to_string()
}

const ACTORS_HEADER: &str = "actor\talias\tcountry\ttype\tcontext\texample\n";
const EVENTS_HEADER: &str =
    "phrase\tevent_type\tsub_event_type\tplover_event\tplover_mode\texample\n";

#[test]
fn a_bad_row_names_file_and_line() {
    let err = load_err(
        "events.tsv",
        &format!("# comment\n{EVENTS_HEADER}غارة\tExplosions/Remote violence\tAir/drone strike\tASSAULT\theavy-weapons\tغارة على السوق\nقصف\tExplosions/Remote violence\tBombing\tASSAULT\t-\tقصف عنيف\n"),
    );
    assert!(err.contains("events.tsv` line 4"), "{err}");
    assert!(err.contains("`Bombing` is not a sub-event type"), "{err}");
}

#[test]
fn an_example_must_contain_its_phrase() {
    let err = load_err(
        "actors.tsv",
        &format!("{ACTORS_HEADER}Hamas\tحماس\tPS\trebel_group\t-\tأطلقت الفصائل صواريخ\n"),
    );
    assert!(err.contains("actors.tsv` line 2"), "{err}");
    assert!(err.contains("does not contain `حماس`"), "{err}");
}

#[test]
fn rows_are_checked_against_the_vocabularies() {
    let err = load_err(
        "events.tsv",
        &format!("{EVENTS_HEADER}غارة\tExplosions/Remote violence\tAir/drone strike\tASSAULT\taerial\tغارة على السوق\n"),
    );
    assert!(
        err.contains("`aerial` is not a mode of PLOVER `ASSAULT`"),
        "{err}"
    );
    let err = load_err(
        "events.tsv",
        &format!("{EVENTS_HEADER}غارة\tExplosions/Remote violence\tAir/drone strike\tFIGHT\t-\tغارة على السوق\n"),
    );
    assert!(err.contains("unknown plover_event `FIGHT`"), "{err}");
    let err = load_err(
        "actors.tsv",
        &format!("{ACTORS_HEADER}Hamas\tحماس\tPalestine\trebel_group\t-\tأطلقت حماس صواريخ\n"),
    );
    assert!(err.contains("unknown country `Palestine`"), "{err}");
    let err = load_err(
        "actors.tsv",
        &format!("{ACTORS_HEADER}Hamas\tحماس\tPS\tterrorists\t-\tأطلقت حماس صواريخ\n"),
    );
    assert!(err.contains("unknown type `terrorists`"), "{err}");
}

#[test]
fn duplicates_are_refused() {
    // "القصف الجوي" and "قصف جوي" match the same words.
    let err = load_err(
        "events.tsv",
        &format!("{EVENTS_HEADER}قصف جوي\tExplosions/Remote violence\tAir/drone strike\tASSAULT\t-\tقصف جوي\nالقصف الجوي\tExplosions/Remote violence\tAir/drone strike\tASSAULT\t-\tالقصف الجوي\n"),
    );
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("same words as line 2"), "{err}");
    // Two readings of one alias need different contexts.
    let err = load_err(
        "actors.tsv",
        &format!("{ACTORS_HEADER}A\tالتحالف\t-\tcoalition\t-\tقصف التحالف\nB\tالتحالف\t-\tcoalition\t-\tقصف التحالف\n"),
    );
    assert!(err.contains("same words and context as line 2"), "{err}");
}

#[test]
fn a_missing_file_falls_back_to_the_shipped_one() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("actors.tsv"),
        format!("{ACTORS_HEADER}Hamas\tحماس\tPS\trebel_group\t-\tأطلقت حماس صواريخ\n"),
    )
    .expect("written");
    let lex = EventLexicons::load_dir(dir.path()).expect("loads");
    assert_eq!(lex.actor_entries().len(), 1);
    assert_eq!(lex.event_entries().len(), lexicons().event_entries().len());
}

#[test]
fn reported_attacks_keep_their_perpetrators() {
    let lex = lexicons();
    let r = read(
        &lex,
        "قال التحالف بقيادة السعودية إن الحوثيين أطلقوا صاروخا باليستيا",
    );
    assert_eq!(
        roles_of(&r),
        [
            ("Saudi-led Coalition", Role::Mentioned),
            ("Houthis (Ansar Allah)", Role::Perpetrator)
        ]
    );
    assert_eq!(sub_events(&r), ["Shelling/artillery/missile attack"]);
    let r = read(&lex, "أفادت مصادر بأن قوات الدعم السريع هاجمت مخيم زمزم");
    assert_eq!(roles_of(&r), [("Rapid Support Forces", Role::Perpetrator)]);
    assert_eq!(sub_events(&r), ["Armed clash"]);
}

#[test]
fn coordinated_subjects_before_an_attack_noun() {
    let lex = lexicons();
    let r = read(
        &lex,
        "واصلت قوات النظام والميليشيات الموالية لإيران قصف المنطقة",
    );
    assert_eq!(
        roles_of(&r),
        [
            ("Military Forces of Syria", Role::Perpetrator),
            ("Iranian-backed militias", Role::Perpetrator)
        ]
    );
}

#[test]
fn agent_of_a_passive_with_min_qibal() {
    let lex = lexicons();
    let r = read(&lex, "تعرضت مدينة دوما لقصف من قبل قوات النظام");
    assert_eq!(
        roles_of(&r),
        [("Military Forces of Syria", Role::Perpetrator)]
    );
    // No verb voice in unvocalised text: the place noun makes the regime the target.
    let r = read(&lex, "قصفت مواقع النظام في ريف حلب");
    assert_eq!(roles_of(&r), [("Military Forces of Syria", Role::Target)]);
}
