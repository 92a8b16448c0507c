//! Claims without a figure in digits or words: a singular or dual noun counts
//! one or two ("مقتل طفل"، "إصابة جنديين"، "بينهم امرأة"، "صحفي قتل"), and a
//! vague quantity after a victim noun counts its smallest value ("جرحى
//! بالعشرات").

use rasid_lexicon::{Kind, MarkerKind, Qualifier, Role};
use rasid_text::morphology::{Preposition, Proclitics};

use super::figure::{parent_kind, subgroup_before};
use super::{blocked, small_value, Figure, RawClaim, Rule};
use crate::record::Scope;
use crate::sentence::SentenceView;

/// The end of a noun phrase, past a "واحد" that only stresses the singular.
fn past_one(view: &SentenceView<'_>, end: usize) -> usize {
    if end < view.range.end && view.is_marker(end, MarkerKind::One) {
        end + 1
    } else {
        end
    }
}

/// "مقتل طفل"، "إصابة جنديين": a trigger followed by a singular or dual
/// noun counts one or two.
pub(super) fn singular_claims(
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
            // "مقتل طفل واحد" is still one; "مقتل طفل و5 نساء" is for the figures.
            let end = past_one(view, end);
            // One person is killed, hurt or held, not displaced ("نزوح عائلة").
            let countable = matches!(trigger.kind, Kind::Killed | Kind::Injured | Kind::Detained);
            // "مقتل طفل" counts one; a definite noun names a person ("اغتيال
            // القائد الميداني"), it counts no figure.
            let countable = countable && !view.is_definite(noun);
            if let (Some(value), true) = (small_value(number), countable) {
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
                        rule: Rule::new(
                            "a trigger before a singular or dual noun",
                            "victims.tsv",
                            trigger.line,
                        ),
                    });
                }
            }
        }
        i = trigger_end;
    }
}

/// "بينهم امرأة"، "بين القتلى طفلين"، "من بينهم ثلاث نساء وطفلة": subgroups
/// of one or two without a figure, alone or joined to the subgroup before.
pub(super) fn subgroups_without_figure(view: &SentenceView<'_>, claims: &mut Vec<RawClaim>) {
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
        let Some((kind, line)) = own_kind.or_else(|| parent_kind(view, opener, claims)) else {
            continue;
        };
        push_small_group(view, kind, line, opener, i, &mut found);
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
                claim.rule.line,
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
    line: usize,
    opener: usize,
    at: usize,
    found: &mut Vec<RawClaim>,
) {
    let Some((person_end, person)) = view.person(at) else {
        return;
    };
    let Some(value) = small_value(person.number) else {
        return;
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
        rule: Rule::new(
            "a subgroup of one or two without a figure",
            "markers.tsv",
            line,
        ),
    });
}

/// "صحفي قتل"، "جنديان أصيبا"، "جنديا واحدا قتل": a singular or dual noun
/// for people followed by a verb of harm in the same number.
pub(super) fn singular_subjects(
    view: &SentenceView<'_>,
    figures: &[Figure],
    claims: &mut Vec<RawClaim>,
) {
    let mut found = Vec::new();
    let mut i = view.range.start;
    while i < view.range.end {
        let Some((end, person)) = view.person(i) else {
            i += 1;
            continue;
        };
        let Some(value) = small_value(person.number) else {
            i = end;
            continue;
        };
        let covered = claims
            .iter()
            .any(|c| c.tokens.start <= i && i < c.tokens.end)
            || figures
                .iter()
                .any(|f| f.number.end == i || (f.start..f.number.end).contains(&i));
        let verb = past_one(view, end);
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
                        rule: Rule::new(
                            "a singular or dual noun before a verb of harm",
                            "victims.tsv",
                            post.line,
                        ),
                    });
                }
            }
        }
        i = end;
    }
    claims.extend(found);
}

/// "شهداء بالعشرات"، "جرحى بالمئات": a plural victim noun, then ب and a vague
/// quantity with the article.
pub(super) fn vague_after_noun(view: &SentenceView<'_>, claims: &mut Vec<RawClaim>) {
    for i in view.range.clone() {
        let Some((end, noun)) = view.victim(i, Role::Noun) else {
            continue;
        };
        if noun.number != rasid_lexicon::GrammaticalNumber::Plural || end >= view.range.end {
            continue;
        }
        let token = &view.tokens[end];
        let by = Proclitics {
            preposition: Some(Preposition::Bi),
            ..Proclitics::default()
        };
        let Some(value) = (Proclitics::parse(token.proclitics(view.text)) == Some(by)
            && view.is_definite(end))
        .then(|| view.lex.numbers.vague_value(view.text, token))
        .flatten() else {
            continue;
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
            rule: Rule::new(
                "a victim noun before a vague quantity",
                "victims.tsv",
                noun.line,
            ),
        });
    }
}
