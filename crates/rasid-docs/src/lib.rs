//! Documents in: the first stage of rasid, which turns what the user points
//! `rasid extract` at into [`Document`]s.
//!
//! Three kinds of input are read:
//!
//! * **`.txt` files**, one article each. A `manifest.jsonl` in the same
//!   directory may describe them, one JSON object per line:
//!   `{"doc": "000_b3", "file": "000_b3.txt", "outlet": "Baladi News",
//!   "published": "2018-04-06", "lang": "ar"}`. The document id is the
//!   manifest's `doc`, else the file name without its extension. A file named
//!   `manifest.jsonl` is always a manifest, never documents.
//! * **`.jsonl` files**, one article per line: `id` (string or number), `text`,
//!   `outlet`, `published`, `url` and `lang`; other fields are ignored. Without
//!   an `id` the document is called `<file stem>:<line>`.
//! * **`-`**, JSON Lines on stdin.
//!
//! A directory stands for the `.txt` and `.jsonl` files under it, recursively,
//! in name order; hidden entries (names starting with `.`) are skipped.
//!
//! Reading never stops at a bad input: each file that cannot be used yields one
//! [`ReadError`] naming it (and the line, inside JSON Lines), and the batch goes
//! on. A malformed JSON line costs only that line. JSON Lines are streamed one
//! line at a time, and no document (a `.txt` file, a JSON line) may be larger
//! than [`ReaderOptions::max_document_bytes`], so memory stays bounded.
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

mod document;
mod error;
mod jsonl;
mod line;
mod manifest;
mod reader;
mod text;

pub use document::{Document, Origin};
pub use error::ReadError;
pub use jsonl::{read_jsonl, JsonlDocuments};
pub use reader::{read_inputs, Documents, Input, Reader, ReaderOptions};

/// The name of the file that describes the `.txt` files of its directory.
pub const MANIFEST_FILE_NAME: &str = "manifest.jsonl";
