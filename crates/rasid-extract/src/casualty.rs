//! The casualty-claim recogniser: binds figures to the words of harm around
//! them.
//!
//! A figure becomes a claim when one of these holds (in this order):
//! 1. a **trigger** stands before it, with only connectors between
//!    ("أسفر عن مقتل 32 شخصا"، "ارتفع عدد القتلى إلى 70"، "قتل خلاله أكثر من 1600 مدني");
//! 2. a **victim noun** follows it ("30 شهيدا"، "وعشرات الجرحى"، "400 بين شهيد وجريح");
//! 3. it counts **people** and a **post verb** follows in the clause
//!    ("ما يزيد على 1200 مدني، بينهم نساء وأطفال، أصيبوا بحالات اختناق");
//! 4. it is joined by "و" to the claim just before ("مقتل 5 مدنيين و3 جنود").
//!
//! A subgroup marker before the figure ("بينهم ثمانية أطفال") makes it a claim
//! of the kind of the claim or victim word before it. A trigger directly
//! followed by a singular or dual noun counts one or two ("مقتل طفل"،
//! "إصابة جنديين"). Figures that count things (a **unit** follows: "45 غارة"),
//! years ("عام 2016"), percentages, dates and times are skipped, and a
//! **blocker** earlier in the clause ("صعوبة تهجير"، "لم يسفر عن"، "الإفراج عن")
//! cancels the claim.

use std::ops::Range;

use rasid_lexicon::{BlockerType, GrammaticalNumber, Kind, Role};
use rasid_text::numbers::NumberMatch;

use crate::claim::{Qualifier, Scope};
use crate::sentence::SentenceView;
use rasid_lexicon::MarkerKind;

/// A claim found in a sentence, before attribution.
#[derive(Debug, Clone)]
pub(crate) struct RawClaim {
    pub(crate) kind: Kind,
    pub(crate) value_min: Option<u64>,
    pub(crate) value_max: Option<u64>,
    pub(crate) qualifier: Qualifier,
    pub(crate) group: Option<String>,
    /// Tokens of the evidence.
    pub(crate) tokens: Range<usize>,
    /// Token of the figure.
    pub(crate) anchor: usize,
    pub(crate) scope: Scope,
    pub(crate) subgroup: bool,
}

/// How far back a trigger may stand from its figure (connectors between):
/// "وقتل في الهجوم الذي تبناه تنظيم الدولة 9 جنود"، "اعتقلت السلطات خلال
/// الأيام الماضية ما يزيد عن مئتي ناشط".
const TRIGGER_REACH: usize = 7;
/// How far a post verb may stand after the counted people.
const POST_REACH: usize = 14;
/// How far back a subgroup looks for the victim word it is part of.
const PARENT_REACH: usize = 12;
/// How far back a blocker reaches from the claim.
const BLOCKER_REACH: usize = 6;

struct Figure {
    number: NumberMatch,
    start: usize,
}

/// Finds the claims of one sentence.
pub(crate) fn find(view: &SentenceView<'_>) -> Vec<RawClaim> {
    // Every claim names its harm with a victim phrase ("مقتل", "قتيلا",
    // "أصيبوا"); most sentences of an article have none.
    if !view.has_victim() {
        return Vec::new();
    }
    let figures = figures(view);
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut used_triggers: Vec<usize> = Vec::new();
    let mut skip_until = 0;
    for (n, figure) in figures.iter().enumerate() {
        if figure.start < skip_until {
            continue;
        }
        if let Some((claim, trigger, consumed_to)) = figure_claim(view, &figures, n, &claims) {
            if let Some(t) = trigger {
                used_triggers.push(t);
            }
            skip_until = consumed_to;
            claims.push(claim);
        }
    }
    singular_claims(view, &figures, &used_triggers, &mut claims);
    singular_subjects(view, &figures, &mut claims);
    vague_after_noun(view, &mut claims);
    subgroups_without_figure(view, &mut claims);
    for claim in &mut claims {
        claim.scope = scope(view, &claim.tokens);
    }
    claims
}

/// Every figure of the sentence, not overlapping.
fn figures(view: &SentenceView<'_>) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = view.range.start;
    while i < view.range.end {
        if let Some(number) = view.number(i) {
            out.push(Figure { number, start: i });
            i = number.end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the figure counts something other than people: a year, a
/// percentage, a date, a time, a thing.
fn counts_something_else(view: &SentenceView<'_>, figure: &Figure) -> bool {
    let (start, end) = (figure.start, figure.number.end);
    // "2018/4/7", "10:30", "5-6": parts of dates and times.
    let joiner = |i: usize| {
        view.is_punct_char(i, '/') || view.is_punct_char(i, ':') || view.is_punct_char(i, '-')
    };
    let is_digits = |i: usize| view.tokens[i].kind == rasid_text::TokenKind::Number;
    if (start >= view.range.start + 2 && joiner(start - 1) && is_digits(start - 2))
        || (end + 1 < view.range.end && joiner(end) && is_digits(end + 1))
    {
        return true;
    }
    if end < view.range.end {
        if view.is_punct_char(end, '%') {
            return true;
        }
        if let Some((_, BlockerType::Unit)) = view.blocker(end) {
            return true;
        }
        // "95 في المئة".
        if view.token_text(end) == "في" && end + 1 < view.range.end {
            if let Some((_, BlockerType::Unit)) = view.blocker(end + 1) {
                if matches!(view.token_text(end + 1), "المئه" | "المائه") {
                    return true;
                }
            }
        }
    }
    // A year: "عام 2016", "10 نوفمبر 2023", "في آذار 2011".
    if start > view.range.start {
        let lo = start.saturating_sub(2).max(view.range.start);
        if (lo..start)
            .any(|i| matches!(view.blocker(i), Some((e, BlockerType::Year)) if e == start))
        {
            return true;
        }
        let before = view.tokens[start - 1].without_proclitics(view.text);
        if matches!(
            before,
            "عام"
                | "العام"
                | "سنه"
                | "السنه"
                | "عامي"
                | "منذ"
                | "مطلع"
                | "اواخر"
                | "اوائل"
        ) {
            return true;
        }
    }
    if figure.number.digits && (1900..=2100).contains(&figure.number.value) && end - start == 1 {
        let counted = end < view.range.end
            && (view.person(end).is_some() || view.victim(end, Role::Noun).is_some());
        if !counted {
            return true;
        }
    }
    false
}

/// A blocker (hypothetical, negation, reversal) in the clause before the
/// claim or inside it; `from..to` are the claim's tokens.
fn blocked(view: &SentenceView<'_>, from: usize, to: usize) -> bool {
    let lo = from.saturating_sub(BLOCKER_REACH).max(view.range.start);
    let mut i = to;
    while i > lo {
        i -= 1;
        if let Some((end, kind)) = view.blocker(i) {
            let cancels = matches!(
                kind,
                BlockerType::Hypothetical | BlockerType::Negation | BlockerType::Reversal
            );
            if cancels && end <= to {
                return true;
            }
        }
        // "قد يؤدي"، "فقد يموت": "may" before a present-tense verb.
        if matches!(view.token_text(i), "قد" | "فقد" | "وقد")
            && i + 1 < view.range.end
            && matches!(view.token_text(i + 1).chars().next(), Some('ي' | 'ت'))
        {
            return true;
        }
        let clause_start = view.marker(i, MarkerKind::Clause).is_some()
            || (view.is_punct(i) && !view.is_punct_char(i, '"'));
        if i < from && clause_start {
            break;
        }
    }
    false
}

/// The qualifier phrase ending right before `start`: (phrase start, qualifier).
///
/// An article written apart before the figure ("تجاوز الـ600 ألف", "اجتاز
/// ال- 600 ألف") stands between them.
fn qualifier_before(view: &SentenceView<'_>, start: usize) -> Option<(usize, &'static str)> {
    let is_article = |i: usize| view.token_text(i) == "ال";
    let with_article = if start >= view.range.start + 2
        && view.is_punct_char(start - 1, '-')
        && is_article(start - 2)
    {
        start - 2
    } else if start > view.range.start && is_article(start - 1) {
        start - 1
    } else {
        start
    };
    let lo = with_article.saturating_sub(5).max(view.range.start);
    (lo..with_article).find_map(|i| match view.qualifier(i, false) {
        Some((end, q)) if end == start || end == with_article => Some((i, static_qualifier(q))),
        _ => None,
    })
}

fn static_qualifier(q: &str) -> &'static str {
    match q {
        "at_least" => "at_least",
        "more_than" => "more_than",
        "about" => "about",
        "up_to" => "up_to",
        "less_than" => "less_than",
        "range" => "range",
        _ => "exact",
    }
}

/// How far back a toll ("ارتفع عدد القتلى … إلى 70") may stand from its figure.
const TOLL_REACH: usize = 16;

/// A toll phrase ("عدد القتلى"، "حصيلة الشهداء") that a figure after "إلى",
/// "بـ" or "بلغ" completes, however long the words between.
fn toll_before(view: &SentenceView<'_>, start: usize) -> Option<(usize, Kind)> {
    if start <= view.range.start {
        return None;
    }
    let link = view.token_text(start - 1);
    let linked = matches!(
        link,
        "الي" | "ب" | "بلغ" | "بلغت" | "ليبلغ" | "لتبلغ" | "يبلغ" | "تبلغ"
    );
    // "… والمصابين إلى 55 ألفا": a toll whose "عدد" is understood from before.
    if linked && start >= view.range.start + 2 {
        if let Some((end, noun)) = view.victim(start - 2, Role::Noun) {
            let definite = view.tokens[start - 2]
                .without_proclitics(view.text)
                .starts_with("ال");
            if end == start - 1 && definite && noun.number == GrammaticalNumber::Plural {
                return Some((start - 2, noun.kind));
            }
        }
    }
    // Without a link word only a short reach: "عدد المختطفين لدى حماس 199".
    let reach = if linked { TOLL_REACH } else { 7 };
    let lo = start.saturating_sub(reach).max(view.range.start);
    for t in (lo..start - 1).rev() {
        // "ارتفع عدد القتلى من 12 إلى 20": the old figure does not break the toll.
        let old_figure = t > view.range.start && view.token_text(t - 1) == "من";
        if (view.number(t).is_some() && !old_figure)
            || view.marker(t, MarkerKind::Clause).is_some()
            || view.is_punct_char(t, '.')
        {
            return None;
        }
        if let Some((end, entry)) = view.victim(t, Role::Trigger) {
            if end <= start && entry.toll {
                return Some((t, entry.kind));
            }
        }
    }
    None
}

/// A figure joined by "و" to the object of a trigger further back:
/// "اغتيال القيادي في حماس صالح العاروري وثلاثة من مرافقيه".
fn coordinated_trigger(
    view: &SentenceView<'_>,
    start: usize,
    people: bool,
) -> Option<(usize, Kind)> {
    let joined = start > view.range.start
        && (view.is_and(start - 1) || view.tokens[start].has_conjunction());
    if !joined || !people {
        return None;
    }
    let from = if view.is_and(start - 1) {
        start - 1
    } else {
        start
    };
    let lo = from
        .saturating_sub(COORDINATION_REACH)
        .max(view.range.start);
    for t in (lo..from).rev() {
        if let Some((_, entry)) = view.victim(t, Role::Trigger) {
            return Some((t, entry.kind));
        }
        if view.number(t).is_some()
            || view.reporting(t).is_some()
            || view.marker(t, MarkerKind::Clause).is_some()
            || view.victim(t, Role::Noun).is_some()
            || (view.is_punct(t) && !view.is_punct_char(t, '،') && !view.is_punct_char(t, ','))
        {
            return None;
        }
    }
    None
}

/// How far back a trigger governs a figure joined to its object by "و".
const COORDINATION_REACH: usize = 12;

/// The victim trigger that governs a figure starting at `start`, looking back
/// over connectors: (trigger start, entry).
fn trigger_before(
    view: &SentenceView<'_>,
    start: usize,
) -> Option<(usize, &'static str, Kind, Option<String>)> {
    let mut j = start;
    let mut skipped = 0;
    while j > view.range.start && skipped <= TRIGGER_REACH {
        // A trigger phrase ending at j.
        let lo = j.saturating_sub(5).max(view.range.start);
        for t in lo..j {
            if let Some((end, entry)) = view.victim(t, Role::Trigger) {
                if end == j {
                    return Some((t, "", entry.kind, entry.group.clone()));
                }
            }
        }
        let prev = j - 1;
        // Stop at what belongs to another claim or clause.
        if view.number(prev).is_some()
            || view.person(prev).is_some()
            || view.victim(prev, Role::Noun).is_some()
            || view.reporting(prev).is_some()
            || view.marker(prev, MarkerKind::Clause).is_some()
            || view.marker(prev, MarkerKind::Subgroup).is_some()
            || (view.is_punct(prev) && !view.is_punct_char(prev, '"'))
        {
            return None;
        }
        if view.marker(prev, MarkerKind::Connector).is_none() {
            skipped += 1;
        }
        j = prev;
    }
    None
}

/// The noun phrase after a figure: (end, kind from a victim noun, group,
/// whether people are counted).
struct Counted {
    end: usize,
    kind: Option<Kind>,
    group: Option<String>,
    people: bool,
}

/// How far before a figure of colleagues the person they belong to may stand.
const COLLEAGUES_REACH: usize = 12;

fn counted_after(view: &SentenceView<'_>, end: usize, vague: bool) -> Counted {
    let mut counted = Counted {
        end,
        kind: None,
        group: None,
        people: false,
    };
    let mut k = end;
    // "صحفيا قتل وأصيب اثنان من زملائه": colleagues of the person named
    // before share that person's group.
    if k + 1 < view.range.end && view.token_text(k) == "من" {
        if let Some(colleagues_end) = view.marker(k + 1, MarkerKind::Colleagues) {
            counted.end = colleagues_end;
            counted.people = true;
            counted.group = (view.range.start..end)
                .rev()
                .take(COLLEAGUES_REACH)
                .find_map(|i| view.person(i).and_then(|(_, p)| p.group.clone()));
            return counted;
        }
    }
    // "عشرات من المدنيين"، "6 من عناصر الشرطة"، "17 من العاملين في المجال الصحي".
    if k + 1 < view.range.end
        && view.token_text(k) == "من"
        && (view.person(k + 1).is_some() || view.victim(k + 1, Role::Noun).is_some())
    {
        k += 1;
    }
    let _ = vague;
    if k >= view.range.end {
        return counted;
    }
    if let Some((noun_end, entry)) = view.victim_noun_bare(k) {
        counted.end = noun_end;
        counted.kind = Some(entry.kind);
        counted.group.clone_from(&entry.group);
        counted.people = true;
        // "30 قتيلا مدنيا".
        if let Some((person_end, person)) = view.person_bare(noun_end) {
            if person.group.is_some() {
                counted.group.clone_from(&person.group);
                counted.end = person_end;
            }
        }
    } else if let Some((person_end, person)) = view.person_bare(k) {
        counted.end = person_end;
        counted.group.clone_from(&person.group);
        counted.people = true;
        if person_end < view.range.end {
            // "50 شخصا بين قتيل وجريح"، "17 شخصا مفقودين".
            if let Some((noun_end, entry)) = view.victim_noun_bare(person_end) {
                counted.kind = Some(entry.kind);
                counted.end = noun_end;
            } else if view.token_text(person_end) == "من" {
                // "13 شخصا من كوادر الدفاع المدني" refines the group.
                if let Some((group_end, group)) = view.person(person_end + 1) {
                    if group.group.is_some() {
                        counted.group.clone_from(&group.group);
                        counted.end = group_end;
                    }
                }
            } else if let Some((other_end, other)) = view.person(person_end) {
                // "140 ألف مدني ومقاتل"، "آلاف المقاتلين والمدنيين": one figure for
                // people of two groups, so no one group ("ثلاث نساء وطفلة" is two
                // figures: the nouns differ in number).
                if view.tokens[person_end].has_conjunction()
                    && person.number == other.number
                    && view.victim(person_end, Role::Trigger).is_none()
                {
                    if other.group != person.group {
                        counted.group = None;
                    }
                    counted.end = other_end;
                }
            }
        }
    }
    counted
}

/// A post verb after the counted people, within the clause: its kind and end.
fn post_after(view: &SentenceView<'_>, from: usize) -> Option<(Kind, usize)> {
    let hi = (from + POST_REACH).min(view.range.end);
    for i in from..hi {
        if let Some((end, entry)) = view.victim(i, Role::Post) {
            if entry.number == GrammaticalNumber::Plural {
                return Some((entry.kind, end));
            }
        }
        if view.marker(i, MarkerKind::Clause).is_some()
            || view.reporting(i).is_some()
            || view.victim(i, Role::Trigger).is_some()
            || view.is_punct_char(i, '.')
            || view.is_punct_char(i, ':')
        {
            return None;
        }
    }
    None
}

/// "شهداء بالعشرات"، "جرحى بالمئات": a victim noun, then a vague quantity.
fn vague_after_noun(view: &SentenceView<'_>, claims: &mut Vec<RawClaim>) {
    for i in view.range.clone() {
        let Some((end, noun)) = view.victim(i, Role::Noun) else {
            continue;
        };
        if noun.number != GrammaticalNumber::Plural || end >= view.range.end {
            continue;
        }
        let value = match view.token_text(end) {
            "بالعشرات" => 20,
            "بالمئات" => 200,
            "بالالاف" | "بالالوف" => 2000,
            _ => continue,
        };
        if claims
            .iter()
            .any(|c| c.tokens.start <= i && i < c.tokens.end)
            || blocked(view, i, end + 1)
        {
            continue;
        }
        claims.push(RawClaim {
            kind: noun.kind,
            value_min: Some(value),
            value_max: None,
            qualifier: Qualifier::Vague,
            group: noun.group.clone(),
            tokens: i..end + 1,
            anchor: end,
            scope: Scope::Incident,
            subgroup: false,
        });
    }
}

/// Reads the claim of figure `n`, if it is one: the claim, its trigger token
/// and the token up to which later figures are part of this claim.
fn figure_claim(
    view: &SentenceView<'_>,
    figures: &[Figure],
    n: usize,
    claims: &[RawClaim],
) -> Option<(RawClaim, Option<usize>, usize)> {
    let figure = &figures[n];
    if counts_something_else(view, figure) {
        return None;
    }
    let number = figure.number;
    let mut qualifier = if number.vague { "vague" } else { "exact" };
    let mut value_min = Some(number.value);
    let mut value_max = if number.vague {
        None
    } else {
        Some(number.value)
    };
    let mut figure_end = number.end;
    let mut start = figure.start;

    if let Some((q_start, q)) = qualifier_before(view, figure.start) {
        start = q_start;
        if !number.vague {
            qualifier = q;
        }
    }
    // Ranges: "بين 10 و15"، "ما بين 800 و1000"، "من 10 إلى 15".
    let range_end = |at: usize| -> Option<(u64, usize)> {
        if at >= view.range.end {
            return None;
        }
        let next = if view.is_and(at) {
            at + 1
        } else if view.tokens[at].has_conjunction() {
            at
        } else {
            return None;
        };
        let second = figures
            .iter()
            .find(|f| f.start == next || (f.start == at && next == at))?;
        Some((second.number.value, second.number.end))
    };
    if qualifier == "range" {
        if let Some((upper, end)) = range_end(figure_end) {
            value_max = Some(upper);
            figure_end = end;
        } else {
            qualifier = "exact";
        }
    } else if !number.vague
        && figure_end < view.range.end
        && matches!(view.token_text(figure_end), "الي" | "حتي")
        && figure.start > view.range.start
        && view.token_text(figure.start - 1) == "من"
    {
        if let Some(second) = figures.iter().find(|f| f.start == figure_end + 1) {
            let spans = figure.start >= view.range.start + 2
                && matches!(
                    view.token_text(figure.start - 2),
                    "يتراوح" | "تتراوح" | "تراوح" | "تراوحت" | "يتراوحون"
                );
            let rise =
                (figure.start.saturating_sub(8).max(view.range.start)..figure.start).any(|i| {
                    matches!(
                        view.tokens[i].without_proclitics(view.text),
                        "ارتفع"
                            | "ارتفعت"
                            | "يرتفع"
                            | "ترتفع"
                            | "رفع"
                            | "زاد"
                            | "زادت"
                            | "قفز"
                            | "قفزت"
                            | "رتفع"
                    ) || matches!(
                        view.token_text(i),
                        "ارتفع" | "وارتفع" | "ارتفعت" | "وارتفعت" | "ليرتفع" | "لترتفع"
                    )
                });
            if !spans && rise && toll_before(view, second.start).is_some() {
                // "ارتفع عدد القتلى من 12 إلى 20": the new figure stands alone.
                return None;
            }
            qualifier = "range";
            value_max = Some(second.number.value);
            figure_end = second.number.end;
            start = figure.start - 1;
        }
    }
    let (subgroup_start, subgroup_kind) = match subgroup_before(view, start) {
        Some((at, kind)) => (Some(at), kind),
        None => (None, None),
    };
    let mut subgroup = subgroup_start.is_some();

    let counted = counted_after(view, figure_end, number.vague);
    let mut end = counted.end;
    if let Some((q_end, q)) = (end < view.range.end)
        .then(|| view.qualifier(end, true))
        .flatten()
    {
        if !number.vague && qualifier == "exact" {
            qualifier = static_qualifier(q);
            if qualifier == "at_least" || qualifier == "more_than" {
                value_max = None;
            }
        }
        end = q_end;
    }
    if matches!(qualifier, "at_least" | "more_than") {
        value_max = None;
    }
    if matches!(qualifier, "up_to" | "less_than") {
        value_min = None;
    }

    let mut kind = None;
    let mut group = counted.group.clone();
    let mut trigger = None;
    let mut evidence_start = start;
    if let Some(sub_start) = subgroup_start {
        // A part of a figure that is no claim is no claim either:
        // "يقطنها 60 ألف نسمة، بينهم آلاف النازحين".
        kind = Some(subgroup_kind.or_else(|| parent_kind(view, sub_start, claims))?);
        evidence_start = sub_start;
    } else if let Some((t, _, trigger_kind, trigger_group)) = trigger_before(view, start) {
        kind = Some(trigger_kind);
        if group.is_none() {
            group = trigger_group;
        }
        trigger = Some(t);
        evidence_start = t;
    } else if let Some((t, toll_kind)) = toll_before(view, start) {
        kind = Some(toll_kind);
        trigger = Some(t);
        evidence_start = t;
    } else if let Some((t, coordinated_kind)) = coordinated_trigger(view, start, counted.people) {
        kind = Some(coordinated_kind);
        trigger = Some(t);
        evidence_start = start;
    }
    // "50 بين قتيل وجريح" and "مقتل وإصابة" name the kind themselves.
    if let Some(noun_kind) = counted.kind {
        if kind.is_none() || noun_kind == Kind::KilledOrInjured {
            kind = Some(noun_kind);
        }
    }
    if kind.is_none() {
        // "1200 مدني … أصيبوا"; without a noun only right after the figure:
        // "نحو 9 آلاف في عداد المفقودين".
        let reach_end = if counted.people { end } else { figure_end };
        if let Some((post_kind, post_end)) = post_after(view, reach_end) {
            let near = (reach_end..post_end)
                .take(2)
                .any(|i| view.victim(i, Role::Post).is_some());
            if counted.people || near {
                kind = Some(post_kind);
                end = post_end;
            }
        }
    }
    if kind.is_none() {
        // "مقتل 5 مدنيين و3 جنود": joined to the claim just before.
        let joined = start > view.range.start
            && (view.is_and(start - 1) || view.tokens[start].has_conjunction());
        if joined {
            let before = if view.is_and(start - 1) {
                start - 1
            } else {
                start
            };
            if let Some(previous) = claims.last() {
                if previous.tokens.end == before && counted.people {
                    kind = Some(previous.kind);
                    subgroup = previous.subgroup;
                    evidence_start = start;
                }
            }
        }
    }
    let kind = kind?;
    // A lone year-like or huge figure after a trigger with nothing counted.
    if !counted.people && number.value > 100_000_000 {
        return None;
    }
    if blocked(view, evidence_start, end.max(figure_end)) {
        return None;
    }
    if number.vague {
        qualifier = "vague";
        value_max = None;
        value_min = Some(number.value);
    }
    let claim = RawClaim {
        kind,
        value_min,
        value_max,
        qualifier: Qualifier::parse(qualifier),
        group,
        tokens: evidence_start..end.max(figure_end),
        anchor: figure.start,
        scope: Scope::Incident,
        subgroup,
    };
    Some((claim, trigger, figure_end))
}

/// A subgroup opening before `start`: "بينهم"، "من بينهم"، or "بين القتلى"
/// (which names its kind): (where it starts, its own kind).
fn subgroup_before(view: &SentenceView<'_>, start: usize) -> Option<(usize, Option<Kind>)> {
    let lo = start.saturating_sub(3).max(view.range.start);
    if let Some(at) = (lo..start).find(|&i| view.marker(i, MarkerKind::Subgroup) == Some(start)) {
        return Some((at, None));
    }
    // "بين القتلى ثلاث نساء"، "من بين الضحايا 5 أطفال".
    for at in lo..start {
        if matches!(view.token_text(at), "بين" | "وبين") {
            if let Some((end, noun)) = view.victim(at + 1, Role::Noun) {
                if end == start && noun.number == GrammaticalNumber::Plural {
                    let from = if at > view.range.start && view.token_text(at - 1) == "من" {
                        at - 1
                    } else {
                        at
                    };
                    return Some((from, Some(noun.kind)));
                }
            }
        }
    }
    None
}

/// The kind a subgroup belongs to: the last claim before it in the sentence,
/// else the last victim word before it ("القتلى الذين سقطوا … بينهم خمسة أطفال").
fn parent_kind(view: &SentenceView<'_>, before: usize, claims: &[RawClaim]) -> Option<Kind> {
    // The claim before it, or one whose words run past it ("14 مدنيا بينهم 6
    // أطفال لقوا حتفهم": the verb after the subgroup belongs to the 14).
    if let Some(previous) = claims.iter().rev().find(|c| c.tokens.start < before) {
        return Some(previous.kind);
    }
    // A victim word close before it: "القتلى الذين سقطوا في دوما يوم الجمعة بينهم".
    let lo = before.saturating_sub(PARENT_REACH).max(view.range.start);
    (lo..before).rev().find_map(|i| {
        view.any_victim(i)
            .filter(|(end, _)| *end <= before)
            .map(|(_, v)| v.kind)
    })
}

/// "مقتل طفل"، "إصابة جنديين"، "بينهم امرأة": a trigger or subgroup marker
/// followed by a singular or dual noun counts one or two.
fn singular_claims(
    view: &SentenceView<'_>,
    figures: &[Figure],
    used_triggers: &[usize],
    claims: &mut Vec<RawClaim>,
) {
    let in_figure = |i: usize| figures.iter().any(|f| (f.start..f.number.end).contains(&i));
    let mut i = view.range.start;
    while i < view.range.end {
        let Some((trigger_end, trigger)) = view.victim(i, Role::Trigger) else {
            i += 1;
            continue;
        };
        if used_triggers.contains(&i) || trigger_end >= view.range.end {
            i = trigger_end.max(i + 1);
            continue;
        }
        let noun = trigger_end;
        let counted = view
            .person(noun)
            .map(|(end, p)| (end, p.number, p.group.clone()))
            .or_else(|| {
                view.victim(noun, Role::Noun)
                    .map(|(end, v)| (end, v.number, v.group.clone()))
            });
        if let Some((end, number, group)) = counted {
            let value = match number {
                GrammaticalNumber::Singular => Some(1),
                GrammaticalNumber::Dual => Some(2),
                GrammaticalNumber::Plural => None,
            };
            // "مقتل طفل واحد" is still one; "مقتل طفل و5 نساء" is handled by figures.
            let end = if end < view.range.end && matches!(view.token_text(end), "واحد" | "واحده")
            {
                end + 1
            } else {
                end
            };
            // "نزوح فلسطيني" is no count: one person is killed, hurt or held, not displaced.
            let countable = matches!(trigger.kind, Kind::Killed | Kind::Injured | Kind::Detained);
            // "مقتل طفل" counts one; "اغتيال القيادي صالح العاروري" names a person, it counts no figure.
            let indefinite = !view.tokens[noun]
                .without_proclitics(view.text)
                .starts_with("ال");
            let countable = countable && indefinite;
            if let (Some(value), true) = (value, countable) {
                if !in_figure(noun) && !blocked(view, i, end) {
                    claims.push(RawClaim {
                        kind: trigger.kind,
                        value_min: Some(value),
                        value_max: Some(value),
                        qualifier: Qualifier::Exact,
                        group: group.or_else(|| trigger.group.clone()),
                        tokens: i..end,
                        anchor: noun,
                        scope: Scope::Incident,
                        subgroup: false,
                    });
                }
            }
        }
        i = trigger_end;
    }
}

/// "بينهم امرأة"، "بين القتلى طفلين"، "من بينهم ثلاث نساء وطفلة": subgroups
/// of one or two without a figure, alone or joined to the subgroup before.
fn subgroups_without_figure(view: &SentenceView<'_>, claims: &mut Vec<RawClaim>) {
    let mut found: Vec<RawClaim> = Vec::new();
    let openers = if view.may_open_subgroup() {
        view.range.clone()
    } else {
        0..0
    };
    for i in openers {
        // An opener ending at i: "بينهم" or "بين القتلى".
        let Some((opener, own_kind)) = subgroup_before(view, i) else {
            continue;
        };
        if view.number(i).is_some() {
            continue;
        }
        let Some(kind) = own_kind.or_else(|| parent_kind(view, opener, claims)) else {
            continue;
        };
        push_small_group(view, kind, opener, i, &mut found);
    }
    // "… وطفلة" after a subgroup claim.
    for claim in claims.iter().chain(found.clone().iter()) {
        if claim.subgroup
            && claim.tokens.end < view.range.end
            && view.tokens[claim.tokens.end].has_conjunction()
        {
            push_small_group(
                view,
                claim.kind,
                claim.tokens.end,
                claim.tokens.end,
                &mut found,
            );
        }
    }
    found.retain(|f| {
        !claims
            .iter()
            .any(|c| c.tokens.start <= f.anchor && f.anchor < c.tokens.end)
    });
    claims.extend(found);
}

fn push_small_group(
    view: &SentenceView<'_>,
    kind: Kind,
    opener: usize,
    at: usize,
    found: &mut Vec<RawClaim>,
) {
    let Some((person_end, person)) = view.person(at) else {
        return;
    };
    let value = match person.number {
        GrammaticalNumber::Singular => 1,
        GrammaticalNumber::Dual => 2,
        GrammaticalNumber::Plural => return,
    };
    if found.iter().any(|f| f.anchor == at) {
        return;
    }
    found.push(RawClaim {
        kind,
        value_min: Some(value),
        value_max: Some(value),
        qualifier: Qualifier::Exact,
        group: person.group.clone(),
        tokens: opener..person_end,
        anchor: at,
        scope: Scope::Incident,
        subgroup: true,
    });
}

/// "صحفيا قُتل"، "جنديين أصيبا"، "جنديا واحدا قتل": a singular or dual noun
/// for people followed by a verb of harm in the same number.
fn singular_subjects(view: &SentenceView<'_>, figures: &[Figure], claims: &mut Vec<RawClaim>) {
    let mut found = Vec::new();
    let mut i = view.range.start;
    while i < view.range.end {
        let Some((end, person)) = view.person(i) else {
            i += 1;
            continue;
        };
        let value = match person.number {
            GrammaticalNumber::Singular => 1,
            GrammaticalNumber::Dual => 2,
            GrammaticalNumber::Plural => {
                i = end;
                continue;
            }
        };
        let covered = claims
            .iter()
            .any(|c| c.tokens.start <= i && i < c.tokens.end)
            || figures
                .iter()
                .any(|f| f.number.end == i || (f.start..f.number.end).contains(&i));
        let mut verb = end;
        if verb < view.range.end && matches!(view.token_text(verb), "واحد" | "واحدا" | "واحده")
        {
            verb += 1;
        }
        if !covered && verb < view.range.end {
            if let Some((post_end, post)) = view.victim(verb, Role::Post) {
                let agrees = post.number == person.number;
                // "مقاتل قتل 5 جنود": the noun is the killer, not the killed.
                let has_object = post_end < view.range.end
                    && (view.number(post_end).is_some() || view.person(post_end).is_some());
                if agrees && !has_object && !blocked(view, i, post_end) {
                    found.push(RawClaim {
                        kind: post.kind,
                        value_min: Some(value),
                        value_max: Some(value),
                        qualifier: Qualifier::Exact,
                        group: person.group.clone(),
                        tokens: i..post_end,
                        anchor: i,
                        scope: Scope::Incident,
                        subgroup: false,
                    });
                }
            }
        }
        i = end;
    }
    claims.extend(found);
}

/// How far before a claim a campaign marker ("خلال الحملة") may stand, within its clause.
const CAMPAIGN_REACH: usize = 10;
/// How far after a claim a campaign marker may stand.
const CAMPAIGN_AFTER: usize = 3;

/// Whether a claim totals a campaign: a campaign marker in its own clause
/// ("قتلوا خلال الحملة على دوما"، "وقتل خلاله أكثر من 1600 مدني").
fn scope(view: &SentenceView<'_>, tokens: &Range<usize>) -> Scope {
    let boundary = |i: usize| {
        view.marker(i, MarkerKind::Clause).is_some()
            || (view.is_punct(i) && !view.is_punct_char(i, '"'))
    };
    let lo = tokens
        .start
        .saturating_sub(CAMPAIGN_REACH)
        .max(view.range.start);
    for i in (lo..tokens.end).rev() {
        if view.marker(i, MarkerKind::Campaign).is_some() {
            return Scope::Campaign;
        }
        if i < tokens.start && boundary(i) {
            break;
        }
    }
    // After the claim only close by: "قتلوا خلال الحملة"، "أكثر من 150 ألف
    // شخص منذ عام 2015"; not "مقتل 32 شخصا في محاولة لإكمال أكبر نصر منذ عام 2016".
    let hi = (tokens.end + CAMPAIGN_AFTER).min(view.range.end);
    for i in tokens.end..hi {
        if boundary(i) {
            break;
        }
        if view.marker(i, MarkerKind::Campaign).is_some() {
            return Scope::Campaign;
        }
    }
    Scope::Incident
}

#[cfg(test)]
mod tests {
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
}
