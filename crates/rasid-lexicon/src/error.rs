//! The one error of a bad data file, whichever stage reads it.

use std::path::PathBuf;

/// A data file (a lexicon, the gazetteer) or a folder of them could not be
/// used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row (or the header) is malformed.
    #[error("`{file}` line {line}: {message}")]
    Row {
        /// The file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A folder of data files is missing or holds a file that is not one.
    #[error("`{path}`: {message}")]
    Folder {
        /// The folder or the file in it.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl DataError {
    /// An error at `line` of `file`.
    #[must_use]
    pub fn row(file: &str, line: usize, message: String) -> Self {
        Self::Row {
            file: file.to_owned(),
            line,
            message,
        }
    }
}

/// The name other crates used for this error before there was one.
pub type LexiconError = DataError;
