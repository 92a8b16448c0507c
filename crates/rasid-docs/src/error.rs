use std::fmt;
use std::io;

/// Why one input (a file; one line of a JSON Lines input; one record of a
/// WARC file; one item of a feed) gave no document — or, for a *notice*
/// ([`ReadError::document_follows`]), what was wrong with a document that is
/// still given, as the very next item, without the part that was wrong (an
/// unreadable `published` is dropped: the document is read undated).
///
/// Every message starts with the file in backticks, and the line, record or
/// item where there is one: ``"`a.jsonl` line 7: malformed JSON: ..."``,
/// ``"`crawl.warc.gz` record 3 (byte 10422): truncated gzip member"``. The cause is part of
/// the message, so printing the error alone says everything;
/// [`ReadError::severity`] and [`ReadError::reason`] sort errors for a
/// summary.
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

    /// A line of a `manifest.jsonl` names a file that is not in its
    /// directory: nothing is read for it.
    #[error(
        "`{path}` line {line}: names `{file}`, which is not in `{directory}`: nothing read for it"
    )]
    MissingFile {
        path: String,
        line: usize,
        file: String,
        directory: String,
    },

    /// Files in a directory that are of no kind rasid reads (`.pdf`,
    /// `.docx`, `.md`, …), given once per directory; `count` files in all,
    /// `files` names the first few.
    #[error("`{directory}`: passed over {count} file(s) of a kind rasid does not read: {} (rasid reads `.txt`, `.html`, `.htm`, `.jsonl`, `.jsonl.gz`, `.warc`, `.warc.gz`, `.rss`, `.atom` and feed `.xml`; convert PDF or Word files to text first)", NameList(.files, *.count))]
    PassedOver {
        directory: String,
        count: usize,
        files: Vec<String>,
    },

    /// The input starts with a UTF-16 byte-order mark but is not valid
    /// UTF-16.
    #[error("{}: not valid UTF-16 (byte {byte})", Location(.path, *.line))]
    InvalidUtf16 {
        path: String,
        line: Option<usize>,
        byte: u64,
    },

    /// A document's text is not Arabic: under a tenth of its letters are in
    /// the Arabic script (`percent` of them are), so there is nothing for
    /// rasid to read. The document is not given.
    #[error("{}: no Arabic text to read ({percent}% of its letters are Arabic{})", Place(.path, *.line), LangNote(.lang.as_deref()))]
    NotArabic {
        path: String,
        line: Option<usize>,
        percent: u8,
        lang: Option<String>,
    },

    /// A second document with an id already read in this run (a second JSON
    /// line, a second manifest row with the same `doc`, a file of the same
    /// name in another directory). `first` says where the first one was
    /// read. Unless [`ReaderOptions::replace_duplicates`](crate::ReaderOptions)
    /// is set, the later document is not given; when it is set this is a
    /// notice and the later document follows.
    #[error("{}: id `{id}` was already read from {first}: {}", Place(.path, *.line), if *.replaced { "this later document replaces it" } else { "this later document is skipped, the first is kept" })]
    DuplicateId {
        path: String,
        line: Option<usize>,
        id: String,
        first: String,
        replaced: bool,
    },

    /// Notice: `published` is not a date rasid reads, is off the calendar, or
    /// is ambiguous (`reason` says which, with the value); the document
    /// follows, undated.
    #[error("{}: `published` {reason}: the document is read undated", Place(.path, *.line))]
    BadPublished {
        path: String,
        line: Option<usize>,
        reason: String,
    },

    /// Notice: a directory holds `.txt` files but no `manifest.jsonl`; they
    /// are read without outlet or publication date. Given once per
    /// directory, before its first `.txt` document.
    #[error("`{directory}`: no `manifest.jsonl`, so its `.txt` files are read without outlet or publication date (undated)")]
    NoManifest { directory: String },

    /// Notice: a `.txt` file that its directory's manifest does not describe;
    /// it is read without outlet or publication date.
    #[error(
        "`{path}`: not in `{manifest}`, so it is read without outlet or publication date (undated)"
    )]
    NotInManifest { path: String, manifest: String },

    /// Notice: `lang` names another language, but the text is Arabic; it is
    /// read as Arabic.
    #[error("{}: `lang` is `{lang}`, but the text is Arabic: read as Arabic", Place(.path, *.line))]
    LangNotArabic {
        path: String,
        line: Option<usize>,
        lang: String,
    },
}

/// How much a [`ReadError`] cost, for a run's summary.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The document is given next, without the part that was wrong.
    Notice,
    /// Left out by rule, not because the input is broken: text that is not
    /// Arabic, files of a kind rasid does not read.
    Skipped,
    /// The input (or this part of it) could not be used.
    Failed,
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
            | Self::MalformedXml { path, .. }
            | Self::MissingFile { path, .. }
            | Self::InvalidUtf16 { path, .. }
            | Self::NotArabic { path, .. }
            | Self::DuplicateId { path, .. }
            | Self::BadPublished { path, .. }
            | Self::NotInManifest { path, .. }
            | Self::LangNotArabic { path, .. } => path,
            Self::PassedOver { directory, .. } | Self::NoManifest { directory } => directory,
        }
    }

    /// Whether the document this is about is still given, as the next item
    /// (a notice: see [`Severity::Notice`]).
    #[must_use]
    pub fn document_follows(&self) -> bool {
        self.severity() == Severity::Notice
    }

    /// What the error cost; see [`Severity`].
    #[must_use]
    pub fn severity(&self) -> Severity {
        match self {
            Self::BadPublished { .. }
            | Self::NoManifest { .. }
            | Self::NotInManifest { .. }
            | Self::LangNotArabic { .. } => Severity::Notice,
            Self::DuplicateId { replaced: true, .. } => Severity::Notice,
            Self::NotArabic { .. } | Self::PassedOver { .. } => Severity::Skipped,
            _ => Severity::Failed,
        }
    }

    /// How many inputs the error is about: the files passed over in a
    /// directory ([`ReadError::PassedOver`]), else 1.
    #[must_use]
    pub fn count(&self) -> usize {
        match self {
            Self::PassedOver { count, .. } => *count,
            _ => 1,
        }
    }

    /// A few words for the kind of problem, to count errors by in a summary
    /// (`"duplicate id"`, `"not Arabic"`, `"malformed JSON"`, …).
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not found",
            Self::Io { .. } => "unreadable",
            Self::Unsupported { .. } | Self::PassedOver { .. } => "of a kind rasid does not read",
            Self::ManifestNotDocuments { .. } => "a manifest given as documents",
            Self::TooLarge { .. } => "over the size limit",
            Self::Empty { .. } | Self::Blank { .. } | Self::EmptyText { .. } => "empty",
            Self::Binary { .. } => "binary",
            Self::InvalidUtf8 { .. } | Self::InvalidUtf16 { .. } => "badly encoded",
            Self::MalformedJson { .. } => "malformed JSON",
            Self::InvalidRecord { .. } | Self::MissingText { .. } => "not a document",
            Self::NoText { .. } => "no readable text",
            Self::BadRecord { .. } => "bad WARC record",
            Self::NotAFeed { .. } => "not a feed",
            Self::BadItem { .. } => "bad feed item",
            Self::MalformedXml { .. } => "malformed XML",
            Self::MalformedManifest { .. } => "bad manifest line",
            Self::MissingFile { .. } => "missing file",
            Self::NotArabic { .. } => "not Arabic",
            Self::DuplicateId { .. } => "duplicate id",
            Self::BadPublished { .. } | Self::NoManifest { .. } | Self::NotInManifest { .. } => {
                "undated"
            }
            Self::LangNotArabic { .. } => "`lang` not Arabic",
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
            | Self::InvalidUtf8 { line, .. }
            | Self::InvalidUtf16 { line, .. }
            | Self::NotArabic { line, .. }
            | Self::DuplicateId { line, .. }
            | Self::BadPublished { line, .. }
            | Self::LangNotArabic { line, .. } => *line,
            Self::MalformedJson { line, .. }
            | Self::InvalidRecord { line, .. }
            | Self::MissingText { line, .. }
            | Self::EmptyText { line, .. }
            | Self::MalformedManifest { line, .. }
            | Self::MissingFile { line, .. } => Some(*line),
            Self::NotFound { .. }
            | Self::Unsupported { .. }
            | Self::ManifestNotDocuments { .. }
            | Self::Empty { .. }
            | Self::Blank { .. }
            | Self::NoText { .. }
            | Self::BadRecord { .. }
            | Self::NotAFeed { .. }
            | Self::BadItem { .. }
            | Self::MalformedXml { .. }
            | Self::PassedOver { .. }
            | Self::NoManifest { .. }
            | Self::NotInManifest { .. } => None,
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

/// `` `path` ``, `` `path` line 7 ``, `` `crawl.warc` record 7 `` or
/// `` `news.rss` item 7 ``: where a document was read, by what its line
/// number counts in that kind of file.
pub(crate) struct Place<'a>(pub(crate) &'a str, pub(crate) Option<usize>);

impl fmt::Display for Place<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "`{}`", self.0)?;
        if let Some(line) = self.1 {
            write!(formatter, " {} {line}", unit_of(self.0))?;
        }
        Ok(())
    }
}

/// What the `line` of a document's [`Origin`](crate::Origin) counts in the
/// file at `path`.
// `lower` is lower-cased first, so the endings compare in any case.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn unit_of(path: &str) -> &'static str {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
        "record"
    } else if [".rss", ".atom", ".xml"]
        .iter()
        .any(|ending| lower.ends_with(ending))
    {
        "item"
    } else {
        "line"
    }
}

/// `; `lang` is `en`` after a share of Arabic letters, when a `lang` is given.
struct LangNote<'a>(Option<&'a str>);

impl fmt::Display for LangNote<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(lang) => write!(formatter, "; `lang` is `{lang}`"),
            None => Ok(()),
        }
    }
}

/// The first names of a list, then how many more.
struct NameList<'a>(&'a [String], usize);

impl fmt::Display for NameList<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, name) in self.0.iter().enumerate() {
            if index > 0 {
                formatter.write_str(", ")?;
            }
            write!(formatter, "`{name}`")?;
        }
        if self.1 > self.0.len() {
            write!(formatter, " and {} more", self.1 - self.0.len())?;
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
