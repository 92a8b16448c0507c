//! TSV tables with a header row, `#` comments and checked examples, read the
//! way `rasid-lexicon` reads its files (that crate keeps its reader private).

use std::collections::HashMap;

use rasid_text::{normalize_str, tokenize, TokenKind};

use crate::Error;

/// One row, with its line number and its fields by column name.
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

/// A parsed file: its name (for errors) and its rows.
pub(crate) struct Table<'a> {
    file: &'a str,
    pub(crate) rows: Vec<Row<'a>>,
}

impl<'a> Table<'a> {
    /// Parses `text`, checking the header holds every one of `columns`, every
    /// row has as many fields as the header and no required field is empty.
    pub(crate) fn parse(file: &'a str, text: &'a str, columns: &[&str]) -> Result<Self, Error> {
        let mut header: Option<Vec<&str>> = None;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(names) = &header else {
                for column in columns {
                    if !fields.contains(column) {
                        return Err(row_error(
                            file,
                            line_no,
                            format!(
                                "header lacks column `{column}` (needs: {})",
                                columns.join(", ")
                            ),
                        ));
                    }
                }
                header = Some(fields);
                continue;
            };
            if fields.len() != names.len() {
                return Err(row_error(
                    file,
                    line_no,
                    format!(
                        "{} fields, the header has {} (columns are separated by tabs)",
                        fields.len(),
                        names.len()
                    ),
                ));
            }
            let fields: HashMap<&str, &str> = names.iter().copied().zip(fields).collect();
            for column in columns {
                if fields.get(column).is_none_or(|v| v.is_empty()) {
                    return Err(row_error(file, line_no, format!("empty `{column}`")));
                }
            }
            rows.push(Row {
                line: line_no,
                fields,
            });
        }
        if header.is_none() {
            return Err(row_error(file, 1, "no header row".to_owned()));
        }
        Ok(Self { file, rows })
    }

    /// An error at `line` of this file.
    pub(crate) fn error(&self, line: usize, message: String) -> Error {
        row_error(self.file, line, message)
    }

    /// Checks that the row's example contains its phrase (both normalised).
    pub(crate) fn check_example(&self, row: &Row<'_>, column: &str) -> Result<(), Error> {
        let phrase = row.get(column);
        let example = row.get("example");
        if normalize_str(example).contains(&normalize_str(phrase)) {
            Ok(())
        } else {
            Err(self.error(
                row.line,
                format!("the example `{example}` does not contain `{phrase}`"),
            ))
        }
    }
}

fn row_error(file: &str, line: usize, message: String) -> Error {
    Error::Row {
        file: file.to_owned(),
        line,
        message,
    }
}

/// Removes the article from a normalised word when two letters remain, as
/// [`rasid_lexicon::PhraseIndex`] does with its keys.
fn strip_article(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().nth(1).is_some() => rest,
        _ => word,
    }
}

/// The words a phrase is matched by: normalised, each without its article.
/// Two rows with the same key match the same text ("القصف الجوي" = "قصف جوي").
pub(crate) fn phrase_key(phrase: &str) -> String {
    let normalized = normalize_str(phrase);
    tokenize(&normalized)
        .iter()
        .map(|token| {
            let text = token.text(&normalized);
            if token.kind == TokenKind::Word {
                strip_article(text)
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
