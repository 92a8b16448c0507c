//! Inputs (paths and stdin) to a lazy stream of documents.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

use crate::feed::FeedDocuments;
use crate::manifest::Manifest;
use crate::text::{decode_html, file_stem, read_html_document, read_text_document};
use crate::utf16::utf8_stream;
use crate::warc::WarcDocuments;
use crate::{Document, JsonlDocuments, Origin, ReadError, MANIFEST_FILE_NAME};

/// Read buffers for streamed files: large enough for few system calls.
const STREAM_BUFFER_BYTES: usize = 256 * 1024;

/// One command-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file of a kind rasid reads, or a directory of them.
    Path(PathBuf),
    /// JSON Lines on stdin.
    Stdin,
}

impl Input {
    /// `-` is stdin; anything else is a path.
    #[must_use]
    pub fn parse(arg: &str) -> Self {
        if arg == "-" {
            Self::Stdin
        } else {
            Self::Path(PathBuf::from(arg))
        }
    }
}

/// Limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderOptions {
    /// The largest document accepted, in bytes: a whole `.txt` or `.html`
    /// file, one line of JSON Lines (and of a manifest, and decompressed in
    /// a `.jsonl.gz`), one WARC record's payload (before and after
    /// decompression), one feed item. Larger ones are refused with an error
    /// naming them, without being read into memory.
    pub max_document_bytes: u64,
    /// What to do with a document whose id was already read in this run
    /// (two JSON lines or two manifest rows with one id, or files of one
    /// name in two directories): `false` (the default) reports it and leaves
    /// it out, keeping the first; `true` reports it and gives it too, so that
    /// a store keeps the later one.
    pub replace_duplicates: bool,
}

impl ReaderOptions {
    /// 64 MiB.
    pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
}

impl Default for ReaderOptions {
    fn default() -> Self {
        Self {
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
            replace_duplicates: false,
        }
    }
}

/// Reads inputs into documents with fixed [`ReaderOptions`].
#[derive(Debug, Clone, Default)]
pub struct Reader {
    options: ReaderOptions,
}

impl Reader {
    #[must_use]
    pub fn new(options: ReaderOptions) -> Self {
        Self { options }
    }

    #[must_use]
    pub fn options(&self) -> &ReaderOptions {
        &self.options
    }

    /// The documents of `inputs`, in order, read lazily; see [`Documents`].
    #[must_use]
    pub fn read(&self, inputs: &[Input]) -> Documents {
        Documents::new(inputs, self.options)
    }

    /// The documents of one JSON Lines input; `path` names it in documents and
    /// errors (`-` for stdin, whose generated ids are `stdin:<line>`).
    pub fn read_jsonl<R: BufRead>(&self, reader: R, path: &str) -> JsonlDocuments<R> {
        JsonlDocuments::new(
            reader,
            path,
            self.options.max_document_bytes,
            self.options.replace_duplicates,
        )
    }

    /// The document of one HTML page: its title on the first line, then its
    /// main text; its metadata from the page (see the crate documentation).
    /// `path` names it in errors and gives the id (its file stem).
    ///
    /// # Errors
    ///
    /// When `bytes` are over the limit, empty, binary, not in their declared
    /// encoding (or not UTF-8 when none is declared), or hold no text once
    /// menus, scripts and the like are left out.
    pub fn read_html(&self, bytes: &[u8], path: &str) -> Result<Document, ReadError> {
        let limit = self.options.max_document_bytes;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                path: path.to_owned(),
                line: None,
                size: bytes.len() as u64,
                limit,
            });
        }
        let html = decode_html(bytes.to_vec(), None).map_err(|problem| problem.for_file(path))?;
        let page = crate::html::read_page(&html);
        let text = page.text().ok_or_else(|| ReadError::NoText {
            path: path.to_owned(),
        })?;
        let metadata = page.metadata;
        Ok(Document {
            id: file_stem(Path::new(path)),
            outlet: metadata.outlet,
            published: metadata.published,
            url: metadata.url,
            lang: metadata.lang,
            text,
            origin: Origin {
                path: path.to_owned(),
                line: None,
            },
        })
    }

    /// The documents of one WARC input, plain or gzip'd; see
    /// [`WarcDocuments`].
    pub fn read_warc<R: BufRead>(&self, reader: R, path: &str) -> WarcDocuments<R> {
        WarcDocuments::new(reader, path, self.options.max_document_bytes)
    }

    /// The documents of one RSS or Atom feed; see [`FeedDocuments`].
    pub fn read_feed<R: BufRead>(&self, reader: R, path: &str) -> FeedDocuments<R> {
        FeedDocuments::new(reader, path, self.options.max_document_bytes, false)
    }
}

/// The documents of `inputs`, in order, read lazily; see [`Documents`].
#[must_use]
pub fn read_inputs(inputs: &[Input], options: &ReaderOptions) -> Documents {
    Reader::new(*options).read(inputs)
}

/// The documents of a list of inputs, as an iterator of results.
///
/// Nothing is read until asked for: a directory is listed when the walk
/// reaches it (its manifest is read then: its bad lines, and the lines naming
/// files that are not there, come out as errors before the directory's
/// documents), and JSON Lines, WARC files and feeds are read a line, record
/// or item at a time. Each input that cannot be read gives an error and the
/// next input follows.
///
/// Every document given has passed the checks at the edge, each failure
/// reported as a [`ReadError`] naming the document:
///
/// * its text is Arabic ([`ReadError::NotArabic`] otherwise, and the document
///   is left out; a `lang` naming another language over Arabic text is a
///   notice, [`ReadError::LangNotArabic`]);
/// * its `published`, when it has one, is a date, written in full ISO 8601
///   (`2019-03-12`, `2019-03-12T09:40:00+03:00`); a value that is not a date
///   or is ambiguous is dropped with a notice, [`ReadError::BadPublished`];
/// * its id was not read before in the run ([`ReadError::DuplicateId`], and
///   the later document is left out unless
///   [`ReaderOptions::replace_duplicates`]).
///
/// A notice ([`ReadError::document_follows`]) comes just before the document
/// it is about.
pub struct Documents {
    options: ReaderOptions,
    queue: VecDeque<Pending>,
    current: Option<Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>>,
    /// Items checked and ready to give, in order.
    ready: VecDeque<Result<Document, ReadError>>,
    /// By directory; loaded once, so its errors are reported once.
    manifests: HashMap<PathBuf, Manifest>,
    /// Canonical directories already walked: a symlink loop is walked once.
    visited: HashSet<PathBuf>,
    /// The checks at the edge, with the ids of the run.
    checks: Checks,
    /// Directories without a manifest whose `.txt` files were noted undated.
    undated_directories: HashSet<PathBuf>,
}

/// The checks every document passes before it is given (see [`Documents`]),
/// with the ids read so far.
pub(crate) struct Checks {
    seen: Seen,
    replace_duplicates: bool,
}

impl Checks {
    pub(crate) fn new(replace_duplicates: bool) -> Self {
        Self {
            seen: Seen::default(),
            replace_duplicates,
        }
    }

    /// Checks a document read and queues it on `out`, after what is to be
    /// said about it (`notes` first); a document that fails a check is
    /// replaced by its error. `manifest_line` is the manifest's line that
    /// described it.
    pub(crate) fn admit(
        &mut self,
        mut document: Document,
        manifest_line: Option<usize>,
        notes: Vec<ReadError>,
        out: &mut VecDeque<Result<Document, ReadError>>,
    ) {
        let language = match crate::language::check(&document) {
            Ok(notice) => notice,
            Err(not_arabic) => {
                out.push_back(Err(not_arabic));
                return;
            }
        };
        if let Some(first) = self.seen.record(&document, manifest_line) {
            let replaced = self.replace_duplicates;
            out.push_back(Err(ReadError::DuplicateId {
                path: document.origin.path.clone(),
                line: document.origin.line,
                id: document.id.clone(),
                first,
                replaced,
            }));
            if !replaced {
                return;
            }
        }
        let published = crate::date::check_published(&mut document);
        out.extend(notes.into_iter().chain(published).chain(language).map(Err));
        out.push_back(Ok(document));
    }
}

/// The ids read so far in a run, with where each was read: a few bytes per
/// document beside its id (file names are kept once).
#[derive(Default)]
struct Seen {
    ids: HashMap<Box<str>, FirstPlace>,
    files: Vec<String>,
}

#[derive(Clone, Copy)]
struct FirstPlace {
    file: u32,
    /// 0 when none.
    line: u32,
    /// The manifest line that gave the id; 0 when none.
    manifest_line: u32,
}

impl Seen {
    /// Records `document`; when its id was read before, returns where, as
    /// the message says it.
    fn record(&mut self, document: &Document, manifest_line: Option<usize>) -> Option<String> {
        if self.files.last() != Some(&document.origin.path) {
            self.files.push(document.origin.path.clone());
        }
        let to_u32 = |n: Option<usize>| n.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
        let place = FirstPlace {
            file: u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX),
            line: to_u32(document.origin.line),
            manifest_line: to_u32(manifest_line),
        };
        let before = self.ids.insert(document.id.as_str().into(), place)?;
        let file = self
            .files
            .get(before.file as usize)
            .map_or("?", String::as_str);
        let line = (before.line > 0).then_some(before.line as usize);
        let mut described = crate::error::Place(file, line).to_string();
        if before.manifest_line > 0 {
            let manifest = Path::new(file)
                .parent()
                .unwrap_or(Path::new(""))
                .join(MANIFEST_FILE_NAME);
            let _ = write!(
                described,
                " (`{}` line {})",
                manifest.display(),
                before.manifest_line
            );
        }
        Some(described)
    }
}

enum Pending {
    Input(Input),
    File(PathBuf, FileKind),
    Directory(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    Jsonl,
    JsonlGzip,
    Warc,
    /// `.rss`, `.atom`: always a feed.
    Feed,
    /// `.xml`: read when its root element is a feed's (`<rss>`, `<feed>`,
    /// `<rdf:RDF>`). Met in a directory, any other `.xml` is passed over in
    /// silence, as a `.md` file is; given by name, it is an error.
    Xml,
    Manifest,
    Other,
}

/// The kind of a file, by its name's ending, in any case.
fn file_kind(path: &Path) -> FileKind {
    const ENDINGS: &[(&str, FileKind)] = &[
        (".txt", FileKind::Text),
        (".html", FileKind::Html),
        (".htm", FileKind::Html),
        (".jsonl", FileKind::Jsonl),
        (".jsonl.gz", FileKind::JsonlGzip),
        (".warc", FileKind::Warc),
        (".warc.gz", FileKind::Warc),
        (".rss", FileKind::Feed),
        (".atom", FileKind::Feed),
        (".xml", FileKind::Xml),
    ];
    if path.file_name() == Some(OsStr::new(MANIFEST_FILE_NAME)) {
        return FileKind::Manifest;
    }
    let Some(name) = path.file_name() else {
        return FileKind::Other;
    };
    let name = name.to_string_lossy().to_ascii_lowercase();
    ENDINGS
        .iter()
        .find(|(ending, _)| name.ends_with(ending) && name.len() > ending.len())
        .map_or(FileKind::Other, |(_, kind)| *kind)
}

impl Documents {
    fn new(inputs: &[Input], options: ReaderOptions) -> Self {
        Self {
            options,
            queue: inputs.iter().cloned().map(Pending::Input).collect(),
            current: None,
            ready: VecDeque::new(),
            manifests: HashMap::new(),
            visited: HashSet::new(),
            checks: Checks::new(options.replace_duplicates),
            undated_directories: HashSet::new(),
        }
    }

    fn start(&mut self, pending: Pending) {
        match pending {
            Pending::Input(Input::Stdin) => {
                let stdin = utf8_stream(BufReader::new(io::stdin()));
                self.current = Some(Box::new(JsonlDocuments::unchecked(
                    stdin,
                    "-",
                    self.options.max_document_bytes,
                )));
            }
            Pending::Input(Input::Path(path)) => self.start_path(&path),
            Pending::File(path, kind) => self.start_file(&path, kind, true),
            Pending::Directory(path) => self.expand_directory(&path),
        }
    }

    /// Starts reading a file of a known kind; `in_directory` when the walk
    /// found it rather than the user naming it.
    fn start_file(&mut self, path: &Path, kind: FileKind, in_directory: bool) {
        let label = path.display().to_string();
        let limit = self.options.max_document_bytes;
        match kind {
            FileKind::Text | FileKind::Html => self.read_single(path, kind),
            FileKind::Manifest => self
                .ready
                .push_back(Err(ReadError::ManifestNotDocuments { path: label })),
            FileKind::Other => self
                .ready
                .push_back(Err(ReadError::Unsupported { path: label })),
            FileKind::Jsonl
            | FileKind::JsonlGzip
            | FileKind::Warc
            | FileKind::Feed
            | FileKind::Xml => {
                let file = match File::open(path) {
                    Ok(file) => BufReader::with_capacity(STREAM_BUFFER_BYTES, file),
                    Err(cause) => {
                        self.ready
                            .push_back(Err(ReadError::from_io(&label, None, cause)));
                        return;
                    }
                };
                let documents: Box<dyn Iterator<Item = Result<Document, ReadError>> + Send> =
                    match kind {
                        FileKind::Jsonl => {
                            Box::new(JsonlDocuments::unchecked(utf8_stream(file), &label, limit))
                        }
                        FileKind::JsonlGzip => Box::new(JsonlDocuments::unchecked(
                            utf8_stream(BufReader::with_capacity(
                                STREAM_BUFFER_BYTES,
                                MultiGzDecoder::new(file),
                            )),
                            &label,
                            limit,
                        )),
                        FileKind::Warc => Box::new(WarcDocuments::new(file, &label, limit)),
                        _ => Box::new(FeedDocuments::new(
                            file,
                            &label,
                            limit,
                            kind == FileKind::Xml && in_directory,
                        )),
                    };
                self.current = Some(documents);
            }
        }
    }

    fn start_path(&mut self, path: &Path) {
        let label = || path.display().to_string();
        match fs::metadata(path) {
            Err(cause) => self
                .ready
                .push_back(Err(ReadError::from_io(&label(), None, cause))),
            Ok(metadata) if metadata.is_dir() => self.expand_directory(path),
            Ok(_) => self.start_file(path, file_kind(path), false),
        }
    }

    /// The manifest of `directory`, read now unless it was already.
    fn manifest(&mut self, directory: &Path) -> &Manifest {
        let limit = self.options.max_document_bytes;
        self.manifests
            .entry(directory.to_path_buf())
            .or_insert_with_key(|directory| {
                let (manifest, errors) = Manifest::load(directory, limit);
                self.ready.extend(errors.into_iter().map(Err));
                manifest
            })
    }

    /// Reads a one-document file, with its directory's manifest entry. A
    /// `.txt` file that no manifest describes is read undated, and said so.
    fn read_single(&mut self, path: &Path, kind: FileKind) {
        let directory = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let limit = self.options.max_document_bytes;
        let manifest = self.manifest(&directory);
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        let entry = manifest.entry(&file_name).cloned();
        let manifest_path = manifest.path.clone();
        let read = if kind == FileKind::Html {
            read_html_document(path, limit, entry.as_ref())
        } else {
            read_text_document(path, limit, entry.as_ref())
        };
        let document = match read {
            Ok(document) => document,
            Err(error) => {
                self.ready.push_back(Err(error));
                return;
            }
        };
        let mut notes = Vec::new();
        if kind == FileKind::Text && entry.is_none() {
            match manifest_path {
                Some(manifest) => notes.push(ReadError::NotInManifest {
                    path: path.display().to_string(),
                    manifest,
                }),
                None if self.undated_directories.insert(directory.clone()) => {
                    notes.push(ReadError::NoManifest {
                        directory: if directory.as_os_str().is_empty() {
                            ".".to_owned()
                        } else {
                            directory.display().to_string()
                        },
                    });
                }
                None => {}
            }
        }
        self.checks.admit(
            document,
            entry.map(|entry| entry.line),
            notes,
            &mut self.ready,
        );
    }

    /// Reports the lines of `directory`'s manifest that name files it does
    /// not hold (`names` are the directory's entries).
    fn check_manifest(&mut self, directory: &Path, names: &[std::ffi::OsString]) {
        let manifest = self.manifest(directory);
        let Some(label) = manifest.path.clone() else {
            return;
        };
        let missing: Vec<(String, usize)> = manifest
            .entries()
            .into_iter()
            .filter(|(file, _)| {
                !names
                    .iter()
                    .any(|name| name.as_os_str() == OsStr::new(file))
            })
            .map(|(file, entry)| (file.to_owned(), entry.line))
            .collect();
        for (file, line) in missing {
            self.ready.push_back(Err(ReadError::MissingFile {
                path: label.clone(),
                line,
                file,
                directory: directory.display().to_string(),
            }));
        }
    }

    /// Queues the entries of `directory`, sorted by name, ahead of what
    /// follows it, so the walk is depth-first in name order.
    fn expand_directory(&mut self, directory: &Path) {
        if let Ok(canonical) = fs::canonicalize(directory) {
            if !self.visited.insert(canonical) {
                return;
            }
        }
        let label = directory.display().to_string();
        let entries = match fs::read_dir(directory) {
            Ok(entries) => entries,
            Err(cause) => {
                self.ready
                    .push_back(Err(ReadError::from_io(&label, None, cause)));
                return;
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => names.push(entry.file_name()),
                Err(cause) => self.ready.push_back(Err(ReadError::Io {
                    path: label.clone(),
                    line: None,
                    cause,
                })),
            }
        }
        names.sort();
        if names.iter().any(|name| name == MANIFEST_FILE_NAME) {
            self.check_manifest(directory, &names);
        }
        let mut found = Vec::new();
        let mut passed_over = Vec::new();
        for name in &names {
            // Hidden entries are editor and tool state (`.git`, `.cache`), not articles.
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = directory.join(name);
            // `fs::metadata` follows symlinks; a broken one is left to the read
            // of the file, which then names it.
            if fs::metadata(&path).is_ok_and(|metadata| metadata.is_dir()) {
                found.push(Pending::Directory(path));
                continue;
            }
            match file_kind(&path) {
                FileKind::Manifest => {}
                FileKind::Other => passed_over.push(name.to_string_lossy().into_owned()),
                kind => found.push(Pending::File(path, kind)),
            }
        }
        if !passed_over.is_empty() {
            /// Names listed in the message; the rest are counted.
            const LISTED: usize = 5;
            let count = passed_over.len();
            passed_over.truncate(LISTED);
            self.ready.push_back(Err(ReadError::PassedOver {
                directory: label,
                count,
                files: passed_over,
            }));
        }
        for pending in found.into_iter().rev() {
            self.queue.push_front(pending);
        }
    }
}

impl Iterator for Documents {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(Ok(document)) => {
                        self.checks
                            .admit(document, None, Vec::new(), &mut self.ready);
                    }
                    Some(Err(error)) => return Some(Err(error)),
                    None => self.current = None,
                }
                continue;
            }
            let pending = self.queue.pop_front()?;
            self.start(pending);
        }
    }
}

impl FusedIterator for Documents {}
