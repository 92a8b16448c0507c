//! TSV tables with a header, `#` comments and checked examples.

use std::collections::HashMap;

use rasid_text::normalize_str;

use crate::{LexiconError, PhraseIndex, Tag};

/// A parsed lexicon file.
pub(crate) struct Table<'a> {
    file: &'a str,
    header: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

/// One row, with its line number.
pub(crate) struct Row<'a> {
    pub(crate) line: usize,
    fields: HashMap<&'a str, &'a str>,
}

impl<'a> Row<'a> {
    /// A column's value (trimmed); empty when absent.
    pub(crate) fn get(&self, column: &str) -> &'a str {
        self.fields.get(column).copied().unwrap_or("")
    }
}

impl<'a> Table<'a> {
    pub(crate) fn parse(file: &'a str, text: &'a str) -> Result<Self, LexiconError> {
        let mut header = None;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if header.is_none() {
                header = Some(fields);
                continue;
            }
            rows.push((line_no, fields));
        }
        let header = header.ok_or_else(|| LexiconError::Row {
            file: file.to_owned(),
            line: 1,
            message: "no header row".to_owned(),
        })?;
        Ok(Self { file, header, rows })
    }

    pub(crate) fn error(&self, line: usize, message: String) -> LexiconError {
        LexiconError::Row {
            file: self.file.to_owned(),
            line,
            message,
        }
    }

    /// The rows, after checking the header has `columns` and every row has
    /// as many fields as the header, no empty required field and an example
    /// that contains the phrase.
    pub(crate) fn rows(&self, columns: &[&str]) -> Result<Vec<Row<'a>>, LexiconError> {
        for column in columns {
            if !self.header.contains(column) {
                return Err(self.error(
                    0,
                    format!(
                        "header lacks column `{column}` (needs: {})",
                        columns.join(", ")
                    ),
                ));
            }
        }
        let mut out = Vec::with_capacity(self.rows.len());
        for (line, fields) in &self.rows {
            if fields.len() != self.header.len() {
                return Err(self.error(
                    *line,
                    format!(
                        "{} fields, the header has {} (columns are separated by tabs)",
                        fields.len(),
                        self.header.len()
                    ),
                ));
            }
            let fields: HashMap<&str, &str> = self
                .header
                .iter()
                .copied()
                .zip(fields.iter().copied())
                .collect();
            for column in columns {
                if fields[column].is_empty() {
                    return Err(self.error(*line, format!("empty `{column}`")));
                }
            }
            out.push(Row {
                line: *line,
                fields,
            });
        }
        Ok(out)
    }

    /// The value of `column` read as one of `options`; any other value is an
    /// error naming the file, the line and the accepted values.
    pub(crate) fn choice<T: Copy>(
        &self,
        row: &Row<'_>,
        column: &str,
        options: &[(&str, T)],
    ) -> Result<T, LexiconError> {
        let value = row.get(column);
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

    /// Reads a `phrase / type / example` table: for every row, `entry` keeps
    /// the phrase with its type (one of `types`) and returns the tag under
    /// which the phrase is then indexed.
    pub(crate) fn typed_phrases<T: Copy>(
        &self,
        index: &mut PhraseIndex<Tag>,
        types: &[(&str, T)],
        mut entry: impl FnMut(String, T) -> Tag,
    ) -> Result<(), LexiconError> {
        for row in self.rows(&["phrase", "type", "example"])? {
            let kind = self.choice(&row, "type", types)?;
            let tag = entry(row.get("phrase").to_owned(), kind);
            self.add(index, &row, "phrase", tag)?;
        }
        Ok(())
    }

    /// Indexes a row's phrase, checking its example contains it.
    pub(crate) fn add(
        &self,
        index: &mut PhraseIndex<Tag>,
        row: &Row<'_>,
        column: &str,
        tag: Tag,
    ) -> Result<(), LexiconError> {
        let phrase = row.get(column);
        let bare = phrase.trim_start_matches('=');
        let example = row.get("example");
        if !normalize_str(example).contains(&normalize_str(bare)) {
            return Err(self.error(
                row.line,
                format!("the example `{example}` does not contain `{bare}`"),
            ));
        }
        index
            .insert(phrase, tag)
            .map_err(|e| self.error(row.line, format!("cannot index `{phrase}`: {e:?}")))
    }
}
