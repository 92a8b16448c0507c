use std::fmt;
use std::io;

/// Why one input (a file; one line of a JSON Lines input; one record of a
/// WARC file; one item of a feed) gave no document.
///
/// Every message starts with the file in backticks, and the line, record or
/// item where there is one: ``"`a.jsonl` line 7: malformed JSON: ..."``,
/// ``"`crawl.warc.gz` record 3 (byte 10422): truncated gzip member"``. The cause is part of
/// the message, so printing the error alone says everything.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("`{path}`: no such file or directory")]
    NotFound { path: String },

    /// The operating system refused to open or read the input.
    #[error("{}: cannot read: {cause}", Location(.path, *.line))]
    Io {
        path: String,
        line: Option<usize>,
        cause: io::Error,
    },

    /// A path given on the command line is neither a directory nor a file of
    /// a kind rasid reads (see the crate documentation).
    #[error("`{path}`: not a directory or a file rasid reads (`.txt`, `.html`, `.htm`, `.jsonl`, `.jsonl.gz`, `.warc`, `.warc.gz`, `.rss`, `.atom`, `.xml`)")]
    Unsupported { path: String },

    /// A `manifest.jsonl` was given as documents.
    #[error("`{path}`: a manifest describes the `.txt` files beside it and holds no documents; pass its directory instead")]
    ManifestNotDocuments { path: String },

    /// A `.txt` file, or one JSON line, is larger than
    /// [`ReaderOptions::max_document_bytes`](crate::ReaderOptions).
    #[error("{}: {size} bytes, over the limit of {limit} bytes", Location(.path, *.line))]
    TooLarge {
        path: String,
        line: Option<usize>,
        size: u64,
        limit: u64,
    },

    /// The file has no bytes at all, or a JSON Lines input has no document line.
    #[error("`{path}`: empty")]
    Empty { path: String },

    /// The file holds nothing but whitespace.
    #[error("`{path}`: only whitespace")]
    Blank { path: String },

    /// The input holds a NUL byte, so it is not text. `byte` counts from the
    /// start of the file (or stream).
    #[error("{}: binary data, not text (NUL at byte {byte})", Location(.path, *.line))]
    Binary {
        path: String,
        line: Option<usize>,
        byte: u64,
    },

    /// The input is not UTF-8. `byte` counts from the start of the file (or
    /// stream).
    #[error("{}: not valid UTF-8 (byte {byte})", Location(.path, *.line))]
    InvalidUtf8 {
        path: String,
        line: Option<usize>,
        byte: u64,
    },

    /// A JSON line does not parse as JSON.
    #[error("`{path}` line {line}: malformed JSON: {reason}")]
    MalformedJson {
        path: String,
        line: usize,
        /// 1-based, in characters of the line; 0 when unknown.
        column: usize,
        reason: String,
    },

    /// A JSON line parses but is not a document: not an object, or a field of
    /// the wrong type.
    #[error("`{path}` line {line}: not a document: {reason}")]
    InvalidRecord {
        path: String,
        line: usize,
        reason: String,
    },

    /// A JSON line has no `text` field (or it is `null`).
    #[error("`{path}` line {line}: no `text` field")]
    MissingText { path: String, line: usize },

    /// A JSON line's `text` is empty or only whitespace.
    #[error("`{path}` line {line}: `text` is empty")]
    EmptyText { path: String, line: usize },

    /// An HTML page (a file, not a WARC record) has no text once its menus,
    /// scripts and the like are left out.
    #[error("`{path}`: no readable text in the HTML page")]
    NoText { path: String },

    /// A record of a WARC file cannot be used: corrupt or truncated gzip
    /// data, a malformed record, an unreadable payload. `record` counts from
    /// 1 (a gzip member that cannot be decompressed counts as one record);
    /// `offset` is the byte where the record, or its gzip member, starts in
    /// the file. Reading goes on with the next record or gzip member where
    /// there is one.
    #[error("`{path}` record {record} (byte {offset}): {reason}")]
    BadRecord {
        path: String,
        record: usize,
        offset: u64,
        reason: String,
    },

    /// An `.xml` file given by name (or an `.rss` or `.atom` file) is not an
    /// RSS or Atom feed.
    #[error("`{path}`: not an RSS or Atom feed ({reason})")]
    NotAFeed { path: String, reason: String },

    /// One item (RSS) or entry (Atom) of a feed cannot be used; `item` counts
    /// from 1. The next item follows.
    #[error("`{path}` item {item}: {reason}")]
    BadItem {
        path: String,
        item: usize,
        reason: String,
    },

    /// A feed is not well-formed XML from `byte` on (or cannot be decoded);
    /// the items before it were read, those after it are lost.
    #[error("`{path}` byte {byte}: malformed XML: {reason}")]
    MalformedXml {
        path: String,
        byte: u64,
        reason: String,
    },

    /// A line of a `manifest.jsonl` cannot be used; the `.txt` files it would
    /// describe are still read, without its metadata.
    #[error("`{path}` line {line}: bad manifest entry: {reason}")]
    MalformedManifest {
        path: String,
        line: usize,
        reason: String,
    },
}

impl ReadError {
    /// The input the error is about, as in the message (`-` for stdin).
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Self::NotFound { path }
            | Self::Io { path, .. }
            | Self::Unsupported { path }
            | Self::ManifestNotDocuments { path }
            | Self::TooLarge { path, .. }
            | Self::Empty { path }
            | Self::Blank { path }
            | Self::Binary { path, .. }
            | Self::InvalidUtf8 { path, .. }
            | Self::MalformedJson { path, .. }
            | Self::InvalidRecord { path, .. }
            | Self::MissingText { path, .. }
            | Self::EmptyText { path, .. }
            | Self::MalformedManifest { path, .. }
            | Self::NoText { path }
            | Self::BadRecord { path, .. }
            | Self::NotAFeed { path, .. }
            | Self::BadItem { path, .. }
            | Self::MalformedXml { path, .. } => path,
        }
    }

    /// The 1-based record of a WARC file, or item of a feed, the error is
    /// about.
    #[must_use]
    pub fn record(&self) -> Option<usize> {
        match self {
            Self::BadRecord { record, .. } => Some(*record),
            Self::BadItem { item, .. } => Some(*item),
            _ => None,
        }
    }

    /// The 1-based line the error is about, inside a JSON Lines input.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Io { line, .. }
            | Self::TooLarge { line, .. }
            | Self::Binary { line, .. }
            | Self::InvalidUtf8 { line, .. } => *line,
            Self::MalformedJson { line, .. }
            | Self::InvalidRecord { line, .. }
            | Self::MissingText { line, .. }
            | Self::EmptyText { line, .. }
            | Self::MalformedManifest { line, .. } => Some(*line),
            Self::NotFound { .. }
            | Self::Unsupported { .. }
            | Self::ManifestNotDocuments { .. }
            | Self::Empty { .. }
            | Self::Blank { .. }
            | Self::NoText { .. }
            | Self::BadRecord { .. }
            | Self::NotAFeed { .. }
            | Self::BadItem { .. }
            | Self::MalformedXml { .. } => None,
        }
    }

    /// `NotFound` for a missing path, `Io` otherwise.
    pub(crate) fn from_io(path: &str, line: Option<usize>, cause: io::Error) -> Self {
        if cause.kind() == io::ErrorKind::NotFound {
            Self::NotFound {
                path: path.to_owned(),
            }
        } else {
            Self::Io {
                path: path.to_owned(),
                line,
                cause,
            }
        }
    }
}

/// `` `path` `` or `` `path` line 7 ``.
struct Location<'a>(&'a str, Option<usize>);

impl fmt::Display for Location<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "`{}`", self.0)?;
        if let Some(line) = self.1 {
            write!(formatter, " line {line}")?;
        }
        Ok(())
    }
}

/// Splits a `serde_json` error on a single line into its message and column:
/// its own "at line 1 column 5" would contradict the line of the file.
pub(crate) fn describe_json_error(error: &serde_json::Error) -> (String, usize) {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&suffix) {
        Some(bare) if error.line() > 0 => (
            format!("{bare} (column {})", error.column()),
            error.column(),
        ),
        _ => (message, 0),
    }
}
