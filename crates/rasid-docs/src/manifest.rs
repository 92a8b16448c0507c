//! `manifest.jsonl`: metadata for the `.txt` files of one directory.

use std::collections::hash_map::{Entry, HashMap};
use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::jsonl::{id_field, parse_object, string_field, JsonProblem};
use crate::line::LineReader;
use crate::{ReadError, MANIFEST_FILE_NAME};

/// What a manifest says about one `.txt` file.
#[derive(Debug, Default, Clone)]
pub(crate) struct ManifestEntry {
    pub(crate) doc: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) lang: Option<String>,
}

/// The entries of one directory's manifest, by file name.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
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

    /// Reads the manifest of `directory`; none is an empty manifest. A line
    /// that cannot be used becomes an error beside the entries that can.
    pub(crate) fn load(directory: &Path, limit: u64) -> (Self, Vec<ReadError>) {
        let path = directory.join(MANIFEST_FILE_NAME);
        let label = path.display().to_string();
        let mut manifest = Self::default();
        let mut errors = Vec::new();
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(cause) if cause.kind() == io::ErrorKind::NotFound => return (manifest, errors),
            Err(cause) => return (manifest, vec![ReadError::from_io(&label, None, cause)]),
        };
        let mut first_lines: HashMap<String, usize> = HashMap::new();
        let mut lines = LineReader::new(BufReader::new(file), label.clone(), limit);
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
            let (file_name, entry) = match parse_entry(line.text) {
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

fn parse_entry(text: &str) -> Result<(String, ManifestEntry), String> {
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
        doc,
        outlet: string_field("outlet", raw.outlet)?,
        published: string_field("published", raw.published)?,
        url: string_field("url", raw.url)?,
        lang: string_field("lang", raw.lang)?,
    };
    Ok((file_name, entry))
}
