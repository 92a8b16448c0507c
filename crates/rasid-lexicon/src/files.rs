//! The lexicon files as a set: the shipped ones, or a linguist's folder of
//! edited copies laid over them.
//!
//! Every file of `data/lexicons/` is compiled into the binary; a folder given
//! with `--lexicons DIR` replaces the files it holds and leaves the others as
//! shipped. A folder that does not exist, or a file in it that is not one of
//! the lexicon files, is an error: an edit that rasid would silently ignore
//! is worse than none.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::DataError;

/// Every lexicon file: (file name, shipped contents), in the order the
/// README lists them.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "victims.tsv",
        include_str!("../../../data/lexicons/victims.tsv"),
    ),
    (
        "persons.tsv",
        include_str!("../../../data/lexicons/persons.tsv"),
    ),
    (
        "qualifiers.tsv",
        include_str!("../../../data/lexicons/qualifiers.tsv"),
    ),
    (
        "reporting.tsv",
        include_str!("../../../data/lexicons/reporting.tsv"),
    ),
    (
        "sources.tsv",
        include_str!("../../../data/lexicons/sources.tsv"),
    ),
    (
        "blockers.tsv",
        include_str!("../../../data/lexicons/blockers.tsv"),
    ),
    (
        "markers.tsv",
        include_str!("../../../data/lexicons/markers.tsv"),
    ),
    (
        "numbers.tsv",
        include_str!("../../../data/lexicons/numbers.tsv"),
    ),
    ("time.tsv", include_str!("../../../data/lexicons/time.tsv")),
    (
        "actors.tsv",
        include_str!("../../../data/lexicons/actors.tsv"),
    ),
    (
        "events.tsv",
        include_str!("../../../data/lexicons/events.tsv"),
    ),
    (
        "roles.tsv",
        include_str!("../../../data/lexicons/roles.tsv"),
    ),
    (
        "place_words.tsv",
        include_str!("../../../data/lexicons/place_words.tsv"),
    ),
    (
        "reaches.tsv",
        include_str!("../../../data/lexicons/reaches.tsv"),
    ),
];

/// The shipped contents of a lexicon file.
///
/// # Panics
/// When `name` is not a lexicon file: a bug in the caller.
#[must_use]
pub fn builtin_text(name: &str) -> &'static str {
    BUILTIN.iter().find(|(n, _)| *n == name).map_or_else(
        || panic!("`{name}` is not a lexicon file"),
        |(_, text)| *text,
    )
}

/// One lexicon file: its name, where it was read from, and its text.
#[derive(Debug, Clone)]
pub struct LexiconFile {
    /// The file name (`victims.tsv`).
    pub name: &'static str,
    /// What errors cite: the path of an edited copy, else the file name.
    pub origin: String,
    /// The contents.
    pub text: Cow<'static, str>,
    /// Whether the text comes from an edited copy rather than the binary.
    pub edited: bool,
}

/// What an edited file adds to and removes from the shipped one, row by row
/// (a changed row is one removed and one added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The file name.
    pub name: &'static str,
    /// Where the edited copy was read from.
    pub origin: String,
    /// Rows of the edited copy the shipped file lacks: (line, fields joined by tabs).
    pub added: Vec<(usize, String)>,
    /// Rows of the shipped file the edited copy lacks: (line in the shipped file, fields).
    pub removed: Vec<(usize, String)>,
}

/// The texts of every lexicon file.
#[derive(Debug, Clone)]
pub struct LexiconFiles {
    files: Vec<LexiconFile>,
}

impl LexiconFiles {
    /// The files compiled into the binary.
    #[must_use]
    pub fn builtin() -> Self {
        Self {
            files: BUILTIN
                .iter()
                .map(|&(name, text)| LexiconFile {
                    name,
                    origin: name.to_owned(),
                    text: Cow::Borrowed(text),
                    edited: false,
                })
                .collect(),
        }
    }

    /// The shipped files with those of `dir` in their place. Files whose
    /// names start with `.` are left out (an editor's swap files).
    ///
    /// # Errors
    /// When `dir` is not a folder, holds an entry that is not a lexicon file
    /// (the error lists the names it may hold), or a file cannot be read.
    pub fn load_dir(dir: &Path) -> Result<Self, DataError> {
        let folder_error = |path: PathBuf, message: String| DataError::Folder { path, message };
        if !dir.is_dir() {
            return Err(folder_error(
                dir.to_owned(),
                if dir.exists() {
                    "not a folder of lexicon files".to_owned()
                } else {
                    "no such folder of lexicon files".to_owned()
                },
            ));
        }
        let entries = std::fs::read_dir(dir).map_err(|source| DataError::Read {
            path: dir.to_owned(),
            source,
        })?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| DataError::Read {
                path: dir.to_owned(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if !BUILTIN.iter().any(|(known, _)| *known == name) {
                return Err(folder_error(
                    entry.path(),
                    format!(
                        "not a lexicon file (a folder of lexicons holds only: {})",
                        Self::names().join(", ")
                    ),
                ));
            }
            names.push(name);
        }
        let mut files = Self::builtin();
        for file in &mut files.files {
            if !names.iter().any(|n| n == file.name) {
                continue;
            }
            let path = dir.join(file.name);
            let text = std::fs::read_to_string(&path).map_err(|source| DataError::Read {
                path: path.clone(),
                source,
            })?;
            file.origin = path.display().to_string();
            file.text = Cow::Owned(text);
            file.edited = true;
        }
        Ok(files)
    }

    /// The names of the lexicon files.
    #[must_use]
    pub fn names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(name, _)| *name).collect()
    }

    /// A file by name: (what errors cite, its text).
    ///
    /// # Panics
    /// When `name` is not a lexicon file: a bug in the caller.
    #[must_use]
    pub fn get(&self, name: &str) -> (&str, &str) {
        let file = self
            .files
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("`{name}` is not a lexicon file"));
        (&file.origin, &file.text)
    }

    /// For every edited file, the rows it adds and removes.
    ///
    /// # Errors
    /// When a file has no header row.
    pub fn changes(&self) -> Result<Vec<Changes>, DataError> {
        let schema = crate::table::Schema::new(&[]);
        let rows = |table: &crate::table::Table<'_>| -> Vec<(usize, String)> {
            table
                .rows()
                .iter()
                .map(|row| (row.line, row.fields().join("\t")))
                .collect()
        };
        let mut out = Vec::new();
        for file in self.files.iter().filter(|f| f.edited) {
            let edited = rows(&crate::table::Table::parse(
                &file.origin,
                &file.text,
                &schema,
            )?);
            let shipped = rows(&crate::table::Table::parse(
                file.name,
                builtin_text(file.name),
                &schema,
            )?);
            let lacks = |list: &[(usize, String)], row: &str| !list.iter().any(|(_, r)| r == row);
            out.push(Changes {
                name: file.name,
                origin: file.origin.clone(),
                added: edited
                    .iter()
                    .filter(|(_, r)| lacks(&shipped, r))
                    .cloned()
                    .collect(),
                removed: shipped
                    .iter()
                    .filter(|(_, r)| lacks(&edited, r))
                    .cloned()
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Every file, in the order of [`BUILTIN`].
    #[must_use]
    pub fn files(&self) -> &[LexiconFile] {
        &self.files
    }
}
