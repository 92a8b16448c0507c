//! Documents in: the first stage of rasid, which turns what the user points
//! `rasid extract` at into [`Document`]s.
//!
//! What is read, chosen by the file name's ending (in any case):
//!
//! * **`.txt` files**, one article each. A `manifest.jsonl` in the same
//!   directory may describe them, one JSON object per line:
//!   `{"doc": "000_b3", "file": "000_b3.txt", "outlet": "Baladi News",
//!   "published": "2018-04-06", "lang": "ar"}`. The document id is the
//!   manifest's `doc`, else the file name without its extension. A file named
//!   `manifest.jsonl` is always a manifest, never documents.
//! * **`.html` and `.htm` pages**, one article each: the page's title on the
//!   first line, a blank line, then its main text, without menus, comments,
//!   scripts, sidebars or footers; paragraphs are separated by a blank line.
//!   The title comes first because casualty figures are often in headlines.
//!   `published`, `outlet`, `url` and `lang` come from the page's metadata
//!   (`article:published_time`, JSON-LD, `og:site_name`, `<link
//!   rel="canonical">`, `<html lang>`, …) unless the directory's manifest
//!   gives them (an entry names the page in `file`).
//! * **`.jsonl` files**, one article per line: `id` (string or number), `text`,
//!   `outlet`, `published`, `url` and `lang`; other fields are ignored. Without
//!   an `id` the document is called `<file stem>:<line>`. **`.jsonl.gz`** is
//!   the same, gzip'd.
//! * **`.warc` and `.warc.gz` files** (crawls): each `response` record with a
//!   2xx HTML or plain-text payload is a document, read as a page is; see
//!   [`WarcDocuments`].
//! * **`.rss`, `.atom`, and `.xml` files that are feeds** (RSS 2.0, RSS 1.0,
//!   Atom): each item is a document; see [`FeedDocuments`]. An `.xml` file
//!   that is not a feed (a sitemap) is passed over in a directory.
//! * **`-`**, JSON Lines on stdin.
//!
//! A directory stands for the files of those kinds under it, recursively,
//! in name order; hidden entries (names starting with `.`) are skipped.
//!
//! Reading never stops at a bad input: each file that cannot be used yields one
//! [`ReadError`] naming it (and the line, record or item inside it), and the
//! batch goes on. A malformed JSON line costs only that line, a bad WARC
//! record that record (a corrupt gzip member that member), a bad feed item
//! that item.
//!
//! Every document is checked at the edge (see [`Documents`]): its text is
//! Arabic, its `published` is a date (brought to ISO 8601; a value that is
//! not, or is ambiguous, is dropped with a notice), its id was not read
//! before in the run. Notices ([`ReadError::document_follows`]) come just
//! before the document they are about; [`ReadError::severity`] sorts the
//! rest into skipped by rule and failed.
//!
//! Memory stays bounded: JSON Lines (gzip'd or not), WARC files and feeds are
//! streamed a line, record or item at a time, and no document (a `.txt` or
//! `.html` file, a JSON line, a WARC payload, a feed item) may be larger than
//! [`ReaderOptions::max_document_bytes`]. Only single-document files are
//! read whole, after their size is checked.
//!
//! ```
//! use std::io::Cursor;
//! use rasid_docs::{Reader, ReaderOptions};
//!
//! let input = "{\"id\": 7, \"text\": \"قتل ثلاثة مدنيين في قصف على القرية\", \"published\": \"2018-04-06\"}\n\
//!              {\"text\": \"not closed\"\n\
//!              {\"text\": \"أصيب خمسة أشخاص\", \"outlet\": \"Baladi News\"}\n";
//! let reader = Reader::new(ReaderOptions::default());
//! let mut items = reader.read_jsonl(Cursor::new(input), "-");
//!
//! let first = items.next().expect("a first item").expect("a document");
//! assert_eq!(first.id, "7");
//! assert_eq!(first.published_date(), Some((2018, 4, 6)));
//!
//! let error = items.next().expect("a second item").expect_err("a malformed line");
//! assert!(error.to_string().starts_with("`-` line 2: malformed JSON"));
//!
//! let third = items.next().expect("a third item").expect("a document");
//! assert_eq!(third.id, "stdin:3");
//! assert_eq!(third.outlet.as_deref(), Some("Baladi News"));
//! assert!(items.next().is_none());
//! ```

mod date;
mod document;
mod error;
mod feed;
mod html;
mod jsonl;
mod language;
mod line;
mod manifest;
mod reader;
mod text;
mod utf16;
mod warc;

pub use document::{Document, Origin};
pub use error::{ReadError, Severity};

/// Reads `bytes` as a `manifest.jsonl` named `label`, each line capped at
/// `limit` bytes: how many entries it gives, and its errors. For the fuzz
/// target of the manifest reader; a manifest is otherwise read with its
/// directory.
#[doc(hidden)]
#[must_use]
pub fn read_manifest_bytes(bytes: &[u8], label: &str, limit: u64) -> (usize, Vec<ReadError>) {
    let (manifest, errors) = manifest::Manifest::read(std::io::Cursor::new(bytes), label, limit);
    (manifest.entries().len(), errors)
}
pub use feed::FeedDocuments;
pub use jsonl::{read_jsonl, JsonlDocuments};
pub use reader::{read_inputs, Documents, Input, Reader, ReaderOptions};
pub use warc::{WarcDocuments, MAX_HEADER_BYTES};

/// The name of the file that describes the `.txt` files of its directory.
pub const MANIFEST_FILE_NAME: &str = "manifest.jsonl";
