//! Attribution: who the text says a figure comes from.
//!
//! * A reporting **verb** with its subject after it ("قال المرصد السوري إن")
//!   or before it ("غير أن فضائية أورينت قالت إن"). With no subject
//!   ("وأشارت إلى أن"، "كما كشفت أن") the verb's subject is a pronoun and the
//!   source named in one of the three sentences before carries over.
//! * A **participle** ("مشيرا إلى أن") carries its sentence's source.
//! * A **preposition** before the source ("وفق المرصد"، "بحسب ما أفاد ناشطون").
//!
//! A claim takes a prepositional source of its sentence first, then the
//! nearest reporting verb before it, then one after it; with none, the
//! outlet reports it on its own account.

use std::ops::Range;

use rasid_lexicon::{ReportingType, Role};
use rasid_text::{Normalized, Span};

use crate::casualty::RawClaim;
use crate::sentence::{DocState, SentenceView};

/// How many sentences a named source carries over to pronoun verbs.
const CARRY_SENTENCES: usize = 3;
/// Longest subject, in tokens.
const SUBJECT_TOKENS: usize = 9;

/// A source found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    pub(crate) id: Option<String>,
    pub(crate) name: Option<String>,
    /// The attributing phrase, normalised bytes.
    norm_span: Span,
    /// Token of the reporting expression (for carried sources: of the verb here).
    anchor: usize,
    kind: ReportingType,
    pub(crate) via: &'static str,
}

impl Attribution {
    pub(crate) fn span(&self, normalized: &Normalized<'_>) -> Span {
        normalized.to_original(self.norm_span.range())
    }
}

/// Every attribution in the sentence, in text order.
pub(crate) fn find(view: &SentenceView<'_>, doc: &mut DocState) -> Vec<Attribution> {
    let mut found: Vec<Attribution> = headline(view).into_iter().collect();
    let mut i = view.range.start;
    while i < view.range.end {
        let Some((end, kind)) = view.reporting(i) else {
            i += 1;
            continue;
        };
        let attribution = match kind {
            ReportingType::Verb => subject_after(view, end)
                .map(|range| relayed(view, range))
                .or_else(|| subject_before(view, i))
                .map(|range| named(view, range, i, kind, "verb"))
                .or_else(|| carried(doc, i, kind)),
            ReportingType::Participle => found
                .last()
                .cloned()
                .or_else(|| carried(doc, i, kind))
                .map(|mut a| {
                    a.anchor = i;
                    a.kind = kind;
                    a
                }),
            ReportingType::Preposition => {
                let mut from = end;
                // "بحسب ما أفاد ناشطون"، "حسب ما صرحت به موسكو".
                if from < view.range.end && view.token_text(from) == "ما" {
                    from += 1;
                }
                if let Some((verb_end, ReportingType::Verb)) = view.reporting(from) {
                    from = verb_end;
                    if from < view.range.end && matches!(view.token_text(from), "به" | "بها") {
                        from += 1;
                    }
                }
                subject_after(view, from).map(|range| named(view, range, i, kind, "preposition"))
            }
        };
        if let Some(a) = attribution {
            if a.via != "carried" {
                doc.last_source = Some((a.clone(), 0));
            }
            found.push(a);
        }
        i = end;
    }
    found
}

/// "نقلت وكالة رويترز عن مصدرين طبيين": the source is the one relayed.
fn relayed(view: &SentenceView<'_>, subject: Range<usize>) -> Range<usize> {
    let at = subject.end;
    if at < view.range.end && view.token_text(at) == "عن" {
        if let Some(origin) = subject_after(view, at + 1) {
            return origin;
        }
    }
    subject
}

/// A headline's source before a colon: "وزارة الصحة في غزة: 40 شهيدا".
fn headline(view: &SentenceView<'_>) -> Option<Attribution> {
    let colon = view
        .range
        .clone()
        .take(SUBJECT_TOKENS)
        .find(|&i| view.is_punct_char(i, ':'))?;
    let range = view.range.start..colon;
    if range.is_empty()
        || range
            .clone()
            .any(|i| view.reporting(i).is_some() || view.number(i).is_some())
    {
        return None;
    }
    range
        .clone()
        .any(|i| view.source(i).is_some())
        .then(|| named(view, range, colon, ReportingType::Verb, "headline"))
}

fn carried(doc: &DocState, anchor: usize, kind: ReportingType) -> Option<Attribution> {
    let (previous, age) = doc.last_source.as_ref()?;
    (*age <= CARRY_SENTENCES).then(|| Attribution {
        anchor,
        kind,
        via: "carried",
        ..previous.clone()
    })
}

/// Whether the subject of a reporting verb cannot run through token `i`.
fn ends_subject(view: &SentenceView<'_>, i: usize) -> bool {
    view.marker(i, "subject_stop").is_some()
        || view.marker(i, "clause").is_some()
        || view.reporting(i).is_some()
        || view.victim(i, Role::Trigger).is_some()
        || view.number(i).is_some()
        || (view.is_punct(i) && !view.is_punct_char(i, '"'))
}

/// The subject after a reporting verb ending at `from`.
fn subject_after(view: &SentenceView<'_>, from: usize) -> Option<Range<usize>> {
    let mut start = from;
    while start < view.range.end && view.is_punct_char(start, '"') {
        start += 1;
    }
    let mut end = start;
    while end < view.range.end && end - start < SUBJECT_TOKENS && !ends_subject(view, end) {
        end += 1;
    }
    while end > start && view.is_punct_char(end - 1, '"') {
        end -= 1;
    }
    (end > start).then_some(start..end)
}

/// The subject before a reporting verb at `verb` ("المرصد قال إن").
fn subject_before(view: &SentenceView<'_>, verb: usize) -> Option<Range<usize>> {
    let mut start = verb;
    while start > view.range.start
        && verb - start < SUBJECT_TOKENS + 1
        && !ends_subject(view, start - 1)
    {
        start -= 1;
    }
    // The subject is a noun phrase: it starts with no conjunction-verb and
    // holds a known source or is short.
    let range = start..verb;
    if range.is_empty() {
        return None;
    }
    let has_source = range.clone().any(|i| view.source(i).is_some());
    (has_source || range.len() <= 4).then_some(range)
}

/// An attribution to the phrase `range`, with a canonical source when an
/// alias of one starts in it (and may run past its end: "وزارة الصحة في غزة").
fn named(
    view: &SentenceView<'_>,
    mut range: Range<usize>,
    anchor: usize,
    kind: ReportingType,
    via: &'static str,
) -> Attribution {
    let mut best: Option<(usize, usize, usize)> = None; // (len, start, source index)
    for i in range.clone() {
        if let Some((end, source)) = view.source(i) {
            let len = end - i;
            if best.is_none_or(|(l, _, _)| len > l) {
                best = Some((len, i, source));
            }
        }
    }
    let (id, name) = match best {
        Some((len, start, source)) => {
            range.end = range.end.max(start + len);
            let entry = &view.lex.sources[source];
            (Some(entry.id.clone()), Some(entry.name.clone()))
        }
        None => (None, None),
    };
    let first = &view.tokens[range.start];
    // "وفقا لمصادر طبية": after a preposition the phrase starts after its "ل"/"ب".
    let clitic = if via == "preposition" && first.forms(view.text).count() > 1 {
        view.token_text(range.start)
            .chars()
            .next()
            .filter(|c| matches!(c, 'ل' | 'ب'))
            .map_or(0, char::len_utf8)
    } else {
        0
    };
    let start = first.span.start + clitic;
    let norm_span = Span::new(start, view.tokens[range.end - 1].span.end);
    Attribution {
        id,
        name,
        norm_span,
        anchor,
        kind,
        via,
    }
}

/// The source of a claim, by the rule in the module documentation.
pub(crate) fn choose<'a>(
    attributions: &'a [Attribution],
    claim: &RawClaim,
) -> Option<&'a Attribution> {
    let at = claim.anchor;
    let preposition = attributions
        .iter()
        .filter(|a| a.kind == ReportingType::Preposition)
        .min_by_key(|a| a.anchor.abs_diff(at));
    if preposition.is_some() {
        return preposition;
    }
    attributions
        .iter()
        .filter(|a| a.anchor < at)
        .max_by_key(|a| a.anchor)
        .or_else(|| {
            attributions
                .iter()
                .filter(|a| a.anchor > at)
                .min_by_key(|a| a.anchor)
        })
}
