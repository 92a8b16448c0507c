//! JSON Lines documents: one JSON object per line.

use std::collections::VecDeque;
use std::io::BufRead;
use std::iter::FusedIterator;
use std::path::Path;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_json::Value;

use crate::error::describe_json_error;
use crate::line::LineReader;
use crate::reader::Checks;
use crate::{Document, Origin, ReadError, ReaderOptions};

/// Reads JSON Lines documents from `reader` with the default
/// [`ReaderOptions`]; `path` names the input in documents and errors (`-` for
/// stdin). See [`Reader::read_jsonl`](crate::Reader::read_jsonl).
pub fn read_jsonl<R: BufRead>(reader: R, path: &str) -> JsonlDocuments<R> {
    JsonlDocuments::new(
        reader,
        path,
        ReaderOptions::default().max_document_bytes,
        false,
    )
}

/// The documents of one JSON Lines input, read a line at a time.
///
/// Each non-blank line gives one item: a [`Document`], or a [`ReadError`]
/// naming the line, after which reading goes on with the next line. Only a
/// failed read or binary data (a NUL byte) ends the input early. An input
/// without any non-blank line gives one [`ReadError::Empty`] or
/// [`ReadError::Blank`]. Documents pass the checks of
/// [`Documents`](crate::Documents) (Arabic text, `published`, ids given
/// once), so a line may also give a notice before its document.
pub struct JsonlDocuments<R> {
    lines: LineReader<R>,
    /// The prefix of generated ids, `<stem>:<line>`.
    stem: String,
    seen_content: bool,
    done: bool,
    /// `None` when a [`Documents`](crate::Documents) checks the documents.
    checks: Option<Checks>,
    ready: VecDeque<Result<Document, ReadError>>,
}

impl<R: BufRead> JsonlDocuments<R> {
    pub(crate) fn new(reader: R, path: &str, limit: u64, replace_duplicates: bool) -> Self {
        let mut documents = Self::unchecked(reader, path, limit);
        documents.checks = Some(Checks::new(replace_duplicates));
        documents
    }

    /// Without the checks, for a reader that makes them itself.
    pub(crate) fn unchecked(reader: R, path: &str, limit: u64) -> Self {
        let stem = if path == "-" {
            "stdin".to_owned()
        } else {
            Path::new(path).file_stem().map_or_else(
                || path.to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            )
        };
        Self {
            lines: LineReader::new(reader, path.to_owned(), limit),
            stem,
            seen_content: false,
            done: false,
            checks: None,
            ready: VecDeque::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonlDocuments<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let item = self.next_unchecked()?;
            match (item, &mut self.checks) {
                (Ok(document), Some(checks)) => {
                    checks.admit(document, None, Vec::new(), &mut self.ready);
                }
                (item, _) => return Some(item),
            }
        }
    }
}

impl<R: BufRead> JsonlDocuments<R> {
    fn next_unchecked(&mut self) -> Option<Result<Document, ReadError>> {
        while !self.done {
            let Some(item) = self.lines.next_line() else {
                self.done = true;
                if self.seen_content {
                    return None;
                }
                let path = self.lines.path().to_owned();
                return Some(Err(if self.lines.offset() == 0 {
                    ReadError::Empty { path }
                } else {
                    ReadError::Blank { path }
                }));
            };
            let line = match item {
                Ok(line) => line,
                Err(error) => {
                    self.seen_content = true;
                    return Some(Err(error));
                }
            };
            if line.text.trim_ascii().is_empty() {
                continue;
            }
            self.seen_content = true;
            return Some(parse_document(
                line.text,
                line.path,
                line.number,
                &self.stem,
            ));
        }
        None
    }
}

impl<R: BufRead> FusedIterator for JsonlDocuments<R> {}

#[derive(Deserialize)]
struct RawDocument {
    id: Option<Value>,
    text: Option<Value>,
    outlet: Option<Value>,
    published: Option<Value>,
    url: Option<Value>,
    lang: Option<Value>,
}

fn parse_document(text: &str, path: &str, line: usize, stem: &str) -> Result<Document, ReadError> {
    let invalid = |reason: String| ReadError::InvalidRecord {
        path: path.to_owned(),
        line,
        reason,
    };
    let raw: RawDocument = parse_object(text).map_err(|problem| match problem {
        JsonProblem::Malformed { reason, column } => ReadError::MalformedJson {
            path: path.to_owned(),
            line,
            column,
            reason,
        },
        JsonProblem::NotADocument(reason) => invalid(reason),
    })?;
    let id = id_field("id", raw.id).map_err(invalid)?;
    let document_text = match string_field("text", raw.text).map_err(invalid)? {
        None => {
            return Err(ReadError::MissingText {
                path: path.to_owned(),
                line,
            })
        }
        Some(text) if text.trim().is_empty() => {
            return Err(ReadError::EmptyText {
                path: path.to_owned(),
                line,
            })
        }
        Some(text) => text,
    };
    Ok(Document {
        id: id.unwrap_or_else(|| format!("{stem}:{line}")),
        outlet: string_field("outlet", raw.outlet).map_err(invalid)?,
        published: string_field("published", raw.published).map_err(invalid)?,
        url: string_field("url", raw.url).map_err(invalid)?,
        lang: string_field("lang", raw.lang).map_err(invalid)?,
        text: document_text,
        origin: Origin {
            path: path.to_owned(),
            line: Some(line),
        },
    })
}

pub(crate) enum JsonProblem {
    Malformed { reason: String, column: usize },
    NotADocument(String),
}

/// Parses one line that must hold a JSON object. A derived `Deserialize`
/// would also take an array, field by field; a line like `[1, "x"]` is a
/// mistake, not a document.
pub(crate) fn parse_object<T: DeserializeOwned>(text: &str) -> Result<T, JsonProblem> {
    let malformed = |error: &serde_json::Error| {
        let (reason, column) = describe_json_error(error);
        JsonProblem::Malformed { reason, column }
    };
    let first = text.trim_ascii_start().bytes().next();
    if first != Some(b'{') {
        return match serde_json::from_str::<IgnoredAny>(text) {
            Err(error) => Err(malformed(&error)),
            Ok(_) => Err(JsonProblem::NotADocument(format!(
                "expected a JSON object, found {}",
                match first {
                    Some(b'[') => "an array",
                    Some(b'"') => "a string",
                    Some(b't' | b'f') => "a boolean",
                    Some(b'n') => "null",
                    _ => "a number",
                }
            ))),
        };
    }
    serde_json::from_str(text).map_err(|error| {
        if error.is_data() {
            JsonProblem::NotADocument(describe_json_error(&error).0)
        } else {
            malformed(&error)
        }
    })
}

/// A string field; `null` counts as absent.
pub(crate) fn string_field(name: &str, value: Option<Value>) -> Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(format!("`{name}` must be a string, found {}", kind(&other))),
    }
}

/// An identifier written as a string or a number; blank counts as absent.
pub(crate) fn id_field(name: &str, value: Option<Value>) -> Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Number(number)) => Ok(Some(number.to_string())),
        Some(other) => Err(format!(
            "`{name}` must be a string or a number, found {}",
            kind(&other)
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::read_jsonl;

    fn messages(input: &str) -> Vec<String> {
        read_jsonl(Cursor::new(input), "t.jsonl")
            .map(|item| match item {
                Ok(document) => format!("ok {}", document.id),
                Err(error) => error.to_string(),
            })
            .collect()
    }

    #[test]
    fn shapes_that_are_not_documents() {
        assert_eq!(
            messages("[1, \"نص\"]\n\"نص\"\n{\"text\": 5}\n{\"text\": \"نص\", \"id\": [1]}\n"),
            vec![
                "`t.jsonl` line 1: not a document: expected a JSON object, found an array",
                "`t.jsonl` line 2: not a document: expected a JSON object, found a string",
                "`t.jsonl` line 3: not a document: `text` must be a string, found a number",
                "`t.jsonl` line 4: not a document: `id` must be a string or a number, found an array",
            ]
        );
    }

    #[test]
    fn column_replaces_serde_line_one() {
        assert_eq!(
            messages("{\"text\": }\n"),
            vec!["`t.jsonl` line 1: malformed JSON: expected value (column 10)"]
        );
    }

    #[test]
    fn ids_from_numbers_strings_or_line() {
        assert_eq!(
            messages("{\"id\": 12, \"text\": \"أ\"}\n\n{\"id\": \" \", \"text\": \"ب\", \"extra\": {\"x\": 1}}\n"),
            vec!["ok 12", "ok t:3"]
        );
    }

    #[test]
    fn null_and_blank_text() {
        assert_eq!(
            messages("{\"text\": null}\n{\"text\": \"  \"}\n"),
            vec![
                "`t.jsonl` line 1: no `text` field",
                "`t.jsonl` line 2: `text` is empty",
            ]
        );
    }

    #[test]
    fn blank_input_is_one_error() {
        assert_eq!(messages(""), vec!["`t.jsonl`: empty"]);
        assert_eq!(messages("\n  \n"), vec!["`t.jsonl`: only whitespace"]);
    }
}
