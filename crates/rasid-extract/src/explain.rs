//! `rasid lexicons explain`: for each sentence, the rows of the lexicons that
//! matched it, the claims with the rule (and row) that produced each, and the
//! figures that are no claim with the rule that blocked them. A top-layer
//! reader of what the recognisers found; it decides nothing.

use std::fmt::Write as _;

use rasid_lexicon::Tag;

use crate::attribution::{self, Attribution};
use crate::casualty::{Findings, Rejected, Rule};
use crate::record::Claim;
use crate::sentence::SentenceView;

/// Writes the explanation of one sentence.
pub(crate) fn sentence(
    out: &mut String,
    view: &SentenceView<'_>,
    findings: &Findings,
    attributions: &[Attribution],
    claims: &[Claim],
    events: &[rasid_events::EventMention],
    actors: &[rasid_events::ActorMention],
) {
    let lex = view.lex;
    let sentence = view.original(view.span);
    let _ = writeln!(out, "sentence «{sentence}»");
    let mut rows = Vec::new();
    for i in view.range.clone() {
        for m in view.at(i) {
            let words = view.original(rasid_text::Span::new(
                view.tokens[m.start].span.start,
                view.tokens[m.end - 1].span.end,
            ));
            let (file, line, what) = match m.tag {
                Tag::Victim(k) => {
                    let e = &lex.victims[k as usize];
                    let role = match (e.toll, e.role) {
                        (true, _) => "toll",
                        (false, rasid_lexicon::Role::Trigger) => "trigger",
                        (false, rasid_lexicon::Role::Noun) => "noun",
                        (false, rasid_lexicon::Role::Post) => "post",
                    };
                    (
                        "victims.tsv",
                        e.line,
                        format!("{role}, {}", e.kind.as_str()),
                    )
                }
                Tag::Person(k) => {
                    let e = &lex.persons[k as usize];
                    (
                        "persons.tsv",
                        e.line,
                        format!("group {}", e.group.as_deref().unwrap_or("-")),
                    )
                }
                Tag::Qualifier(k) => {
                    let e = &lex.qualifiers[k as usize];
                    ("qualifiers.tsv", e.line, e.qualifier.as_str().to_owned())
                }
                Tag::Reporting(k) => {
                    let e = &lex.reporting[k as usize];
                    ("reporting.tsv", e.line, e.kind.as_str().to_owned())
                }
                Tag::Source(k) => {
                    let e = &lex.sources[k as usize];
                    ("sources.tsv", e.line, e.id.clone())
                }
                Tag::Blocker(k) => {
                    let e = &lex.blockers[k as usize];
                    ("blockers.tsv", e.line, e.kind.as_str().to_owned())
                }
                Tag::Marker(k) => {
                    let e = &lex.markers[k as usize];
                    ("markers.tsv", e.line, e.kind.as_str().to_owned())
                }
            };
            rows.push(format!("«{words}» {file} line {line} ({what})"));
        }
        if let Some(number) = view.number(i) {
            if i == view.range.start || view.number(i - 1).is_none_or(|n| n.end <= i) {
                rows.push(format!(
                    "«{}» a number: {}{}",
                    view.original(rasid_text::Span::new(
                        view.tokens[i].span.start,
                        view.tokens[number.end - 1].span.end
                    )),
                    number.value,
                    if number.vague {
                        " (vague, at least)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    for e in events {
        rows.push(format!(
            "«{}» events.tsv line {} ({} / {})",
            view.original(e.span),
            e.line,
            e.event_type,
            e.sub_event_type
        ));
    }
    for a in actors {
        rows.push(format!(
            "«{}» actors.tsv line {} ({})",
            view.original(a.span),
            a.line,
            a.name
        ));
    }
    if rows.is_empty() {
        let _ = writeln!(out, "  no row matched");
    } else {
        let _ = writeln!(out, "  rows:");
        for row in rows {
            let _ = writeln!(out, "    {row}");
        }
    }
    if !view.has_victim() {
        let _ = writeln!(
            out,
            "  no claim: no word of harm (victims.tsv) in the sentence"
        );
    }
    for (raw, claim) in findings.claims.iter().zip(claims) {
        let value = match (claim.value_min, claim.value_max) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => format!("{a}+"),
            (None, Some(b)) => format!("≤{b}"),
            (None, None) => "?".to_owned(),
        };
        let _ = writeln!(
            out,
            "  claim: {} {value} {} group {} «{}»",
            claim.kind.as_str(),
            claim.qualifier.as_str(),
            claim.group.as_deref().unwrap_or("-"),
            claim.evidence
        );
        let _ = writeln!(out, "    made by {}", rule(raw.rule));
        let chosen = attribution::choose(view, attributions, raw.anchor, raw.tokens.end);
        match (chosen, &claim.source) {
            (Some(a), Some(source)) => {
                let rows: Vec<String> = a
                    .rows
                    .iter()
                    .map(|(file, line)| format!("{file} line {line}"))
                    .collect();
                let _ = writeln!(
                    out,
                    "    source «{}» via {}{}",
                    source.surface.as_deref().unwrap_or(""),
                    source.via.as_str(),
                    if rows.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", rows.join(", "))
                    }
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "    source: the outlet's own account (no reporting row before or after it)"
                );
            }
        }
        if claim.scope == crate::record::Scope::Campaign {
            let _ = writeln!(
                out,
                "    scope campaign: a campaign marker (markers.tsv) in its clause"
            );
        }
    }
    for (at, why) in &findings.rejected {
        let figure = view.number(*at).map_or("", |n| {
            view.original(rasid_text::Span::new(
                view.tokens[*at].span.start,
                view.tokens[n.end - 1].span.end,
            ))
        });
        let reason = match why {
            Rejected::CountsSomethingElse(Some(r)) | Rejected::Blocked(r) => rule(*r),
            Rejected::CountsSomethingElse(None) => {
                "it is part of a date, a time, a year or a percentage".to_owned()
            }
            Rejected::OldFigure => {
                "the old figure of a rising toll (markers.tsv rise, range_from, range_to)"
                    .to_owned()
            }
            Rejected::Unbound => {
                "no trigger, toll, victim noun or verb of harm binds it (victims.tsv)".to_owned()
            }
            Rejected::Huge => "a huge figure with nothing counted".to_owned(),
        };
        let _ = writeln!(out, "  no claim: «{figure}»: {reason}");
    }
}

fn rule(rule: Rule) -> String {
    if rule.line == 0 {
        rule.how.to_owned()
    } else {
        format!("{} ({} line {})", rule.how, rule.file, rule.line)
    }
}
