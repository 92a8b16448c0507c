//! The claim of one figure, decided in four steps, each its own function:
//! 1. [`reading`]: is the figure a count at all, with which qualifier and
//!    bounds ("أكثر من 60"، "بين 10 و15"، "من 10 إلى 15")?
//! 2. [`counted_after`]: what does the noun phrase after it count ("30
//!    شهيدا"، "12 مدنيا"، "اثنان من زملائه")?
//! 3. [`binding`]: what binds it to a harm: a subgroup opener, a trigger, a
//!    toll, a coordination, the noun after it, a verb after the people, or
//!    the claim before it?
//! 4. [`super::blocked`]: does a blocker in its clause cancel it?

use rasid_lexicon::{BlockerType, GrammaticalNumber, Kind, MarkerKind, Qualifier, Role};
use rasid_text::morphology::{Detached, Preposition};

use super::{blocker, plural_victim, Figure, RawClaim, Rejected, Rule};
use crate::record::Scope;
use crate::sentence::SentenceView;

/// A claim found for a figure, with what later figures it took in.
pub(super) struct Found {
    pub(super) claim: RawClaim,
    /// The trigger it used, which then counts no singular noun.
    pub(super) trigger: Option<usize>,
    /// Later figures before this token are part of this claim ("بين 10 و15").
    pub(super) consumed_to: usize,
}

/// Reads the claim of figure `n`, if it is one.
pub(super) fn claim(
    view: &SentenceView<'_>,
    figures: &[Figure],
    n: usize,
    claims: &[RawClaim],
) -> Result<Found, Rejected> {
    let figure = &figures[n];
    if let Some(rejected) = counts_something_else(view, figure) {
        return Err(rejected);
    }
    let mut reading = reading(view, figures, figure).ok_or(Rejected::OldFigure)?;
    let counted = counted_after(view, reading.figure_end);
    let mut end = counted.end;
    if let Some((q_end, q)) = (end < view.range.end)
        .then(|| view.qualifier(end, true))
        .flatten()
    {
        // "50 شخصا على الأقل".
        if !figure.number.vague && reading.qualifier == Qualifier::Exact {
            reading.qualifier = q.qualifier;
        }
        end = q_end;
    }
    if reading.qualifier.is_open_above() {
        reading.value_max = None;
    }
    if reading.qualifier.is_open_below() {
        reading.value_min = None;
    }
    let bound = binding(view, &reading, &counted, end, claims).ok_or(Rejected::Unbound)?;
    // A lone huge figure after a trigger with nothing counted.
    if !counted.people && figure.number.value > 100_000_000 {
        return Err(Rejected::Huge);
    }
    let tokens = bound.evidence_start..bound.end.max(reading.figure_end);
    if let Some(rule) = blocker(view, tokens.start, tokens.end) {
        return Err(Rejected::Blocked(rule));
    }
    if figure.number.vague {
        reading.qualifier = Qualifier::Vague;
        reading.value_max = None;
        reading.value_min = Some(figure.number.value);
    }
    Ok(Found {
        claim: RawClaim {
            kind: bound.kind,
            value_min: reading.value_min,
            value_max: reading.value_max,
            qualifier: reading.qualifier,
            group: bound.group,
            tokens,
            anchor: figure.start,
            scope: Scope::Incident,
            subgroup: bound.subgroup,
            rule: bound.rule,
        },
        trigger: bound.trigger,
        consumed_to: reading.figure_end,
    })
}

/// Whether the figure counts something other than people: a year, a
/// percentage, a date, a time, a thing; with the row that says so, if one
/// does.
fn counts_something_else(view: &SentenceView<'_>, figure: &Figure) -> Option<Rejected> {
    let thing = |rule| Some(Rejected::CountsSomethingElse(rule));
    let (start, end) = (figure.start, figure.number.end);
    // "2018/4/7", "10:30", "5-6": parts of dates and times.
    let joiner = |i: usize| {
        view.is_punct_char(i, '/') || view.is_punct_char(i, ':') || view.is_punct_char(i, '-')
    };
    let is_digits = |i: usize| view.tokens[i].kind == rasid_text::TokenKind::Number;
    if (start >= view.range.start + 2 && joiner(start - 1) && is_digits(start - 2))
        || (end + 1 < view.range.end && joiner(end) && is_digits(end + 1))
    {
        return thing(None);
    }
    if end < view.range.end {
        if view.is_punct_char(end, '%') {
            return thing(None);
        }
        // "45 غارة"، "80 في المئة".
        if let Some((_, b)) = view
            .blocker(end)
            .filter(|(_, b)| b.kind == BlockerType::Unit)
        {
            return thing(Some(Rule::new(
                "a unit counted after it",
                "blockers.tsv",
                b.line,
            )));
        }
    }
    // A year: "عام 2016", "10 آب 2019", "منذ 2015".
    if start > view.range.start {
        let lo = start.saturating_sub(2).max(view.range.start);
        if let Some((_, b)) = (lo..start).find_map(|i| {
            view.blocker_of(i, BlockerType::Year)
                .filter(|(e, _)| *e == start)
        }) {
            return thing(Some(Rule::new(
                "a year after a word of dates",
                "blockers.tsv",
                b.line,
            )));
        }
    }
    if figure.number.digits && (1900..=2100).contains(&figure.number.value) && end - start == 1 {
        let counted = end < view.range.end
            && (view.person(end).is_some() || view.victim(end, Role::Noun).is_some());
        if !counted {
            return thing(None);
        }
    }
    None
}

/// The figure read as a count: its first token (a qualifier before it
/// included), its last, its qualifier and bounds.
struct Reading {
    start: usize,
    figure_end: usize,
    qualifier: Qualifier,
    value_min: Option<u64>,
    value_max: Option<u64>,
}

/// Step 1: the qualifier before the figure and a range it opens; `None` when
/// "من 12 إلى 20" after a verb of rising makes this the old figure of a toll.
fn reading(view: &SentenceView<'_>, figures: &[Figure], figure: &Figure) -> Option<Reading> {
    let number = figure.number;
    let mut reading = Reading {
        start: figure.start,
        figure_end: number.end,
        qualifier: if number.vague {
            Qualifier::Vague
        } else {
            Qualifier::Exact
        },
        value_min: Some(number.value),
        value_max: (!number.vague).then_some(number.value),
    };
    if let Some((q_start, q)) = qualifier_before(view, figure.start) {
        reading.start = q_start;
        if !number.vague {
            reading.qualifier = q;
        }
    }
    if reading.qualifier == Qualifier::Range {
        // "بين 10 و15"، "ما بين 300 و400".
        match range_end(view, figures, reading.figure_end) {
            Some((upper, end)) => {
                reading.value_max = Some(upper);
                reading.figure_end = end;
            }
            None => reading.qualifier = Qualifier::Exact,
        }
        return Some(reading);
    }
    // "من 10 إلى 15".
    let from_to = !number.vague
        && reading.figure_end < view.range.end
        && view.is_marker(reading.figure_end, MarkerKind::RangeTo)
        && figure.start > view.range.start
        && view.is_marker(figure.start - 1, MarkerKind::RangeFrom);
    if !from_to {
        return Some(reading);
    }
    let Some(second) = figures.iter().find(|f| f.start == reading.figure_end + 1) else {
        return Some(reading);
    };
    let spans = figure.start >= view.range.start + 2
        && view.is_marker(figure.start - 2, MarkerKind::RangeVerb);
    let rise = (figure
        .start
        .saturating_sub(view.reach.rise)
        .max(view.range.start)..figure.start)
        .any(|i| view.marker(i, MarkerKind::Rise) == Some(i + 1));
    if !spans && rise && toll_before(view, second.start).is_some() {
        // "ارتفع عدد القتلى من 12 إلى 20": the new figure stands alone.
        return None;
    }
    reading.qualifier = Qualifier::Range;
    reading.value_max = Some(second.number.value);
    reading.figure_end = second.number.end;
    reading.start = figure.start - 1;
    Some(reading)
}

/// The upper figure of "بين 10 و15" after a figure ending at `at`.
fn range_end(view: &SentenceView<'_>, figures: &[Figure], at: usize) -> Option<(u64, usize)> {
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
}

/// The qualifier phrase ending right before `start`: (phrase start, qualifier).
///
/// An article written apart before the figure ("تجاوز الـ600 ألف", "اجتاز
/// ال- 600 ألف") stands between them.
fn qualifier_before(view: &SentenceView<'_>, start: usize) -> Option<(usize, Qualifier)> {
    let is_article = |i: usize| view.is_detached(i, Detached::Article);
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
    let lo = with_article
        .saturating_sub(view.reach.trigger_phrase)
        .max(view.range.start);
    (lo..with_article).find_map(|i| match view.qualifier(i, false) {
        Some((end, q)) if end == start || end == with_article => Some((i, q.qualifier)),
        _ => None,
    })
}

/// The noun phrase after a figure.
pub(super) struct Counted {
    pub(super) end: usize,
    /// The kind a victim noun names ("30 شهيدا").
    pub(super) kind: Option<(Kind, usize)>,
    pub(super) group: Option<String>,
    /// Whether it counts people.
    pub(super) people: bool,
}

/// Step 2: what the words right after the figure count.
fn counted_after(view: &SentenceView<'_>, end: usize) -> Counted {
    let mut counted = Counted {
        end,
        kind: None,
        group: None,
        people: false,
    };
    let mut k = end;
    let partitive = |i: usize| i + 1 < view.range.end && view.is_marker(i, MarkerKind::Partitive);
    // "قتل مسعف وأصيب اثنان من زملائه": colleagues of the person named
    // before share that person's group.
    if partitive(k) {
        if let Some(colleagues_end) = view.marker(k + 1, MarkerKind::Colleagues) {
            counted.end = colleagues_end;
            counted.people = true;
            counted.group = (view.range.start..end)
                .rev()
                .take(view.reach.colleagues)
                .find_map(|i| view.person(i).and_then(|(_, p)| p.group.clone()));
            return counted;
        }
    }
    // "عشرات من السكان"، "6 من عناصر الشرطة"، "17 من العاملين في الإغاثة".
    if partitive(k) && (view.person(k + 1).is_some() || view.victim(k + 1, Role::Noun).is_some()) {
        k += 1;
    }
    if k >= view.range.end {
        return counted;
    }
    if let Some((noun_end, entry)) = view.victim_noun_bare(k) {
        counted.end = noun_end;
        counted.kind = Some((entry.kind, entry.line));
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
                counted.kind = Some((entry.kind, entry.line));
                counted.end = noun_end;
            } else if partitive(person_end) {
                // "13 شخصا من عناصر الإسعاف" refines the group.
                if let Some((group_end, group)) = view.person(person_end + 1) {
                    if group.group.is_some() {
                        counted.group.clone_from(&group.group);
                        counted.end = group_end;
                    }
                }
            } else if let Some((other_end, other)) = view.person(person_end) {
                // "نحو 90 ألف مدني ومقاتل"، "آلاف الجنود والمدنيين": one figure
                // for people of two groups, so no one group ("ثلاث نساء وطفلة"
                // is two figures: the nouns differ in number).
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

/// What binds a figure to a harm.
struct Bound {
    kind: Kind,
    group: Option<String>,
    trigger: Option<usize>,
    evidence_start: usize,
    end: usize,
    subgroup: bool,
    rule: Rule,
}

/// Step 3: the kind of harm the figure counts and the words that say so, or
/// `None` when nothing binds it.
fn binding(
    view: &SentenceView<'_>,
    reading: &Reading,
    counted: &Counted,
    end: usize,
    claims: &[RawClaim],
) -> Option<Bound> {
    let start = reading.start;
    let mut bound: Option<Bound> = None;
    let make = |kind, evidence_start, rule| Bound {
        kind,
        group: counted.group.clone(),
        trigger: None,
        evidence_start,
        end,
        subgroup: false,
        rule,
    };
    // A claim bound by the trigger (or toll) at `t`, its evidence from `from`.
    let triggered = |t: usize, from: usize, entry: &rasid_lexicon::VictimEntry, how| {
        let mut b = make(entry.kind, from, Rule::new(how, "victims.tsv", entry.line));
        b.trigger = Some(t);
        b
    };
    if let Some((sub_start, own_kind)) = subgroup_before(view, start) {
        // A part of a figure that is no claim is no claim either: "يسكنها 60
        // ألف شخص، بينهم آلاف النازحين".
        let (kind, line) = match own_kind {
            Some(own) => own,
            None => parent_kind(view, sub_start, claims)?,
        };
        let mut b = make(
            kind,
            sub_start,
            Rule::new("a subgroup opener before the figure", "markers.tsv", line),
        );
        b.subgroup = true;
        bound = Some(b);
    } else if let Some((t, entry)) = trigger_before(view, start) {
        let mut b = triggered(t, t, entry, "a trigger before the figure");
        if b.group.is_none() {
            b.group.clone_from(&entry.group);
        }
        bound = Some(b);
    } else if let Some((t, toll)) = toll_before(view, start) {
        bound = Some(triggered(t, t, toll, "a running toll the figure completes"));
    } else if let Some((t, entry)) = coordinated_trigger(view, start, counted.people) {
        bound = Some(triggered(
            t,
            start,
            entry,
            "joined by a conjunction to the object of a trigger",
        ));
    }
    // "50 بين قتيل وجريح" and "مقتل وإصابة" name the kind themselves.
    if let Some((noun_kind, line)) = counted.kind {
        match &mut bound {
            None => {
                bound = Some(make(
                    noun_kind,
                    start,
                    Rule::new("a victim noun after the figure", "victims.tsv", line),
                ));
            }
            Some(b) if noun_kind == Kind::KilledOrInjured => {
                b.kind = noun_kind;
                b.rule = Rule::new(
                    "a victim noun after the figure naming both kinds",
                    "victims.tsv",
                    line,
                );
            }
            Some(_) => {}
        }
    }
    if bound.is_none() {
        // "1200 مدني … أصيبوا"; without a noun only right after the figure:
        // "نحو 9 آلاف في عداد المفقودين".
        let reach_end = if counted.people {
            end
        } else {
            reading.figure_end
        };
        if let Some((post_kind, post_end, line)) = post_after(view, reach_end) {
            let near = (reach_end..post_end)
                .take(2)
                .any(|i| view.victim(i, Role::Post).is_some());
            if counted.people || near {
                let mut b = make(
                    post_kind,
                    start,
                    Rule::new(
                        "a verb of harm after the counted people",
                        "victims.tsv",
                        line,
                    ),
                );
                b.end = post_end;
                bound = Some(b);
            }
        }
    }
    if bound.is_none() {
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
                    let mut b = make(
                        previous.kind,
                        start,
                        Rule::new(
                            "joined by a conjunction to the claim before",
                            previous.rule.file,
                            previous.rule.line,
                        ),
                    );
                    b.subgroup = previous.subgroup;
                    bound = Some(b);
                }
            }
        }
    }
    bound
}

/// A subgroup opening before `start`: "بينهم"، "من بينهم"، or "بين القتلى"
/// (which names its kind): (where it starts, its own kind and row).
pub(super) fn subgroup_before(
    view: &SentenceView<'_>,
    start: usize,
) -> Option<(usize, Option<(Kind, usize)>)> {
    let lo = start
        .saturating_sub(view.reach.subgroup_opener)
        .max(view.range.start);
    if let Some(at) = (lo..start).find(|&i| view.marker(i, MarkerKind::Subgroup) == Some(start)) {
        return Some((at, None));
    }
    // "بين القتلى ثلاث نساء"، "من بين الضحايا 5 أطفال".
    for at in lo..start {
        if view.is_marker(at, MarkerKind::Among) {
            if let Some((end, _)) = plural_victim(view, at + 1, Role::Noun) {
                if end == start {
                    let (_, noun) = view.victim(at + 1, Role::Noun)?;
                    let from =
                        if at > view.range.start && view.is_marker(at - 1, MarkerKind::Partitive) {
                            at - 1
                        } else {
                            at
                        };
                    return Some((from, Some((noun.kind, noun.line))));
                }
            }
        }
    }
    None
}

/// The kind a subgroup belongs to: the last claim before it in the sentence,
/// else the last victim word before it ("الجرحى الذين نقلوا إلى المستشفى …
/// بينهم خمسة أطفال"): (kind, line of the row that named it).
pub(super) fn parent_kind(
    view: &SentenceView<'_>,
    before: usize,
    claims: &[RawClaim],
) -> Option<(Kind, usize)> {
    // The claim before it, or one whose words run past it ("14 مدنيا بينهم 6
    // أطفال لقوا حتفهم": the verb after the subgroup belongs to the 14).
    if let Some(previous) = claims.iter().rev().find(|c| c.tokens.start < before) {
        return Some((previous.kind, previous.rule.line));
    }
    let lo = before
        .saturating_sub(view.reach.parent)
        .max(view.range.start);
    (lo..before).rev().find_map(|i| {
        view.any_victim(i)
            .filter(|(end, _)| *end <= before)
            .map(|(_, v)| (v.kind, v.line))
    })
}

/// The victim trigger that governs a figure starting at `start`, looking back
/// over connectors: (trigger start, row).
fn trigger_before<'a>(
    view: &SentenceView<'a>,
    start: usize,
) -> Option<(usize, &'a rasid_lexicon::VictimEntry)> {
    let mut j = start;
    let mut skipped = 0;
    while j > view.range.start && skipped <= view.reach.trigger {
        // A trigger phrase ending at j.
        let lo = j
            .saturating_sub(view.reach.trigger_phrase)
            .max(view.range.start);
        for t in lo..j {
            if let Some((end, entry)) = view.victim(t, Role::Trigger) {
                if end == j {
                    return Some((t, entry));
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
            || view.is_clause_punct(prev)
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

/// A running toll ("عدد القتلى"، "حصيلة الشهداء") that a figure after a toll
/// link ("إلى"، "بلغ"، a "بـ" written apart) completes, however long the
/// words between: (toll start, row).
pub(super) fn toll_before<'a>(
    view: &SentenceView<'a>,
    start: usize,
) -> Option<(usize, &'a rasid_lexicon::VictimEntry)> {
    if start <= view.range.start {
        return None;
    }
    let link = start - 1;
    let linked = view.is_marker(link, MarkerKind::TollLink)
        || view.is_detached(link, Detached::Preposition(Preposition::Bi));
    // "… والمصابين إلى 55 ألفا": a toll whose "عدد" is understood from before.
    if linked && start >= view.range.start + 2 {
        if let Some((end, noun)) = view.victim(start - 2, Role::Noun) {
            if end == start - 1
                && view.is_definite(start - 2)
                && noun.number == GrammaticalNumber::Plural
            {
                return Some((start - 2, noun));
            }
        }
    }
    // Without a link word only a short reach: "عدد المفقودين في المخيم 45".
    let reach = if linked {
        view.reach.toll
    } else {
        view.reach.toll_unlinked
    };
    let lo = start.saturating_sub(reach).max(view.range.start);
    for t in (lo..start - 1).rev() {
        // "ارتفع عدد القتلى من 12 إلى 20": the old figure does not break the toll.
        let old_figure = t > view.range.start && view.is_marker(t - 1, MarkerKind::RangeFrom);
        if (view.number(t).is_some() && !old_figure)
            || view.marker(t, MarkerKind::Clause).is_some()
            || view.is_punct_char(t, '.')
        {
            return None;
        }
        if let Some((end, entry)) = view.victim(t, Role::Trigger) {
            if end <= start && entry.toll {
                return Some((t, entry));
            }
        }
    }
    None
}

/// A figure joined by "و" to the object of a trigger further back: "اغتيال
/// القائد الميداني وثلاثة من حراسه".
fn coordinated_trigger<'a>(
    view: &SentenceView<'a>,
    start: usize,
    people: bool,
) -> Option<(usize, &'a rasid_lexicon::VictimEntry)> {
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
        .saturating_sub(view.reach.coordination)
        .max(view.range.start);
    for t in (lo..from).rev() {
        if let Some((_, entry)) = view.victim(t, Role::Trigger) {
            return Some((t, entry));
        }
        if view.number(t).is_some()
            || view.reporting(t).is_some()
            || view.marker(t, MarkerKind::Clause).is_some()
            || view.victim(t, Role::Noun).is_some()
            || (view.is_punct(t) && !view.is_comma(t))
        {
            return None;
        }
    }
    None
}

/// A post verb after the counted people, within the clause: its kind, end
/// and row.
fn post_after(view: &SentenceView<'_>, from: usize) -> Option<(Kind, usize, usize)> {
    let hi = (from + view.reach.post).min(view.range.end);
    for i in from..hi {
        if let Some((end, entry)) = view.victim(i, Role::Post) {
            if entry.number == GrammaticalNumber::Plural {
                return Some((entry.kind, end, entry.line));
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
