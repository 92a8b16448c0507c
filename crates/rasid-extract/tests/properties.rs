//! Properties of extraction over generated and arbitrary text: every span it
//! reports lies inside the original, on character boundaries, and cites the
//! bytes of its field; what the normalised view matched maps back onto the
//! same characters; and extraction does not depend on how the input was
//! spelled (normalising it first finds the same figures) or on how often it
//! runs.

use proptest::prelude::*;
use std::sync::OnceLock;

use rasid_extract::{Article, Claim, Extractor};
use rasid_text::normalize_str;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builtin().expect("lexicons"))
}

/// Arabic-heavy text: words of the lexicons, figures in three digit systems,
/// marks, punctuation and noise.
fn arabic_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "مقتل",
        "قتل",
        "أصيب",
        "جرحى",
        "قتلى",
        "شهيداً",
        "بينهم",
        "أطفال",
        "مدنيا",
        "شخصا",
        "أكثر",
        "من",
        "على",
        "الأقل",
        "نحو",
        "بين",
        "و",
        "عشرات",
        "آلاف",
        "ألفا",
        "خمسة",
        "وعشرون",
        "مئة",
        "قال",
        "المرصد",
        "وفق",
        "بحسب",
        "إن",
        "أن",
        "إلى",
        "عدد",
        "ارتفع",
        "غارة",
        "عام",
        "2016",
        "٣٢",
        "۱۲",
        "150",
        "،",
        ".",
        ":",
        "\"",
        "ـ",
        "\u{064B}",
        "\u{200F}",
        "\n",
        "؟",
        "%",
        "-",
        "/",
        "x",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

/// Every span of the claim lies inside `text`, on char boundaries, and
/// cites what its field says.
fn check_spans(text: &str, claim: &Claim) -> Result<(), TestCaseError> {
    let inside = |span: rasid_text::Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    prop_assert!(inside(claim.span), "{:?}", claim.span);
    prop_assert!(inside(claim.sentence));
    prop_assert_eq!(&text[claim.span.range()], claim.evidence.as_str());
    prop_assert!(claim.sentence.contains(claim.span));
    // The normalised view maps back onto the same characters: the evidence,
    // normalised, is part of its sentence, normalised.
    prop_assert!(
        normalize_str(&text[claim.sentence.range()]).contains(&normalize_str(&claim.evidence))
    );
    prop_assert!(!normalize_str(&claim.evidence).trim().is_empty());
    if let Some(source) = &claim.source {
        if let Some(span) = source.span {
            prop_assert!(inside(span));
            prop_assert_eq!(Some(&text[span.range()]), source.surface.as_deref());
        }
    }
    if let Some(date) = &claim.date {
        if let Some(span) = date.span {
            prop_assert!(inside(span));
            prop_assert_eq!(Some(&text[span.range()]), date.surface.as_deref());
        }
    }
    if let Some(place) = &claim.place {
        prop_assert!(inside(place.span));
        prop_assert_eq!(&text[place.span.range()], place.surface.as_str());
    }
    for actor in &claim.actors {
        prop_assert!(inside(actor.span));
        prop_assert_eq!(&text[actor.span.range()], actor.surface.as_str());
    }
    if let (Some(min), Some(max)) = (claim.value_min, claim.value_max) {
        prop_assert!(min <= max);
    }
    Ok(())
}

fn extract(text: &str) -> Vec<Claim> {
    extractor().extract(&Article {
        id: "p",
        text,
        outlet: Some("Outlet"),
        published: Some("2021-05-04"),
    })
}

/// What a claim counts, without where it stands.
fn figure(
    c: &Claim,
) -> (
    String,
    Option<u64>,
    Option<u64>,
    String,
    Option<String>,
    bool,
) {
    (
        c.kind.as_str().to_owned(),
        c.value_min,
        c.value_max,
        c.qualifier.as_str().to_owned(),
        c.group.clone(),
        c.subgroup,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_cite_the_original(text in arabic_text()) {
        for claim in extract(&text) {
            check_spans(&text, &claim)?;
        }
    }

    #[test]
    fn spans_of_any_string_cite_the_original(text in ".{0,300}") {
        for claim in extract(&text) {
            check_spans(&text, &claim)?;
        }
    }

    /// Extraction reads the normalised view: the same text written with the
    /// folded spellings (no diacritics or tatweel, one alef, ه for ة) gives
    /// the same figures.
    #[test]
    fn normalising_the_input_first_finds_the_same_figures(text in arabic_text()) {
        let original: Vec<_> = extract(&text).iter().map(figure).collect();
        let folded: Vec<_> = extract(&normalize_str(&text)).iter().map(figure).collect();
        prop_assert_eq!(original, folded);
    }

    /// Reading is a pure function of the article: twice gives the same claims.
    #[test]
    fn extraction_is_deterministic(text in arabic_text()) {
        prop_assert_eq!(extract(&text), extract(&text));
    }
}

/// A text over the piece size is read in pieces whose spans still cite the
/// whole text, and finds what the pieces hold.
#[test]
fn long_texts_are_read_in_pieces() {
    let paragraph = "قال المرصد السوري إن 12 مدنيا قتلوا في غارة على مدينة أريحا.\n";
    let text = paragraph.repeat(rasid_extract::CHUNK_BYTES / paragraph.len() * 2 + 7);
    let claims = extractor().extract(&Article {
        id: "long",
        text: &text,
        outlet: None,
        published: None,
    });
    assert_eq!(claims.len(), text.matches("12 مدنيا").count());
    for claim in &claims {
        assert_eq!(&text[claim.span.range()], claim.evidence);
        assert_eq!(
            claim.source.as_ref().and_then(|s| s.id.as_deref()),
            Some("sohr")
        );
    }
}
