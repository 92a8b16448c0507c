//! Single-document files (`.txt`, `.html`): read whole, under the size limit,
//! and decoded.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

use crate::html::read_page;
use crate::manifest::ManifestEntry;
use crate::utf16::{decode_utf16, utf16_bom};
use crate::{Document, Origin, ReadError};

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Why bytes are not usable text; made into a [`ReadError`] by the caller,
/// which knows where they came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextProblem {
    Empty,
    Blank,
    /// A NUL at this byte.
    Binary(u64),
    /// Invalid UTF-8 at this byte.
    InvalidUtf8(u64),
    /// Invalid UTF-16 (after a UTF-16 byte-order mark) at this byte.
    InvalidUtf16(u64),
}

impl TextProblem {
    /// The error for a whole file.
    pub(crate) fn for_file(self, path: &str) -> ReadError {
        let path = path.to_owned();
        match self {
            Self::Empty => ReadError::Empty { path },
            Self::Blank => ReadError::Blank { path },
            Self::Binary(byte) => ReadError::Binary {
                path,
                line: None,
                byte,
            },
            Self::InvalidUtf8(byte) => ReadError::InvalidUtf8 {
                path,
                line: None,
                byte,
            },
            Self::InvalidUtf16(byte) => ReadError::InvalidUtf16 {
                path,
                line: None,
                byte,
            },
        }
    }

    /// The reason, for an error about a part of a file (a WARC record).
    pub(crate) fn describe(self, what: &str) -> String {
        match self {
            Self::Empty => format!("empty {what}"),
            Self::Blank => format!("{what} holds only whitespace"),
            Self::Binary(byte) => {
                format!("{what} is binary data, not text (NUL at byte {byte} of it)")
            }
            Self::InvalidUtf8(byte) => format!("{what} is not valid UTF-8 (byte {byte} of it)"),
            Self::InvalidUtf16(byte) => format!("{what} is not valid UTF-16 (byte {byte} of it)"),
        }
    }
}

/// Reads the whole file at `path`, refusing one over `limit` bytes without
/// reading it.
pub(crate) fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let label = path.display().to_string();
    let file = File::open(path).map_err(|cause| ReadError::from_io(&label, None, cause))?;
    let size = file
        .metadata()
        .map_err(|cause| ReadError::from_io(&label, None, cause))?
        .len();
    let too_large = |size: u64| ReadError::TooLarge {
        path: label.clone(),
        line: None,
        size,
        limit,
    };
    if size > limit {
        return Err(too_large(size));
    }
    // The file may grow between `metadata` and reading; `take` keeps the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|cause| ReadError::from_io(&label, None, cause))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads the `.txt` document at `path`, described by `entry` when its
/// directory's manifest has one.
pub(crate) fn read_text_document(
    path: &Path,
    limit: u64,
    entry: Option<&ManifestEntry>,
) -> Result<Document, ReadError> {
    let label = path.display().to_string();
    let bytes = read_capped(path, limit)?;
    let text = decode_utf8(bytes).map_err(|problem| problem.for_file(&label))?;
    let entry = entry.cloned().unwrap_or_default();
    Ok(Document {
        id: entry.doc.unwrap_or_else(|| file_stem(path)),
        outlet: entry.outlet,
        published: entry.published,
        url: entry.url,
        lang: entry.lang,
        text,
        origin: Origin {
            path: label,
            line: None,
        },
    })
}

/// Reads the `.html` page at `path`: its title and main text, and its
/// metadata where the manifest entry says nothing.
pub(crate) fn read_html_document(
    path: &Path,
    limit: u64,
    entry: Option<&ManifestEntry>,
) -> Result<Document, ReadError> {
    let label = path.display().to_string();
    let bytes = read_capped(path, limit)?;
    let html = decode_html(bytes, None).map_err(|problem| problem.for_file(&label))?;
    let page = read_page(&html);
    let text = page.text().ok_or_else(|| ReadError::NoText {
        path: label.clone(),
    })?;
    let entry = entry.cloned().unwrap_or_default();
    let metadata = page.metadata;
    Ok(Document {
        id: entry.doc.unwrap_or_else(|| file_stem(path)),
        outlet: entry.outlet.or(metadata.outlet),
        published: entry.published.or(metadata.published),
        url: entry.url.or(metadata.url),
        lang: entry.lang.or(metadata.lang),
        text,
        origin: Origin {
            path: label,
            line: None,
        },
    })
}

pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// UTF-8 text without its byte-order mark, or UTF-16 text with one (either
/// byte order) decoded to UTF-8; refused when empty, blank, binary (a NUL
/// byte, or a NUL character in UTF-16) or not valid in its encoding.
pub(crate) fn decode_utf8(mut bytes: Vec<u8>) -> Result<String, TextProblem> {
    if bytes.is_empty() {
        return Err(TextProblem::Empty);
    }
    if let Some(encoding) = utf16_bom(&bytes) {
        let text = decode_utf16(&bytes, encoding).map_err(TextProblem::InvalidUtf16)?;
        if let Some(index) = text.find('\0') {
            return Err(TextProblem::Binary(index as u64));
        }
        return non_blank(text);
    }
    // Checked before UTF-8: a NUL is valid UTF-8, and "binary" is the better
    // diagnosis for a file that is usually invalid UTF-8 as well.
    if let Some(index) = bytes.iter().position(|&byte| byte == 0) {
        return Err(TextProblem::Binary(index as u64));
    }
    let skip = if bytes.starts_with(BYTE_ORDER_MARK) {
        bytes.drain(..BYTE_ORDER_MARK.len());
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        TextProblem::InvalidUtf8((skip + error.utf8_error().valid_up_to()) as u64)
    })?;
    if text.trim().is_empty() {
        return Err(TextProblem::Blank);
    }
    Ok(text)
}

/// An HTML page as text. The encoding is, in order: a byte-order mark, the
/// `charset` the server declared (`declared`, from a WARC record's HTTP
/// header), a `<meta charset>` or `<meta http-equiv="Content-Type">` in the
/// first 1024 bytes; else UTF-8. A page declared in a legacy encoding
/// (`windows-1256`, `iso-8859-6`, common on older Arabic sites) is decoded
/// from it, malformed bytes becoming U+FFFD; a UTF-8 page must be valid
/// UTF-8, as a `.txt` file must.
pub(crate) fn decode_html(bytes: Vec<u8>, declared: Option<&str>) -> Result<String, TextProblem> {
    if bytes.is_empty() {
        return Err(TextProblem::Empty);
    }
    if let Some((encoding, bom_length)) = Encoding::for_bom(&bytes) {
        if encoding != UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
            return non_blank(text.into_owned());
        }
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes))
        // UTF-16 without a byte-order mark is a mistaken declaration
        // (the HTML standard reads it as UTF-8).
        .map(Encoding::output_encoding)
        .filter(|encoding| *encoding != UTF_8);
    match encoding {
        None => decode_utf8(bytes),
        Some(encoding) => {
            if let Some(index) = bytes.iter().position(|&byte| byte == 0) {
                return Err(TextProblem::Binary(index as u64));
            }
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            non_blank(text.into_owned())
        }
    }
}

fn non_blank(text: String) -> Result<String, TextProblem> {
    if text.trim().is_empty() {
        Err(TextProblem::Blank)
    } else {
        Ok(text)
    }
}

/// The encoding named by a `charset` inside a `<meta` tag in the first 1024
/// bytes, as the HTML standard's pre-scan looks for it (simplified: the
/// first `charset=` inside a `<meta …>` wins).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        if let Some(at) = find(tag, b"charset") {
            let value = tag[at + b"charset".len()..]
                .iter()
                .skip_while(|byte| byte.is_ascii_whitespace())
                .skip_while(|byte| **byte == b'=')
                .skip_while(|byte| byte.is_ascii_whitespace() || matches!(byte, b'"' | b'\''))
                .take_while(|byte| {
                    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':' | b'.')
                })
                .copied()
                .collect::<Vec<u8>>();
            if let Some(encoding) = Encoding::for_label(&value) {
                return Some(encoding);
            }
        }
        rest = &rest[start + b"<meta".len()..];
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::{decode_html, TextProblem};

    #[test]
    fn windows_1256_page_declared_in_a_meta_tag() {
        // Encoded by encoding_rs rather than by a hand-made byte table.
        let (encoded, _, _) = encoding_rs::WINDOWS_1256.encode("<p>قتل خمسة مدنيين</p>");
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body>".to_vec();
        page.extend_from_slice(&encoded);
        let text = decode_html(page, None).expect("decoded");
        assert!(text.contains("<p>قتل خمسة مدنيين</p>"), "{text}");
    }

    #[test]
    fn the_declared_charset_wins_over_the_meta_tag() {
        let (encoded, _, _) = encoding_rs::ISO_8859_6.encode("قصف");
        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend_from_slice(&encoded);
        let text = decode_html(page, Some("iso-8859-6")).expect("decoded");
        assert!(text.ends_with("قصف"), "{text}");
    }

    #[test]
    fn undeclared_pages_must_be_utf8() {
        assert_eq!(
            decode_html(b"<p>\xff</p>".to_vec(), None),
            Err(TextProblem::InvalidUtf8(3))
        );
        assert_eq!(
            decode_html(b"\x89PNG\r\n\x1a\n\0\0".to_vec(), Some("windows-1256")),
            Err(TextProblem::Binary(8))
        );
        assert_eq!(decode_html(Vec::new(), None), Err(TextProblem::Empty));
    }

    #[test]
    fn a_utf16_byte_order_mark_is_honoured() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "<p>قصف</p>".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_html(page, None).as_deref(), Ok("<p>قصف</p>"));
    }
}
