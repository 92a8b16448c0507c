use std::path::PathBuf;

/// What can go wrong while loading a gazetteer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A file of the gazetteer could not be read.
    #[error("Cannot read `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file lacks a column the loader needs.
    #[error("`{file}` line 1: missing column `{column}`")]
    MissingColumn {
        /// The file's name.
        file: String,
        /// The column.
        column: &'static str,
    },
    /// A row could not be parsed.
    #[error("`{file}` line {line}: {message}: `{row}`")]
    Row {
        /// The file's name.
        file: String,
        /// Line number, from 1 (the header).
        line: usize,
        /// What is wrong.
        message: String,
        /// The row as written.
        row: String,
    },
}
