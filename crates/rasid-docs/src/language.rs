//! Whether a document is Arabic text: rasid's recognisers read Arabic only,
//! so a document in another language would give no claim without a word.

use crate::{Document, ReadError};

/// Under this share of letters in the Arabic script (in percent), a text is
/// not Arabic. Low on purpose: Arabic news quotes names and terms in Latin
/// letters, and social posts mix scripts (a tenth is far below any Arabic
/// article or post seen); an English or French article has none or a few
/// quoted words.
const MIN_ARABIC_PERCENT: u64 = 10;

/// Letters of the Arabic script: the Arabic, Arabic Supplement and Extended-A
/// blocks and the presentation forms.
fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// How much of a text is looked at: its first 64 KiB tell its language, and
/// a long document costs no more.
const SAMPLE_BYTES: usize = 64 * 1024;

/// The share of the letters of `text` (of its first [`SAMPLE_BYTES`]) that
/// are Arabic, in whole percent (0 for a text without letters).
pub(crate) fn arabic_percent(text: &str) -> u8 {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut letters, mut arabic) = (0_u64, 0_u64);
    for c in text[..end].chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        arabic += u64::from(is_arabic_letter(c));
    }
    if letters == 0 {
        return 0;
    }
    u8::try_from(arabic * 100 / letters).expect("a share is at most 100")
}

/// Whether a language tag names Arabic: its primary subtag is `ar` (BCP 47),
/// `ara` or `arb` (ISO 639-2 and 639-3), in any case.
fn is_arabic_tag(tag: &str) -> bool {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
    ["ar", "ara", "arb"]
        .iter()
        .any(|code| primary.eq_ignore_ascii_case(code))
}

/// What to say about the language of `document`: `Err` when its text is not
/// Arabic (it is left out), `Ok(Some(notice))` when its `lang` names another
/// language though the text is Arabic (it is read as Arabic).
pub(crate) fn check(document: &Document) -> Result<Option<ReadError>, ReadError> {
    let percent = arabic_percent(&document.text);
    let lang = document
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|lang| !lang.is_empty());
    if u64::from(percent) < MIN_ARABIC_PERCENT {
        return Err(ReadError::NotArabic {
            path: document.origin.path.clone(),
            line: document.origin.line,
            percent,
            lang: lang.map(str::to_owned),
        });
    }
    Ok(lang
        .filter(|lang| !is_arabic_tag(lang))
        .map(|lang| ReadError::LangNotArabic {
            path: document.origin.path.clone(),
            line: document.origin.line,
            lang: lang.to_owned(),
        }))
}

#[cfg(test)]
mod tests {
    use super::{arabic_percent, is_arabic_tag};

    #[test]
    fn shares_of_arabic_letters() {
        assert_eq!(arabic_percent("قتل ثلاثة"), 100);
        assert_eq!(arabic_percent("Three people were killed"), 0);
        assert_eq!(arabic_percent("ab قت"), 50);
        assert_eq!(arabic_percent("2019 ، 12"), 0);
    }

    #[test]
    fn arabic_language_tags() {
        for tag in ["ar", "AR", "ar-SY", "ar_EG", "ara", "arb"] {
            assert!(is_arabic_tag(tag), "{tag}");
        }
        for tag in ["en", "fr-FR", "fa", "arz", "art"] {
            assert!(!is_arabic_tag(tag), "{tag}");
        }
    }
}
