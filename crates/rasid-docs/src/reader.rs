//! Inputs (paths and stdin) to a lazy stream of documents.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use crate::manifest::Manifest;
use crate::text::read_text_document;
use crate::{Document, JsonlDocuments, ReadError, MANIFEST_FILE_NAME};

/// One command-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `.txt` or `.jsonl` file, or a directory of them.
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
    /// The largest document accepted, in bytes: a whole `.txt` file, or one
    /// line of JSON Lines (and of a manifest). Larger ones are refused with
    /// [`ReadError::TooLarge`] without being read into memory.
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
}

/// The documents of `inputs`, in order, read lazily; see [`Documents`].
#[must_use]
pub fn read_inputs(inputs: &[Input], options: &ReaderOptions) -> Documents {
    Reader::new(*options).read(inputs)
}

/// The documents of a list of inputs, as an iterator of results.
///
/// Nothing is read until asked for: a directory is listed when the walk
/// reaches it, a manifest is loaded before the first `.txt` file of its
/// directory (its bad lines come out as errors just before that file), and a
/// JSON Lines file is read a line at a time. Each input that cannot be read
/// gives an error and the next input follows.
pub struct Documents {
    options: ReaderOptions,
    queue: VecDeque<Pending>,
    current: Option<JsonlDocuments<Box<dyn BufRead + Send>>>,
    ready: VecDeque<Result<Document, ReadError>>,
    /// By directory; loaded once, so its errors are reported once.
    manifests: HashMap<PathBuf, Manifest>,
    /// Canonical directories already walked: a symlink loop is walked once.
    visited: HashSet<PathBuf>,
}

enum Pending {
    Input(Input),
    Text(PathBuf),
    Jsonl(PathBuf),
    Directory(PathBuf),
}

#[derive(Clone, Copy)]
enum FileKind {
    Text,
    Jsonl,
    Manifest,
    Other,
}

fn file_kind(path: &Path) -> FileKind {
    if path.file_name() == Some(OsStr::new(MANIFEST_FILE_NAME)) {
        return FileKind::Manifest;
    }
    match path.extension().and_then(OsStr::to_str) {
        Some(extension) if extension.eq_ignore_ascii_case("txt") => FileKind::Text,
        Some(extension) if extension.eq_ignore_ascii_case("jsonl") => FileKind::Jsonl,
        _ => FileKind::Other,
    }
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
                self.current = Some(JsonlDocuments::new(
                    stdin,
                    "-",
                    self.options.max_document_bytes,
                ));
            }
            Pending::Input(Input::Path(path)) => self.start_path(&path),
            Pending::Text(path) => self.read_text(&path),
            Pending::Jsonl(path) => self.open_jsonl(&path),
            Pending::Directory(path) => self.expand_directory(&path),
        }
    }

    fn start_path(&mut self, path: &Path) {
        let label = || path.display().to_string();
        match fs::metadata(path) {
            Err(cause) => self
                .ready
                .push_back(Err(ReadError::from_io(&label(), None, cause))),
            Ok(metadata) if metadata.is_dir() => self.expand_directory(path),
            Ok(_) => match file_kind(path) {
                FileKind::Text => self.read_text(path),
                FileKind::Jsonl => self.open_jsonl(path),
                FileKind::Manifest => self
                    .ready
                    .push_back(Err(ReadError::ManifestNotDocuments { path: label() })),
                FileKind::Other => self
                    .ready
                    .push_back(Err(ReadError::Unsupported { path: label() })),
            },
        }
    }

    fn read_text(&mut self, path: &Path) {
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
        self.ready.push_back(read_text_document(path, limit, entry));
    }

    fn open_jsonl(&mut self, path: &Path) {
        let label = path.display().to_string();
        match File::open(path) {
            Ok(file) => {
                let reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(file));
                self.current = Some(JsonlDocuments::new(
                    reader,
                    &label,
                    self.options.max_document_bytes,
                ));
            }
            Err(cause) => self
                .ready
                .push_back(Err(ReadError::from_io(&label, None, cause))),
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
                FileKind::Text => found.push(Pending::Text(path)),
                FileKind::Jsonl => found.push(Pending::Jsonl(path)),
                FileKind::Manifest | FileKind::Other => {}
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
