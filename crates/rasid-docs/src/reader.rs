//! Inputs (paths and stdin) to a lazy stream of documents.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

use crate::feed::FeedDocuments;
use crate::manifest::{Manifest, ManifestEntry};
use crate::text::{decode_html, file_stem, read_html_document, read_text_document};
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
}

impl ReaderOptions {
    /// 64 MiB.
    pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
}

impl Default for ReaderOptions {
    fn default() -> Self {
        Self {
            max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES,
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
        JsonlDocuments::new(reader, path, self.options.max_document_bytes)
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
/// reaches it, a manifest is loaded before the first `.txt` or `.html` file
/// of its directory (its bad lines come out as errors just before that
/// file), and JSON Lines, WARC files and feeds are read a line, record or
/// item at a time. Each input that cannot be read gives an error and the
/// next input follows.
pub struct Documents {
    options: ReaderOptions,
    queue: VecDeque<Pending>,
    current: Option<Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>>,
    ready: VecDeque<Result<Document, ReadError>>,
    /// By directory; loaded once, so its errors are reported once.
    manifests: HashMap<PathBuf, Manifest>,
    /// Canonical directories already walked: a symlink loop is walked once.
    visited: HashSet<PathBuf>,
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
    if path.file_name() == Some(OsStr::new(MANIFEST_FILE_NAME)) {
        return FileKind::Manifest;
    }
    let Some(name) = path.file_name() else {
        return FileKind::Other;
    };
    let name = name.to_string_lossy().to_ascii_lowercase();
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
        }
    }

    fn start(&mut self, pending: Pending) {
        match pending {
            Pending::Input(Input::Stdin) => {
                let stdin: Box<dyn BufRead + Send> = Box::new(BufReader::new(io::stdin()));
                self.current = Some(Box::new(JsonlDocuments::new(
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
            FileKind::Text => self.read_single(path, read_text_document),
            FileKind::Html => self.read_single(path, read_html_document),
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
                        FileKind::Jsonl => Box::new(JsonlDocuments::new(file, &label, limit)),
                        FileKind::JsonlGzip => Box::new(JsonlDocuments::new(
                            BufReader::with_capacity(
                                STREAM_BUFFER_BYTES,
                                MultiGzDecoder::new(file),
                            ),
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

    /// Reads a one-document file, with its directory's manifest entry.
    fn read_single(
        &mut self,
        path: &Path,
        read: fn(&Path, u64, Option<&ManifestEntry>) -> Result<Document, ReadError>,
    ) {
        let directory = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let limit = self.options.max_document_bytes;
        let manifest = self
            .manifests
            .entry(directory)
            .or_insert_with_key(|directory| {
                let (manifest, errors) = Manifest::load(directory, limit);
                self.ready.extend(errors.into_iter().map(Err));
                manifest
            });
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        let entry = manifest.entry(&file_name);
        self.ready.push_back(read(path, limit, entry));
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
        let mut found = Vec::new();
        for name in names {
            // Hidden entries are editor and tool state (`.git`, `.cache`), not articles.
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = directory.join(&name);
            // `fs::metadata` follows symlinks; a broken one is left to the read
            // of the file, which then names it.
            if fs::metadata(&path).is_ok_and(|metadata| metadata.is_dir()) {
                found.push(Pending::Directory(path));
                continue;
            }
            match file_kind(&path) {
                FileKind::Manifest | FileKind::Other => {}
                kind => found.push(Pending::File(path, kind)),
            }
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
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let pending = self.queue.pop_front()?;
            self.start(pending);
        }
    }
}

impl FusedIterator for Documents {}
