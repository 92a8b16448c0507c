//! Properties of extraction over arbitrary text: it never panics, and every
//! span it reports cites the original bytes exactly.

use proptest::prelude::*;
use std::sync::OnceLock;

use rasid_extract::{Article, Extractor};

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_cite_the_original(text in arabic_text()) {
        let extractor = extractor();
        let claims = extractor.extract(&Article { id: "p", text: &text, outlet: None, published: None });
        for claim in claims {
            prop_assert!(claim.span.end <= text.len());
            prop_assert!(text.is_char_boundary(claim.span.start) && text.is_char_boundary(claim.span.end));
            prop_assert_eq!(&text[claim.span.range()], claim.evidence.as_str());
            prop_assert!(claim.sentence.contains(claim.span));
            if let Some(source) = claim.source.and_then(|s| s.span) {
                prop_assert!(text.is_char_boundary(source.start) && text.is_char_boundary(source.end));
            }
            if let (Some(min), Some(max)) = (claim.value_min, claim.value_max) {
                prop_assert!(min <= max);
            }
        }
    }

    #[test]
    fn any_string_is_safe(text in ".{0,300}") {
        let extractor = extractor();
        let _ = extractor.extract(&Article { id: "p", text: &text, outlet: None, published: None });
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
