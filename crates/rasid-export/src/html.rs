//! One static, right-to-left HTML page: every incident, its estimates, its
//! claim table, and each claim's sentence with the figure and the source
//! highlighted where they stand. No script, no external asset.

use std::collections::HashMap;
use std::fmt::Write as _;

use rasid_extract::Claim;
use rasid_link::Incident;

/// A document's text, to show the sentences claims come from.
#[derive(Debug, Clone, Copy)]
pub struct ReportDocument<'a> {
    /// Document id.
    pub id: &'a str,
    /// Original text (claim spans point into it).
    pub text: &'a str,
    /// Where the article was found online, as its source gave it: the
    /// outlet's name links to it only when it is an `http` or `https` URL.
    pub url: Option<&'a str>,
}

/// `url` when it is an absolute `http` or `https` URL that may stand in an
/// `href`; `None` for anything else (`javascript:`, `data:`, a relative
/// path, a URL with spaces or quotes), which is then shown as text.
#[must_use]
pub fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let clean = !rest.is_empty()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`')
        });
    (web && clean).then_some(url)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font-family:"Noto Naskh Arabic","Amiri","DejaVu Sans",Tahoma,sans-serif;margin:0;background:#f6f5f1;color:#1d1d1b;line-height:1.6}
header{background:#1f3a4d;color:#fff;padding:1rem 2rem}
header h1{margin:0;font-size:1.6rem}
header p{margin:.2rem 0 0;opacity:.85}
main{padding:1rem 2rem;max-width:1200px;margin:auto}
section.incident{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:1rem 1.25rem}
section.incident h2{margin:.2rem 0;font-size:1.25rem}
.meta{color:#555;font-size:.95rem}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;margin-inline-start:.4rem;font-size:.85rem}
.badge.disagree{background:#fde2e1;color:#9b1c1c;border:1px solid #f5b5b2}
.badge.campaign{background:#e8eefc;color:#1e3a8a;border:1px solid #b9c8f5}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.95rem}
th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#fafafa}
td.num{direction:ltr;text-align:end;font-variant-numeric:tabular-nums}
tr.superseded td{color:#888;text-decoration:line-through}
.estimates td.num{font-weight:bold}
blockquote{margin:.4rem 0;padding:.4rem .8rem;border-inline-start:4px solid #c9c4b5;background:#fbfaf7}
mark.figure{background:#ffe08a;padding:0 .1rem}
mark.source{background:#bfe3ff;padding:0 .1rem}
.src{font-size:.85rem;color:#555}
"#;

/// Arabic labels for the kinds of the claim format.
fn kind_ar(kind: &str) -> &str {
    match kind {
        "killed" => "قتلى",
        "injured" => "جرحى",
        "killed_or_injured" => "قتلى وجرحى",
        "missing" => "مفقودون",
        "detained" => "معتقلون",
        "displaced" => "نازحون",
        other => other,
    }
}

/// Arabic labels for the groups of the claim format.
fn group_ar(group: Option<&str>) -> &str {
    match group {
        Some("civilians") => "مدنيون",
        Some("children") => "أطفال",
        Some("women") => "نساء",
        Some("fighters") => "مقاتلون",
        Some("soldiers") => "عسكريون",
        Some("civil_defence") => "الدفاع المدني",
        Some("medics") => "مسعفون",
        Some("journalists") => "صحفيون",
        Some(other) => other,
        None => "",
    }
}

fn sentence_html(claim: &Claim, text: &str) -> String {
    let sentence = claim.sentence;
    if sentence.end > text.len()
        || !text.is_char_boundary(sentence.start)
        || !text.is_char_boundary(sentence.end)
    {
        return escape(&claim.evidence);
    }
    // Marks inside the sentence: the figure, and the source when it stands there.
    let mut marks: Vec<(usize, usize, &str)> = vec![(claim.span.start, claim.span.end, "figure")];
    if let Some(span) = claim.source.as_ref().and_then(|s| s.span) {
        if sentence.start <= span.start
            && span.end <= sentence.end
            && (span.end <= claim.span.start || span.start >= claim.span.end)
        {
            marks.push((span.start, span.end, "source"));
        }
    }
    marks.sort_unstable();
    let mut out = String::new();
    let mut at = sentence.start;
    for (start, end, class) in marks {
        if start < at || end > sentence.end {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        let _ = write!(
            out,
            "<mark class=\"{class}\">{}</mark>",
            escape(&text[start..end])
        );
        at = end;
    }
    out.push_str(&escape(&text[at..sentence.end]));
    out
}

/// The outlet's name, a link to the article when its URL is `http` or
/// `https`; any other address is shown as text after the name.
fn outlet_html(outlet: &str, url: Option<&str>) -> String {
    match url {
        None => escape(outlet),
        Some(url) => match safe_link(url) {
            Some(url) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape(url),
                escape(if outlet.is_empty() { url } else { outlet })
            ),
            None => format!(
                "{}<div class=\"src\" dir=\"ltr\">{}</div>",
                escape(outlet),
                escape(url.trim())
            ),
        },
    }
}

/// The report page.
#[must_use]
pub fn to_html(incidents: &[Incident], documents: &[ReportDocument<'_>], title: &str) -> String {
    let texts: HashMap<&str, &str> = documents.iter().map(|d| (d.id, d.text)).collect();
    let urls: HashMap<&str, &str> = documents
        .iter()
        .filter_map(|d| d.url.map(|url| (d.id, url)))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>راصد — {}</h1><p>{} حادثة · {} ادعاء · كل رقم مع مصدره والجملة التي ورد فيها</p></header>\n<main>\n",
        escape(title),
        escape(title),
        incidents.len(),
        incidents.iter().map(|i| i.claims.len()).sum::<usize>()
    );
    for incident in incidents {
        let place = incident.place.as_ref().map_or_else(
            || "مكان غير محدد".to_owned(),
            |p| {
                format!(
                    "{} ({}{})",
                    p.surface.trim_start_matches(['ب', 'ل', 'و']),
                    p.name,
                    p.admin1
                        .as_ref()
                        .map_or(String::new(), |a| format!("، {a}"))
                )
            },
        );
        let date = incident.date.as_ref().map_or_else(
            || "تاريخ غير محدد".to_owned(),
            |d| format!("{} ({})", d.value, d.precision),
        );
        let _ = write!(
            out,
            "<section class=\"incident\" id=\"{}\" data-incident=\"{}\">\n<h2>{} — {}",
            escape(&incident.id),
            escape(&incident.id),
            escape(&date),
            escape(&place)
        );
        if incident.scope == "campaign" {
            out.push_str("<span class=\"badge campaign\">حصيلة حملة</span>");
        }
        if incident.disagreement {
            out.push_str("<span class=\"badge disagree\">المصادر مختلفة</span>");
        }
        out.push_str("</h2>\n");
        let meta: Vec<String> = [
            incident.event_types.join(", "),
            incident.sub_event_types.join(" + "),
            incident.actors.join(", "),
        ]
        .into_iter()
        .filter(|m| !m.is_empty())
        .collect();
        if !meta.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"meta\" dir=\"ltr\">{}</p>",
                escape(&meta.join(" · "))
            );
        }
        out.push_str("<table class=\"estimates\"><thead><tr><th>النوع</th><th>الأدنى</th><th>الأرجح</th><th>الأعلى</th><th>مصادر مستقلة</th></tr></thead><tbody>\n");
        for (kind, e) in &incident.estimates {
            let n = |v: Option<u64>| v.map_or_else(|| "—".to_owned(), |v| v.to_string());
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(kind_ar(kind)),
                n(e.low),
                n(e.best),
                n(e.high),
                e.sources
            );
        }
        out.push_str("</tbody></table>\n");
        out.push_str("<table class=\"claims\"><thead><tr><th>الرقم</th><th>النوع</th><th>الفئة</th><th>المصدر</th><th>الوسيلة</th><th>النشر</th><th>الجملة</th></tr></thead><tbody>\n");
        for c in &incident.claims {
            let text = texts.get(c.claim.doc.as_str()).copied().unwrap_or("");
            let source = match &c.claim.source {
                Some(s) if !s.is_outlet => format!(
                    "{}<div class=\"src\">{}</div>",
                    escape(s.surface.as_deref().unwrap_or("")),
                    escape(s.name.as_deref().unwrap_or(""))
                ),
                _ => "رواية الوسيلة".to_owned(),
            };
            let _ = writeln!(
                out,
                "<tr class=\"{}\" data-doc=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td><blockquote>{}</blockquote></td></tr>",
                if c.superseded { "superseded" } else { "" },
                escape(&c.claim.doc),
                escape(&crate::figure(&c.claim)),
                escape(kind_ar(c.claim.kind.as_str())),
                escape(group_ar(c.claim.group.as_deref())),
                source,
                outlet_html(c.claim.outlet.as_deref().unwrap_or(""), urls.get(c.claim.doc.as_str()).copied()),
                escape(c.claim.published.as_deref().unwrap_or("")),
                if text.is_empty() { escape(&c.claim.evidence) } else { sentence_html(&c.claim, text) },
            );
        }
        out.push_str("</tbody></table>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::{outlet_html, safe_link};

    #[test]
    fn only_http_and_https_urls_are_links() {
        assert_eq!(
            safe_link("https://wire.example/a?b=1"),
            Some("https://wire.example/a?b=1")
        );
        assert_eq!(
            safe_link(" HTTP://wire.example/ "),
            Some("HTTP://wire.example/")
        );
        for url in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "/relative/path",
            "//wire.example/x",
            "https://",
            "https://wire.example/\"onmouseover=\"alert(1)",
            "https://wire.example/a b",
        ] {
            assert_eq!(safe_link(url), None, "{url}");
        }
    }

    #[test]
    fn a_javascript_url_is_shown_as_escaped_text_not_a_link() {
        let html = outlet_html("Wire", Some("javascript:alert('x')"));
        assert!(!html.contains("href"), "{html}");
        assert_eq!(
            html,
            "Wire<div class=\"src\" dir=\"ltr\">javascript:alert(&#39;x&#39;)</div>"
        );
        let html = outlet_html("Wire", Some("https://wire.example/1"));
        assert_eq!(
            html,
            "<a href=\"https://wire.example/1\" rel=\"noopener noreferrer\">Wire</a>"
        );
    }
}
