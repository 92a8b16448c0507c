//! `.txt` documents: one article per file.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::manifest::ManifestEntry;
use crate::{Document, Origin, ReadError};

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Reads the `.txt` document at `path`, described by `entry` when its
/// directory's manifest has one.
pub(crate) fn read_text_document(
    path: &Path,
    limit: u64,
    entry: Option<&ManifestEntry>,
) -> Result<Document, ReadError> {
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
    let text = decode(bytes, &label)?;
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let entry = entry.cloned().unwrap_or_default();
    Ok(Document {
        id: entry.doc.unwrap_or(stem),
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

fn decode(mut bytes: Vec<u8>, label: &str) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: label.to_owned(),
        });
    }
    // Checked before UTF-8: a NUL is valid UTF-8, and "binary" is the better
    // diagnosis for a file that is usually invalid UTF-8 as well.
    if let Some(index) = bytes.iter().position(|&byte| byte == 0) {
        return Err(ReadError::Binary {
            path: label.to_owned(),
            line: None,
            byte: index as u64,
        });
    }
    let skip = if bytes.starts_with(BYTE_ORDER_MARK) {
        bytes.drain(..BYTE_ORDER_MARK.len());
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    let text = String::from_utf8(bytes).map_err(|error| ReadError::InvalidUtf8 {
        path: label.to_owned(),
        line: None,
        byte: (skip + error.utf8_error().valid_up_to()) as u64,
    })?;
    if text.trim().is_empty() {
        return Err(ReadError::Blank {
            path: label.to_owned(),
        });
    }
    Ok(text)
}
