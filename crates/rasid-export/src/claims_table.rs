//! The claims of `rasid extract --format table`, for a person at a terminal.

use std::io::{self, Write};

use rasid_extract::Claim;

/// Writes one block per claim: figure, kind, group, source, then the evidence.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_claims_table(out: &mut impl Write, claims: &[Claim]) -> io::Result<()> {
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
            if claim.qualifier.as_str() == "vague" {
                format!("{} (vague)", crate::figure(claim))
            } else {
                crate::figure(claim)
            },
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
