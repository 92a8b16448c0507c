//! Attribution: who the text says a figure comes from.
//!
//! * A reporting **verb** with its subject after it ("قال المرصد السوري إن")
//!   or before it ("غير أن قناة محلية قالت إن"). With no subject
//!   ("وأضافت أن"، "كما بينت أن") the verb's subject is a pronoun and the
//!   source named in one of the three sentences before carries over.
//! * A **participle** ("مشيرا إلى أن") carries its sentence's source.
//! * A **preposition** before the source ("وفق المرصد"، "بحسب ما أفاد ناشطون").
//!
//! A claim takes a prepositional source standing right after it first
//! ("…، وفق المرصد"), then the nearest attribution before it, then one after
//! it that may stand there (a preposition, or a verb followed by its subject);
//! with none, the outlet reports it on its own account.

use std::ops::Range;

use rasid_lexicon::{MarkerKind, ReportingType, Role};
use rasid_text::morphology::{first_proclitic, Detached, Preposition};
use rasid_text::{Normalized, Span};

use crate::record::Via;
use crate::sentence::SentenceView;

/// What attribution remembers from one sentence to the next: the last
/// explicitly named source and how many sentences ago it was.
#[derive(Debug, Default)]
pub(crate) struct DocState {
    last_source: Option<(Attribution, usize)>,
}

impl DocState {
    pub(crate) fn end_sentence(&mut self) {
        if let Some((_, age)) = &mut self.last_source {
            *age += 1;
        }
    }
}

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
    pub(crate) via: Via,
    /// The rows that decided: (file, line) of the reporting expression and of
    /// the known source, for explanations.
    pub(crate) rows: Vec<(&'static str, usize)>,
    /// Whether it may credit a figure before it: "…، وفق المرصد"، "…، قال المرصد".
    postposed: bool,
    /// Tokens from the reporting word through its subject: a date inside or
    /// right after them dates the statement ("وندد البابا الأحد").
    pub(crate) statement: Range<usize>,
}

impl Attribution {
    pub(crate) fn span(&self, normalized: &Normalized<'_>) -> Span {
        normalized.to_original(self.norm_span.range())
    }
}

/// Every attribution in the sentence, in text order.
pub(crate) fn find(view: &SentenceView<'_>, doc: &mut DocState) -> Vec<Attribution> {
    let mut found: Vec<Attribution> = colon_sources(view);
    let mut i = view.range.start;
    while i < view.range.end {
        let Some((end, entry)) = view.reporting(i) else {
            i += 1;
            continue;
        };
        let kind = entry.kind;
        let row = ("reporting.tsv", entry.line);
        // "تعلن حداداً"، "أعلنت الحكومة حداداً": a verb whose object is in the
        // accusative reports that object, not a figure.
        let object = subject_after(view, end).map_or(end, |range| range.end);
        // "أعلنت الحركة تبنيها للهجوم": a claim of responsibility says who did
        // it, not how many died. The subject read after the verb may run over
        // the object ("تنظيم مسلح تبنيه للتفجير"), or a comma may stand before
        // the object ("أعلنت الحركة، تبنيها"): any word up to the object counts.
        let mut object_word = object;
        while object_word < view.range.end
            && object_word < object + 2
            && view.is_punct_char(object_word, '،')
        {
            object_word += 1;
        }
        let responsibility = (end..=object_word)
            .any(|i| i < view.range.end && view.marker(i, MarkerKind::Responsibility).is_some());
        if kind == ReportingType::Verb
            && ((end < view.range.end && accusative(view, end))
                || (object < view.range.end && accusative(view, object))
                || responsibility)
        {
            i = end;
            continue;
        }
        let attribution = match kind {
            ReportingType::Verb => subject_after(view, end)
                .map(|range| relayed(view, range))
                .or_else(|| subject_before(view, i))
                .map(|range| named(view, range, i, kind, Via::Verb, Some(row)))
                .or_else(|| carried(view, doc, i, kind)),
            ReportingType::Participle => found
                .last()
                .cloned()
                .or_else(|| carried(view, doc, i, kind))
                .map(|mut a| {
                    a.anchor = i;
                    a.kind = kind;
                    a
                }),
            _ => {
                let mut from = end;
                // "بحسب ما أفاد ناشطون"، "حسب ما صرح به الجيش".
                if let Some(after) = view.reporting_link(from, ReportingType::Relative) {
                    from = after;
                }
                if let Some((verb_end, verb)) = view.reporting(from) {
                    if verb.kind == ReportingType::Verb {
                        from = verb_end;
                        if let Some(after) = view.reporting_link(from, ReportingType::Resumptive) {
                            from = after;
                        }
                    }
                }
                subject_after(view, from).map(|range| {
                    // "وفقا لمصادر طبية": the source starts after its "ل".
                    let lam = kind == ReportingType::PrepositionLam && range.start == end;
                    let mut a = named(view, range, i, kind, Via::Preposition, Some(row));
                    if lam {
                        a.skip_lam(view);
                    }
                    a
                })
            }
        };
        if let Some(a) = attribution {
            if a.via != Via::Carried {
                doc.last_source = Some((a.clone(), 0));
            }
            found.push(a);
        }
        i = end;
    }
    found.sort_by_key(|a| a.anchor);
    found
}

/// "نقلت الوكالة عن مصادر طبية": the source is the one relayed.
fn relayed(view: &SentenceView<'_>, subject: Range<usize>) -> Range<usize> {
    let at = subject.end;
    if let Some(after) = view.reporting_link(at, ReportingType::Relay) {
        if let Some(origin) = subject_after(view, after) {
            return origin;
        }
    }
    subject
}

/// Sources before a colon, as headlines and digests write them: "وزارة
/// الصحة في المدينة: 40 قتيلا"، "المتحدث باسم الجيش: …". The phrase runs back
/// from the colon to the previous separator (`| _ - ، #` or the sentence
/// start), has no verb, figure or headline label, and is short.
fn colon_sources(view: &SentenceView<'_>) -> Vec<Attribution> {
    let longest = view.reach.headline_source;
    let mut found = Vec::new();
    for colon in view.range.clone().filter(|&i| view.is_punct_char(i, ':')) {
        let mut start = colon;
        while start > view.range.start && !view.is_punct(start - 1) && colon - start <= longest {
            start -= 1;
        }
        let range = start..colon;
        let separated = start == view.range.start
            || ['|', '_', '-', '،', '#']
                .iter()
                .any(|&c| view.is_punct_char(start - 1, c));
        if range.is_empty()
            || range.len() > longest
            || !separated
            || range.clone().any(|i| {
                view.reporting(i).is_some()
                    || view.number(i).is_some()
                    || view.victim(i, Role::Trigger).is_some()
                    || view.is_marker(i, MarkerKind::HeadlineLabel)
            })
        {
            continue;
        }
        // "سوريا: مقتل 12" labels a country, not a source.
        if range.len() == 1 && view.source(range.start).is_none() {
            continue;
        }
        found.push(named(
            view,
            range,
            colon,
            ReportingType::Verb,
            Via::Headline,
            None,
        ));
    }
    found
}

fn carried(
    view: &SentenceView<'_>,
    doc: &DocState,
    anchor: usize,
    kind: ReportingType,
) -> Option<Attribution> {
    let (previous, age) = doc.last_source.as_ref()?;
    (*age <= view.reach.carry).then(|| Attribution {
        anchor,
        kind,
        via: Via::Carried,
        statement: anchor..anchor + 1,
        ..previous.clone()
    })
}

/// Whether the subject of a reporting verb cannot run through token `i`.
fn ends_subject(view: &SentenceView<'_>, i: usize) -> bool {
    if view.is_punct_char(i, '#') {
        return false;
    }
    if accusative(view, i) {
        return true;
    }
    // "لـ«الشرق»": the recipient of the statement, after a "ل" written apart.
    if view.is_detached_li(i) {
        return true;
    }
    view.marker(i, MarkerKind::SubjectStop).is_some()
        || view.marker(i, MarkerKind::Clause).is_some()
        || view.reporting(i).is_some()
        || view.victim(i, Role::Trigger).is_some()
        || view.number(i).is_some()
        || view.is_clause_punct(i)
}

/// The subject after a reporting verb ending at `from`.
fn subject_after(view: &SentenceView<'_>, from: usize) -> Option<Range<usize>> {
    let mut start = from;
    // `وقال "عثرنا على …"`: a quotation, not a subject.
    if start < view.range.end && view.is_punct_char(start, '"') {
        return None;
    }
    while start < view.range.end && view.is_punct_char(start, '#') {
        start += 1;
    }
    let mut end = start;
    while end < view.range.end && end - start < view.reach.subject && !ends_subject(view, end) {
        end += 1;
    }
    while end > start && (view.is_punct_char(end - 1, '"') || view.is_punct_char(end - 1, '#')) {
        end -= 1;
    }
    (end > start && !accusative(view, start)).then_some(start..end)
}

/// Whether token `i` was written with the accusative tanwin ("أعلن حداداً"):
/// an object, not a subject.
fn accusative(view: &SentenceView<'_>, i: usize) -> bool {
    view.original_text(i).contains('\u{064B}')
}

/// The subject before a reporting verb at `verb` ("المرصد قال إن").
fn subject_before(view: &SentenceView<'_>, verb: usize) -> Option<Range<usize>> {
    let mut verb = verb;
    // "الجيش الذي يقول"، "الوزير قد أعلن"، "الجيش كان قد أعلن".
    while verb > view.range.start
        && (view.is_marker(verb - 1, MarkerKind::Relative)
            || view.is_marker(verb - 1, MarkerKind::Auxiliary))
    {
        verb -= 1;
    }
    // "والمرصد، الذي يعتمد على شبكة من المصادر، قال": a relative clause
    // between commas stands between the subject and its verb.
    if let Some(comma) = relative_clause_before(view, verb) {
        verb = comma;
    }
    let mut start = verb;
    while start > view.range.start
        && verb - start < view.reach.subject + 1
        && !ends_subject(view, start - 1)
        && !view.is_marker(start - 1, MarkerKind::SubjectStart)
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

/// The comma that opens a relative clause ending with a comma right before
/// `verb` ("، الذي … ،"), when the clause holds no figure and no reporting
/// phrase of its own.
fn relative_clause_before(view: &SentenceView<'_>, verb: usize) -> Option<usize> {
    if verb < view.range.start + 3 || !view.is_comma(verb - 1) {
        return None;
    }
    let close = verb - 1;
    let lo = close
        .saturating_sub(view.reach.relative_clause)
        .max(view.range.start + 1);
    let relative = (lo..close)
        .rev()
        .find(|&i| view.is_marker(i, MarkerKind::Relative))?;
    let open = relative - 1;
    let clean = (relative + 1..close)
        .all(|i| view.number(i).is_none() && view.reporting(i).is_none() && !view.is_comma(i));
    (view.is_comma(open) && clean && open > view.range.start).then_some(open)
}

impl Attribution {
    /// A source phrase that starts with the "ل" of "وفقا لـ" ("وفقا لمصادر
    /// طبية"): the surface starts after it.
    fn skip_lam(&mut self, view: &SentenceView<'_>) {
        let Some(first) = view
            .tokens
            .iter()
            .find(|t| t.span.start == self.norm_span.start)
        else {
            return;
        };
        let word = first.text(view.text);
        if first.forms(view.text).count() > 1
            && first_proclitic(word) == Some(Detached::Preposition(Preposition::Li))
        {
            let lam = word.chars().next().map_or(0, char::len_utf8);
            self.norm_span = Span::new(self.norm_span.start + lam, self.norm_span.end);
        }
    }
}

/// An attribution to the phrase `range`, with a canonical source when an
/// alias of one starts in it (and may run past its end: "وزارة الصحة في غزة").
fn named(
    view: &SentenceView<'_>,
    mut range: Range<usize>,
    anchor: usize,
    kind: ReportingType,
    via: Via,
    row: Option<(&'static str, usize)>,
) -> Attribution {
    let mut best: Option<(usize, usize, &rasid_lexicon::SourceEntry)> = None; // (len, start, row)
    for i in range.clone() {
        if let Some((end, source)) = view.source(i) {
            let len = end - i;
            if best.is_none_or(|(l, _, _)| len > l) {
                best = Some((len, i, source));
            }
        }
    }
    let mut rows: Vec<(&'static str, usize)> = row.into_iter().collect();
    let (id, name) = match best {
        Some((len, start, entry)) => {
            // A subject that opens with a full institution name ends with it:
            // "أعلنت وزارة الصحة في المدينة | ارتفاع عدد القتلى"; a one-word
            // alias keeps what follows ("مراسل الوكالة").
            range.end = if start == range.start && len >= 2 {
                start + len
            } else {
                range.end.max(start + len)
            };
            rows.push(("sources.tsv", entry.line));
            (Some(entry.id.clone()), Some(entry.name.clone()))
        }
        None => (None, None),
    };
    let first = &view.tokens[range.start];
    let norm_span = Span::new(first.span.start, view.tokens[range.end - 1].span.end);
    // A verb whose subject follows it, or a preposition, may stand after its figure.
    let postposed = kind.is_preposition() || range.start > anchor;
    let statement = anchor.min(range.start)..anchor.max(range.end);
    Attribution {
        id,
        name,
        norm_span,
        anchor,
        kind,
        via,
        rows,
        postposed,
        statement,
    }
}

/// The source of a claim at token `anchor` whose words end at `end`, by the
/// rule in the module documentation: a preposition right after it ("…، حسب
/// مصادر محلية"), else the nearest attribution before the figure, else the
/// nearest after it.
pub(crate) fn choose<'a>(
    view: &SentenceView<'_>,
    attributions: &'a [Attribution],
    anchor: usize,
    end: usize,
) -> Option<&'a Attribution> {
    let right_after = attributions.iter().find(|a| {
        a.kind.is_preposition() && a.anchor >= end && a.anchor - end <= view.reach.postposed
    });
    if right_after.is_some() {
        return right_after;
    }
    attributions
        .iter()
        .filter(|a| a.anchor < anchor)
        .max_by_key(|a| a.anchor)
        .or_else(|| {
            attributions
                .iter()
                .filter(|a| a.anchor > anchor && a.postposed)
                .min_by_key(|a| a.anchor)
        })
}

#[cfg(test)]
mod tests {
    use crate::{Article, Extractor};

    /// (source id, surface, via) of each claim.
    fn sources(text: &str) -> Vec<(Option<String>, Option<String>, String)> {
        let extractor = Extractor::builtin().expect("lexicons");
        extractor
            .extract(&Article {
                id: "t",
                text,
                outlet: Some("Outlet"),
                published: None,
            })
            .into_iter()
            .map(|c| {
                let s = c.source.expect("outlet or source");
                (s.id, s.surface, s.via.as_str().to_owned())
            })
            .collect()
    }

    #[test]
    fn verb_then_subject() {
        let s = sources("قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا.");
        assert_eq!(s[0].0.as_deref(), Some("sohr"));
        assert_eq!(s[0].2, "verb");
    }

    #[test]
    fn subject_then_verb() {
        let s = sources("وزارة الصحة قالت إن 9 أشخاص قتلوا.");
        assert_eq!(s[0].0.as_deref(), Some("health-ministry"));
    }

    #[test]
    fn postposed_preposition() {
        let s = sources("قتل 4 أشخاص في الغارة، بحسب مصادر طبية.");
        assert_eq!(
            (s[0].0.as_deref(), s[0].2.as_str()),
            (Some("medical-sources"), "preposition")
        );
    }

    #[test]
    fn pronoun_verb_carries_the_earlier_source() {
        let s = sources("وقالت مؤسسة الدفاع المدني إن القصف استمر. وأشارت إلى أن 7 أشخاص قتلوا.");
        assert_eq!(
            (s[0].0.as_deref(), s[0].2.as_str()),
            (Some("civil-defence"), "carried")
        );
    }

    #[test]
    fn relay_credits_the_origin() {
        let s = sources("ونقلت الوكالة عن مصادر طبية قولها إن 5 أشخاص قتلوا.");
        assert_eq!(s[0].0.as_deref(), Some("medical-sources"));
    }

    #[test]
    fn unknown_source_keeps_its_surface() {
        let s = sources("وأكد مسؤول محلي مقتل 3 مزارعين.");
        assert_eq!(
            (s[0].0.as_deref(), s[0].1.as_deref()),
            (None, Some("مسؤول محلي"))
        );
    }

    #[test]
    fn no_source_is_the_outlets_own_account() {
        let s = sources("قتل 6 أشخاص في انفجار لغم.");
        assert_eq!(
            (s[0].0.as_deref(), s[0].1.as_deref(), s[0].2.as_str()),
            (None, None, "outlet")
        );
    }

    #[test]
    fn an_accusative_object_is_no_source() {
        let s = sources("أعلنت الحكومة حداداً وطنياً بعد مقتل 40 شخصاً.");
        assert_eq!(s[0].2, "outlet");
    }
}
