//! A readable table of incidents for the terminal.

use std::fmt::Write as _;

use rasid_link::Incident;

/// One block per incident: date, place, types, estimates, then its claims.
#[must_use]
pub fn to_table(incidents: &[Incident]) -> String {
    let mut out = String::new();
    for i in incidents {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}{}",
            i.date.as_ref().map_or("undated".to_owned(), |d| format!(
                "{} ({})",
                d.value, d.precision
            )),
            i.place.as_ref().map_or("unplaced".to_owned(), |p| format!(
                "{}, {}",
                p.name, p.country
            )),
            if i.sub_event_types.is_empty() {
                "-".to_owned()
            } else {
                i.sub_event_types.join(" + ")
            },
            if i.scope == "campaign" {
                "[campaign total] "
            } else {
                ""
            },
            if i.disagreement {
                "[sources disagree]"
            } else {
                ""
            },
        );
        for (kind, e) in &i.estimates {
            let n = |v: Option<u64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
            let _ = writeln!(
                out,
                "    {kind:<18} low {:>6}  best {:>6}  high {:>6}  ({} source(s), {} claim(s))",
                n(e.low),
                n(e.best),
                n(e.high),
                e.sources,
                e.claims
            );
        }
        for c in &i.claims {
            let _ = writeln!(
                out,
                "      {:<10} {:>12} {:<14} {:<40} {}{}",
                c.claim.kind.as_str(),
                crate::figure(&c.claim),
                c.claim.group.as_deref().unwrap_or("-"),
                crate::source_label(&c.claim),
                c.claim.outlet.as_deref().unwrap_or(""),
                if c.superseded {
                    "  (superseded)"
                } else if c.duplicate {
                    "  (duplicate)"
                } else {
                    ""
                },
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{} incident(s)", incidents.len());
    out
}
