//! The casualty-claim recogniser: binds figures to the words of harm around
//! them. It reads a [`SentenceView`] and knows no word itself: every phrase
//! it asks about is a row of `data/lexicons/`, every distance one of
//! `reaches.tsv`.
//!
//! A figure becomes a claim when one of these holds (in this order, see
//! [`figure`]):
//! 1. a **subgroup** opener stands before it ("بينهم طفلان"): a claim of
//!    the kind of the claim or victim word before it;
//! 2. a **trigger** stands before it, with only connectors between
//!    ("أسفرت الغارة عن مقتل 14 شخصا"، "قتل خلاله نحو 300 مدني");
//! 3. a running **toll** before it is completed by it ("ارتفع عدد الجرحى جراء
//!    الانفجار في السوق إلى 41");
//! 4. it is joined by "و" to the object of a trigger further back ("اغتيال
//!    القائد الميداني وثلاثة من حراسه");
//! 5. a **victim noun** follows it ("30 قتيلا"، "وعشرات الجرحى"، "400 بين
//!    قتيل وجريح");
//! 6. it counts **people** and a **post verb** follows in the clause ("نحو
//!    500 مدني، بينهم نساء، أصيبوا بالاختناق");
//! 7. it is joined by "و" to the claim just before ("مقتل 5 مدنيين و3 جنود").
//!
//! A trigger directly followed by a singular or dual noun counts one or two
//! ("مقتل طفل"، "إصابة جنديين"), and so does such a noun before a verb of harm
//! ([`small`]). Figures that count things (a **unit** follows: "45 غارة"),
//! years ("عام 2016"), percentages, dates and times are skipped, and a
//! **blocker** earlier in the clause ("صعوبة تهجير"، "لم يسفر عن"، "الإفراج
//! عن") cancels the claim.

mod figure;
mod small;

use std::ops::Range;

use rasid_lexicon::{BlockerType, Kind, MarkerKind, NumberMatch, Qualifier, Role};
use rasid_text::morphology::looks_imperfect;

use crate::record::Scope;
use crate::sentence::SentenceView;

/// What made a figure a claim: a rule and the row of the lexicon that
/// fired it, for `rasid lexicons explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The rule, in words.
    pub(crate) how: &'static str,
    /// The lexicon file of the row, if one decided.
    pub(crate) file: &'static str,
    /// Its line.
    pub(crate) line: usize,
}

impl Rule {
    pub(crate) fn new(how: &'static str, file: &'static str, line: usize) -> Self {
        Self { how, file, line }
    }
}

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
    /// What made it a claim.
    pub(crate) rule: Rule,
}

/// A figure of the sentence.
pub(crate) struct Figure {
    pub(crate) number: NumberMatch,
    pub(crate) start: usize,
}

/// Finds the claims of one sentence, and the figures that are none.
pub(crate) fn find_all(view: &SentenceView<'_>) -> Findings {
    let mut rejected = Vec::new();
    // Every claim names its harm with a victim phrase; most sentences of an
    // article have none.
    if !view.has_victim() {
        return Findings {
            claims: Vec::new(),
            rejected,
        };
    }
    let figures = figures(view);
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut used_triggers: Vec<usize> = Vec::new();
    let mut skip_until = 0;
    for n in 0..figures.len() {
        if figures[n].start < skip_until {
            continue;
        }
        match figure::claim(view, &figures, n, &claims) {
            Ok(found) => {
                if let Some(t) = found.trigger {
                    used_triggers.push(t);
                }
                skip_until = found.consumed_to;
                claims.push(found.claim);
            }
            Err(why) => rejected.push((figures[n].start, why)),
        }
    }
    small::singular_claims(view, &figures, &used_triggers, &mut claims);
    small::singular_subjects(view, &figures, &mut claims);
    small::vague_after_noun(view, &mut claims);
    small::subgroups_without_figure(view, &mut claims);
    for claim in &mut claims {
        claim.scope = scope(view, &claim.tokens);
    }
    Findings { claims, rejected }
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

/// Whether a clause starts at token `i`: a clause marker or punctuation other
/// than a quote.
fn clause_boundary(view: &SentenceView<'_>, i: usize) -> bool {
    view.marker(i, MarkerKind::Clause).is_some() || view.is_clause_punct(i)
}

/// Whether a blocker cancels the claim on tokens `from..to`.
fn blocked(view: &SentenceView<'_>, from: usize, to: usize) -> bool {
    blocker(view, from, to).is_some()
}

/// A blocker (hypothetical, negation, reversal, or a modal before a verb in
/// the imperfect) in the clause before the claim or inside it; `from..to`
/// are the claim's tokens. The row that blocks, as a rule.
fn blocker(view: &SentenceView<'_>, from: usize, to: usize) -> Option<Rule> {
    let lo = from
        .saturating_sub(view.reach.blocker)
        .max(view.range.start);
    let mut i = to;
    while i > lo {
        i -= 1;
        if let Some((end, entry)) = view.blocker(i) {
            if entry.kind.cancels() && end <= to {
                return Some(Rule::new(
                    "a hypothetical, negation or reversal in its clause",
                    "blockers.tsv",
                    entry.line,
                ));
            }
        }
        // "دعوة لتهجير"، "بهدف تهجير"، "دعوة الوزير لترحيل": the harm is
        // intended, not done. The harm follows the word of intention, right
        // after it, or a word or two on (its agent) with ل or ب on it, or
        // after a connector ("تهدف إلى تهجير").
        if let Some((end, entry)) = view.blocker_of(i, BlockerType::Intent) {
            if end <= to && intended_harm(view, end, to) {
                return Some(Rule::new(
                    "a word of intention before the harm",
                    "blockers.tsv",
                    entry.line,
                ));
            }
        }
        // "قد يؤدي"، "فقد يموت": a possibility, not a fact.
        if let Some((_, entry)) = view.blocker_of(i, BlockerType::Modal) {
            if i + 1 < view.range.end && looks_imperfect(view.token_text(i + 1)) {
                return Some(Rule::new(
                    "a modal before a verb in the imperfect",
                    "blockers.tsv",
                    entry.line,
                ));
            }
        }
        if i < from && clause_boundary(view, i) {
            break;
        }
    }
    None
}

/// Why a figure is no claim, for `rasid lexicons explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejected {
    /// It counts a thing, a year, a percentage, a date or a time.
    CountsSomethingElse(Option<Rule>),
    /// The old figure of a rising toll ("من 12 إلى 20").
    OldFigure,
    /// No word of harm binds it.
    Unbound,
    /// A lone huge figure with nothing counted.
    Huge,
    /// A blocker cancels it.
    Blocked(Rule),
}

/// The claims of a sentence and the figures that are none, with why.
pub(crate) struct Findings {
    pub(crate) claims: Vec<RawClaim>,
    /// (token of the figure, why).
    pub(crate) rejected: Vec<(usize, Rejected)>,
}

/// Whether the harm a word of intention ending at `at` governs follows it
/// (before token `to`): a trigger right after it, or up to two words on
/// with the preposition ل or ب on it, or after a connector.
fn intended_harm(view: &SentenceView<'_>, at: usize, to: usize) -> bool {
    let hi = (at + 3).min(to).min(view.range.end);
    (at..hi).any(|k| {
        if view.victim(k, Role::Trigger).is_none() {
            return false;
        }
        let token = &view.tokens[k];
        let prepositioned = matches!(
            rasid_text::morphology::Proclitics::parse(token.proclitics(view.text))
                .and_then(|p| p.preposition),
            Some(rasid_text::morphology::Preposition::Li | rasid_text::morphology::Preposition::Bi)
        );
        k == at || prepositioned || view.marker(k - 1, MarkerKind::Connector) == Some(k)
    })
}

/// Whether a claim totals a campaign: a campaign marker in its own clause
/// ("سقطوا خلال الحملة على البلدة"، "وقتل خلاله نحو 300 مدني"), before the
/// claim or close after it.
fn scope(view: &SentenceView<'_>, tokens: &Range<usize>) -> Scope {
    let lo = tokens
        .start
        .saturating_sub(view.reach.campaign_before)
        .max(view.range.start);
    for i in (lo..tokens.end).rev() {
        if view.marker(i, MarkerKind::Campaign).is_some() {
            return Scope::Campaign;
        }
        if i < tokens.start && clause_boundary(view, i) {
            break;
        }
    }
    // After the claim only close by: "سقطوا خلال الحملة"، "نحو 80 ألف شخص منذ
    // عام 2012"; not a figure followed by a far "منذ عام" of another story.
    let hi = (tokens.end + view.reach.campaign_after).min(view.range.end);
    for i in tokens.end..hi {
        if clause_boundary(view, i) {
            break;
        }
        if view.marker(i, MarkerKind::Campaign).is_some() {
            return Scope::Campaign;
        }
    }
    Scope::Incident
}

/// The value of a singular or dual noun, none for a plural.
fn small_value(number: rasid_lexicon::GrammaticalNumber) -> Option<u64> {
    match number {
        rasid_lexicon::GrammaticalNumber::Singular => Some(1),
        rasid_lexicon::GrammaticalNumber::Dual => Some(2),
        rasid_lexicon::GrammaticalNumber::Plural => None,
    }
}

/// Whether a victim noun of `role` at `i` is a plural (an unvocalised dual
/// or plural reads as plural).
fn plural_victim(view: &SentenceView<'_>, i: usize, role: Role) -> Option<(usize, Kind)> {
    view.victim(i, role)
        .filter(|(_, v)| v.number == rasid_lexicon::GrammaticalNumber::Plural)
        .map(|(end, v)| (end, v.kind))
}

#[cfg(test)]
mod tests;
