//! The claim builder, the top layer: a figure found by the casualty
//! recogniser, the source attribution chose for it and the sentence it stands
//! in become one claim record.

use rasid_text::Normalized;

use crate::attribution::{self, Attribution};
use crate::casualty::RawClaim;
use crate::record::{Claim, SourceRef, Via};
use crate::sentence::SentenceView;
use crate::Article;

pub(crate) fn build(
    article: &Article<'_>,
    normalized: &Normalized<'_>,
    view: &SentenceView<'_>,
    raw: &RawClaim,
    attributions: &[Attribution],
) -> Claim {
    let tokens = view.tokens;
    let first = &tokens[raw.tokens.start];
    let last = &tokens[raw.tokens.end - 1];
    let span = normalized.to_original(first.span.start..last.span.end);
    let sentence = normalized.to_original(view.span.range());
    let source = match attribution::choose(view, attributions, raw.anchor, raw.tokens.end) {
        Some(a) => Some(SourceRef {
            id: a.id.clone(),
            name: a.name.clone(),
            surface: Some(article.text[a.span(normalized).range()].to_owned()),
            span: Some(a.span(normalized)),
            is_outlet: false,
            via: a.via,
        }),
        None => article.outlet.map(|outlet| SourceRef {
            id: None,
            name: Some(outlet.to_owned()),
            surface: None,
            span: None,
            is_outlet: true,
            via: Via::Outlet,
        }),
    };
    Claim {
        doc: article.id.to_owned(),
        kind: raw.kind,
        value_min: raw.value_min,
        value_max: raw.value_max,
        qualifier: raw.qualifier,
        group: raw.group.clone(),
        source,
        evidence: article.text[span.range()].to_owned(),
        span,
        sentence,
        scope: raw.scope,
        subgroup: raw.subgroup,
        outlet: article.outlet.map(str::to_owned),
        published: article.published.map(str::to_owned),
        date: None,
        place: None,
        event_type: None,
        sub_event_type: None,
        sub_event_types: Vec::new(),
        plover: None,
        actors: Vec::new(),
    }
}
