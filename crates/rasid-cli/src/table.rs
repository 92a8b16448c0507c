//! `--format table`: claims for a person at a terminal.

use std::io::{self, Write};

use rasid_extract::Claim;

fn figure(claim: &Claim) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
    match claim.qualifier.as_str() {
        "exact" => n(claim.value_min),
        "at_least" => format!("≥{}", n(claim.value_min)),
        "more_than" => format!(">{}", n(claim.value_min)),
        "about" => format!("~{}", n(claim.value_min)),
        "up_to" => format!("≤{}", n(claim.value_max)),
        "less_than" => format!("<{}", n(claim.value_max)),
        "range" => format!("{}–{}", n(claim.value_min), n(claim.value_max)),
        _ => format!("{}+ (vague)", n(claim.value_min)),
    }
}

/// Writes one block per claim: figure, kind, group, source, then the evidence.
pub(crate) fn write(out: &mut impl Write, claims: &[Claim]) -> io::Result<()> {
    writeln!(
        out,
        "{:<24} {:<18} {:>14}  {:<14} SOURCE",
        "DOC", "KIND", "FIGURE", "GROUP"
    )?;
    for claim in claims {
        let source = claim.source.as_ref().map_or_else(
            || "(outlet)".to_owned(),
            |s| {
                if s.is_outlet {
                    format!("(outlet: {})", s.name.as_deref().unwrap_or("?"))
                } else {
                    let surface = s.surface.as_deref().unwrap_or("");
                    match &s.id {
                        Some(id) => format!("{id} «{surface}»"),
                        None => format!("«{surface}»"),
                    }
                }
            },
        );
        let doc: String = claim.doc.chars().take(24).collect();
        writeln!(
            out,
            "{:<24} {:<18} {:>14}  {:<14} {}",
            doc,
            claim.kind.as_str(),
            figure(claim),
            claim.group.as_deref().unwrap_or("-"),
            source
        )?;
        writeln!(
            out,
            "    «{}»  [bytes {}..{}]",
            claim.evidence, claim.span.start, claim.span.end
        )?;
    }
    writeln!(out, "{} claim(s)", claims.len())
}
