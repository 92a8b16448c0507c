//! The one reader of rasid's data files: tab-separated tables with a header
//! row, `#` comment lines and, where a file has one, an `example` column that
//! must contain the row's phrase.
//!
//! Every stage reads its files through [`Table`] (the lexicons here, actors
//! and events, the time words, the place words and the gazetteer), so every
//! bad file is refused the same way: a [`DataError`] naming the file and the
//! line.
//!
//! ```
//! use rasid_lexicon::table::{Schema, Table};
//!
//! let text = "# a comment\nphrase\tkind\texample\nقتلى\tkilled\tسقط 5 قتلى\n";
//! let table = Table::parse("victims.tsv", text, &Schema::new(&["phrase", "kind"]).example_of("phrase"))?;
//! let row = &table.rows()[0];
//! assert_eq!((row.line, table.get(row, "phrase")), (3, "قتلى"));
//! let kind = table.choice(row, "kind", &[("killed", 1), ("injured", 2)])?;
//! assert_eq!(kind, 1);
//!
//! let bad = "phrase\tkind\texample\nقتلى\tkilled\tسقط 5 جرحى\n";
//! let error = Table::parse("victims.tsv", bad, &Schema::new(&["phrase", "kind"]).example_of("phrase")).unwrap_err();
//! assert!(error.to_string().starts_with("`victims.tsv` line 2: the example"));
//! # Ok::<(), rasid_lexicon::DataError>(())
//! ```

use rasid_text::normalize_str;

use crate::DataError;

/// The columns a file must have, and which one its examples illustrate.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'s> {
    columns: &'s [&'s str],
    may_be_empty: &'s [&'s str],
    example_of: Option<&'s str>,
}

impl<'s> Schema<'s> {
    /// A file with these columns, each non-empty in every row.
    #[must_use]
    pub const fn new(columns: &'s [&'s str]) -> Self {
        Self {
            columns,
            may_be_empty: &[],
            example_of: None,
        }
    }

    /// Columns the header must have and a row may leave empty.
    #[must_use]
    pub const fn may_be_empty(mut self, columns: &'s [&'s str]) -> Self {
        self.may_be_empty = columns;
        self
    }

    /// Every row has an `example` that contains the value of `column`
    /// (both normalised; a leading `=` of the value is left out).
    #[must_use]
    pub const fn example_of(mut self, column: &'s str) -> Self {
        self.example_of = Some(column);
        self
    }
}

/// A parsed data file.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    file: &'a str,
    header: Vec<&'a str>,
    header_line: usize,
    rows: Vec<Row<'a>>,
}

/// One row: its line in the file and its fields in header order.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// 1-based line number.
    pub line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The fields in header order, trimmed.
    #[must_use]
    pub fn fields(&self) -> &[&'a str] {
        &self.fields
    }
}

impl<'a> Table<'a> {
    /// Parses `text` (the contents of `file`, the name errors cite), checking
    /// the header has every column of `schema`, every row has as many fields
    /// as the header, no required field is empty, and examples contain their
    /// phrase.
    ///
    /// # Errors
    /// A [`DataError::Row`] naming the file and the line.
    pub fn parse(file: &'a str, text: &'a str, schema: &Schema<'_>) -> Result<Self, DataError> {
        let mut header: Option<(usize, Vec<&str>)> = None;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if header.is_none() {
                header = Some((line_no, fields));
                continue;
            }
            rows.push(Row {
                line: line_no,
                fields,
            });
        }
        let Some((header_line, header)) = header else {
            return Err(DataError::row(file, 1, "no header row".to_owned()));
        };
        let table = Self {
            file,
            header,
            header_line,
            rows,
        };
        table.check(schema)?;
        Ok(table)
    }

    /// Checks the table against a schema (as [`Table::parse`] does), for a
    /// reader that learns which schema applies from the header.
    ///
    /// # Errors
    /// A [`DataError::Row`] naming the file and the line.
    pub fn check(&self, schema: &Schema<'_>) -> Result<(), DataError> {
        let example = schema.example_of.map(|_| "example");
        let all = || {
            schema
                .columns
                .iter()
                .copied()
                .chain(schema.may_be_empty.iter().copied())
                .chain(example)
        };
        for column in all() {
            if !self.header.contains(&column) {
                return Err(self.error(
                    self.header_line,
                    format!(
                        "the header lacks column `{column}` (needs: {})",
                        all().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
        for row in &self.rows {
            if row.fields.len() != self.header.len() {
                return Err(self.error(
                    row.line,
                    format!(
                        "{} fields, the header has {} (columns are separated by tabs)",
                        row.fields.len(),
                        self.header.len()
                    ),
                ));
            }
            for column in schema.columns.iter().copied().chain(example) {
                if self.get(row, column).is_empty() {
                    return Err(self.error(row.line, format!("empty `{column}`")));
                }
            }
            if let Some(column) = schema.example_of {
                let phrase = self.get(row, column);
                let phrase = phrase.strip_prefix('=').unwrap_or(phrase);
                let example = self.get(row, "example");
                if !contains(example, phrase) {
                    return Err(self.error(
                        row.line,
                        format!("the example `{example}` does not contain `{phrase}`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The file name errors cite.
    #[must_use]
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The column names, in file order.
    #[must_use]
    pub fn header(&self) -> &[&'a str] {
        &self.header
    }

    /// The rows, in file order.
    #[must_use]
    pub fn rows(&self) -> &[Row<'a>] {
        &self.rows
    }

    /// Whether the header has `column`.
    #[must_use]
    pub fn has_column(&self, column: &str) -> bool {
        self.header.contains(&column)
    }

    /// A column's value in a row (trimmed); empty when the file has no such
    /// column.
    #[must_use]
    pub fn get(&self, row: &Row<'a>, column: &str) -> &'a str {
        self.header
            .iter()
            .position(|c| *c == column)
            .and_then(|i| row.fields.get(i).copied())
            .unwrap_or("")
    }

    /// An error at `line` of this file.
    #[must_use]
    pub fn error(&self, line: usize, message: String) -> DataError {
        DataError::row(self.file, line, message)
    }

    /// The value of `column` read as one of `options`; any other value is an
    /// error naming the file, the line and the accepted values.
    ///
    /// # Errors
    /// When the value is not one of the options.
    pub fn choice<T: Copy>(
        &self,
        row: &Row<'a>,
        column: &str,
        options: &[(&str, T)],
    ) -> Result<T, DataError> {
        let value = self.get(row, column);
        options
            .iter()
            .find(|(name, _)| *name == value)
            .map(|&(_, v)| v)
            .ok_or_else(|| {
                let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
                self.error(
                    row.line,
                    format!("unknown {column} `{value}` ({})", names.join(", ")),
                )
            })
    }

    /// The value of `column` read as a whole number in `range`.
    ///
    /// # Errors
    /// When it is not one.
    pub fn number(
        &self,
        row: &Row<'a>,
        column: &str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, DataError> {
        let value = self.get(row, column);
        value
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                self.error(
                    row.line,
                    format!(
                        "{column} `{value}` is not a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                )
            })
    }
}

/// Whether `example` contains `phrase`, both normalised and with runs of
/// spaces read as one.
fn contains(example: &str, phrase: &str) -> bool {
    let squeeze = |s: &str| {
        normalize_str(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    squeeze(example).contains(&squeeze(phrase))
}
