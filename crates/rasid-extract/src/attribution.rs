//! Attribution: who the text says a figure comes from.
//!
//! * A reporting **verb** with its subject after it ("قال المرصد السوري إن")
//!   or before it ("غير أن فضائية أورينت قالت إن"). With no subject
//!   ("وأشارت إلى أن"، "كما كشفت أن") the verb's subject is a pronoun and the
//!   source named in one of the three sentences before carries over.
//! * A **participle** ("مشيرا إلى أن") carries its sentence's source.
//! * A **preposition** before the source ("وفق المرصد"، "بحسب ما أفاد ناشطون").
//!
//! A claim takes a prepositional source standing right after it first
//! ("…، وفق المرصد"), then the nearest attribution before it, then one after
//! it that may stand there (a preposition, or a verb followed by its subject);
//! with none, the outlet reports it on its own account.

use std::ops::Range;

use rasid_lexicon::{ReportingType, Role};
use rasid_text::{Normalized, Span};

use crate::casualty::RawClaim;
use crate::sentence::{DocState, SentenceView};
use rasid_lexicon::MarkerKind;

/// How many sentences a named source carries over to pronoun verbs.
const CARRY_SENTENCES: usize = 3;
/// How far after a claim a prepositional source still credits it.
const POSTPOSED_REACH: usize = 8;
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
        let Some((end, kind)) = view.reporting(i) else {
            i += 1;
            continue;
        };
        // "تعلن حداداً"، "أعلنت الحكومة حداداً": a verb whose object is in the
        // accusative reports that object, not a figure.
        let object = subject_after(view, end).map_or(end, |range| range.end);
        // "أعلنت الحركة تبنيها للهجوم": a claim of responsibility says who did
        // it, not how many died.
        // The subject read after the verb may run over the object ("تنظيم
        // مسلح تبنيه للتفجير"), or a comma may stand before the object
        // ("أعلنت الحركة، تبنيها"): any word up to the object counts.
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
                // Only "وفقا لـ"، "طبقا لـ"، "استنادا لـ" join "ل" to the source.
                let takes_lam =
                    matches!(
                        view.tokens[end - 1].without_proclitics(view.text),
                        "وفقا" | "طبقا" | "استنادا" | "فقا"
                    ) || matches!(view.token_text(end - 1), "وفقا" | "طبقا" | "استنادا");
                subject_after(view, from).map(|range| {
                    let via = if takes_lam && range.start == end {
                        "preposition+lam"
                    } else {
                        "preposition"
                    };
                    named(view, range, i, kind, via)
                })
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
    found.sort_by_key(|a| a.anchor);
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

/// Sources before a colon, as headlines and digests write them:
/// "وزارة الصحة في غزة: 40 شهيدا"، "عاجل | المتحدث باسم الجيش: …".
/// The phrase runs back from the colon to the previous separator
/// (`| _ - ، #` or the sentence start), has no verb or figure, and is short.
fn colon_sources(view: &SentenceView<'_>) -> Vec<Attribution> {
    let mut found = Vec::new();
    for colon in view.range.clone().filter(|&i| view.is_punct_char(i, ':')) {
        let mut start = colon;
        while start > view.range.start && !view.is_punct(start - 1) && colon - start <= 6 {
            start -= 1;
        }
        let range = start..colon;
        let separated = start == view.range.start
            || ['|', '_', '-', '،', '#']
                .iter()
                .any(|&c| view.is_punct_char(start - 1, c));
        if range.is_empty()
            || range.len() > 6
            || !separated
            || range.clone().any(|i| {
                view.reporting(i).is_some()
                    || view.number(i).is_some()
                    || view.victim(i, Role::Trigger).is_some()
                    || matches!(
                        view.token_text(i),
                        "عاجل" | "الان" | "اليوم" | "التفاصيل" | "المصدر"
                    )
            })
        {
            continue;
        }
        // "سوريا: مقتل 12" labels a country, not a source.
        if range.len() == 1 && view.source(range.start).is_none() {
            continue;
        }
        found.push(named(view, range, colon, ReportingType::Verb, "headline"));
    }
    found
}

fn carried(doc: &DocState, anchor: usize, kind: ReportingType) -> Option<Attribution> {
    let (previous, age) = doc.last_source.as_ref()?;
    (*age <= CARRY_SENTENCES).then(|| Attribution {
        anchor,
        kind,
        via: "carried",
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
    // "لـ«الشرق الأوسط»": the recipient of the statement, after a lone "ل".
    if view.token_text(i) == "ل" {
        return true;
    }
    view.marker(i, MarkerKind::SubjectStop).is_some()
        || view.marker(i, MarkerKind::Clause).is_some()
        || view.reporting(i).is_some()
        || view.victim(i, Role::Trigger).is_some()
        || view.number(i).is_some()
        || (view.is_punct(i) && !view.is_punct_char(i, '"'))
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
    while end < view.range.end && end - start < SUBJECT_TOKENS && !ends_subject(view, end) {
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
    // "الجيش الذي يقول"، "بايدن قد أعلن"، "الجيش كان قد أعلن".
    while verb > view.range.start
        && matches!(
            view.token_text(verb - 1),
            "الذي" | "التي" | "الذين" | "قد" | "كان" | "كانت"
        )
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
        && verb - start < SUBJECT_TOKENS + 1
        && !ends_subject(view, start - 1)
        && !matches!(
            view.token_text(start - 1),
            "وكان" | "وكانت" | "كان" | "كانت"
        )
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

/// How many tokens a relative clause between a subject and its verb may hold.
const RELATIVE_CLAUSE_TOKENS: usize = 16;

/// The comma that opens a relative clause ending with a comma right before
/// `verb` ("، الذي … ،"), when the clause holds no figure and no reporting
/// phrase of its own.
fn relative_clause_before(view: &SentenceView<'_>, verb: usize) -> Option<usize> {
    let is_comma = |i: usize| view.is_punct_char(i, '،') || view.is_punct_char(i, ',');
    if verb < view.range.start + 3 || !is_comma(verb - 1) {
        return None;
    }
    let close = verb - 1;
    let lo = close
        .saturating_sub(RELATIVE_CLAUSE_TOKENS)
        .max(view.range.start + 1);
    let relative = (lo..close)
        .rev()
        .find(|&i| matches!(view.token_text(i), "الذي" | "التي" | "الذين"))?;
    let open = relative - 1;
    let clean = (relative + 1..close)
        .all(|i| view.number(i).is_none() && view.reporting(i).is_none() && !is_comma(i));
    (is_comma(open) && clean && open > view.range.start).then_some(open)
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
            // A subject that opens with a full institution name ends with it:
            // "أعلنت وزارة الصحة في غزة | ارتفاع عدد الشهداء"; a one-word
            // alias keeps what follows ("مراسل بلدي نيوز").
            range.end = if start == range.start && len >= 2 {
                start + len
            } else {
                range.end.max(start + len)
            };
            let entry = &view.lex.sources[source];
            (Some(entry.id.clone()), Some(entry.name.clone()))
        }
        None => (None, None),
    };
    let first = &view.tokens[range.start];
    // "وفقا لمصادر طبية": after a preposition the phrase starts after its "ل"/"ب".
    let clitic = if via == "preposition+lam" && first.forms(view.text).count() > 1 {
        view.token_text(range.start)
            .chars()
            .next()
            .filter(|&c| c == 'ل')
            .map_or(0, char::len_utf8)
    } else {
        0
    };
    let via = if via == "preposition+lam" {
        "preposition"
    } else {
        via
    };
    let start = first.span.start + clitic;
    let norm_span = Span::new(start, view.tokens[range.end - 1].span.end);
    // A verb whose subject follows it, or a preposition, may stand after its figure.
    let postposed = kind == ReportingType::Preposition || range.start > anchor;
    let statement = anchor.min(range.start)..anchor.max(range.end);
    Attribution {
        statement,
        id,
        name,
        norm_span,
        anchor,
        kind,
        via,
        postposed,
    }
}

/// The source of a claim, by the rule in the module documentation: a
/// preposition right after it ("…، حسب مصادر محلية"), else the nearest
/// attribution before the figure, else the nearest after it.
pub(crate) fn choose<'a>(
    attributions: &'a [Attribution],
    claim: &RawClaim,
) -> Option<&'a Attribution> {
    let at = claim.anchor;
    let right_after = attributions.iter().find(|a| {
        a.kind == ReportingType::Preposition
            && a.anchor >= claim.tokens.end
            && a.anchor - claim.tokens.end <= POSTPOSED_REACH
    });
    if right_after.is_some() {
        return right_after;
    }
    attributions
        .iter()
        .filter(|a| a.anchor < at)
        .max_by_key(|a| a.anchor)
        .or_else(|| {
            attributions
                .iter()
                .filter(|a| a.anchor > at && a.postposed)
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
                (s.id, s.surface, s.via)
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
