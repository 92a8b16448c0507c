//! `manifest.jsonl`: metadata for the `.txt` files of one directory.

use std::collections::hash_map::{Entry, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::jsonl::{id_field, parse_object, string_field, JsonProblem};
use crate::line::LineReader;
use crate::utf16::utf8_stream;
use crate::{ReadError, MANIFEST_FILE_NAME};

/// What a manifest says about one `.txt` file.
#[derive(Debug, Default, Clone)]
pub(crate) struct ManifestEntry {
    /// The manifest's line that gives the entry.
    pub(crate) line: usize,
    pub(crate) doc: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) lang: Option<String>,
}

/// The entries of one directory's manifest, by file name.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    /// Where it was read from; `None` when the directory has none.
    pub(crate) path: Option<String>,
    entries: HashMap<String, ManifestEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    doc: Option<Value>,
    file: Option<Value>,
    outlet: Option<Value>,
    published: Option<Value>,
    url: Option<Value>,
    lang: Option<Value>,
}

impl Manifest {
    pub(crate) fn entry(&self, file_name: &str) -> Option<&ManifestEntry> {
        self.entries.get(file_name)
    }

    /// The entries, as (file name, entry), in the order of their lines.
    pub(crate) fn entries(&self) -> Vec<(&str, &ManifestEntry)> {
        let mut entries: Vec<(&str, &ManifestEntry)> = self
            .entries
            .iter()
            .map(|(name, entry)| (name.as_str(), entry))
            .collect();
        entries.sort_by_key(|(_, entry)| entry.line);
        entries
    }

    /// Reads the manifest of `directory`; none is an empty manifest. A line
    /// that cannot be used becomes an error beside the entries that can.
    pub(crate) fn load(directory: &Path, limit: u64) -> (Self, Vec<ReadError>) {
        let path = directory.join(MANIFEST_FILE_NAME);
        let label = path.display().to_string();
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(cause) if cause.kind() == io::ErrorKind::NotFound => {
                return (Self::default(), Vec::new())
            }
            Err(cause) => {
                let manifest = Self {
                    path: Some(label.clone()),
                    entries: HashMap::new(),
                };
                return (manifest, vec![ReadError::from_io(&label, None, cause)]);
            }
        };
        Self::read(utf8_stream(BufReader::new(file)), &label, limit)
    }

    /// Reads a manifest from `reader`; `label` names it in errors.
    pub(crate) fn read(reader: impl BufRead, label: &str, limit: u64) -> (Self, Vec<ReadError>) {
        let label = label.to_owned();
        let mut manifest = Self {
            path: Some(label.clone()),
            entries: HashMap::new(),
        };
        let mut errors = Vec::new();
        let mut first_lines: HashMap<String, usize> = HashMap::new();
        let mut lines = LineReader::new(reader, label.clone(), limit);
        while let Some(item) = lines.next_line() {
            let line = match item {
                Ok(line) => line,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
            if line.text.trim_ascii().is_empty() {
                continue;
            }
            let number = line.number;
            let bad = |reason: String| ReadError::MalformedManifest {
                path: label.clone(),
                line: number,
                reason,
            };
            let (file_name, entry) = match parse_entry(line.text, number) {
                Ok(parsed) => parsed,
                Err(reason) => {
                    errors.push(bad(reason));
                    continue;
                }
            };
            match first_lines.entry(file_name.clone()) {
                Entry::Occupied(first) => errors.push(bad(format!(
                    "a second entry for `{file_name}` (the first is on line {})",
                    first.get()
                ))),
                Entry::Vacant(vacant) => {
                    vacant.insert(number);
                    manifest.entries.insert(file_name, entry);
                }
            }
        }
        (manifest, errors)
    }
}

fn parse_entry(text: &str, line: usize) -> Result<(String, ManifestEntry), String> {
    let raw: RawEntry = parse_object(text).map_err(|problem| match problem {
        JsonProblem::Malformed { reason, .. } => format!("malformed JSON: {reason}"),
        JsonProblem::NotADocument(reason) => reason,
    })?;
    let doc = id_field("doc", raw.doc)?;
    let file = string_field("file", raw.file)?.filter(|file| !file.trim().is_empty());
    let file_name = match (file, &doc) {
        (Some(file), _) => file,
        (None, Some(doc)) => format!("{doc}.txt"),
        (None, None) => return Err("needs a `file` or a `doc`".to_owned()),
    };
    let entry = ManifestEntry {
        line,
        doc,
        outlet: string_field("outlet", raw.outlet)?,
        published: string_field("published", raw.published)?,
        url: string_field("url", raw.url)?,
        lang: string_field("lang", raw.lang)?,
    };
    Ok((file_name, entry))
}
