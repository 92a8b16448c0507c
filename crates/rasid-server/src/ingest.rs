//! Ingest over HTTP: documents in, claims extracted, stored and linked into
//! the stored incidents in one transaction — what `rasid ingest` does for
//! files.
//!
//! The body is JSON Lines (one document per line) or JSON (one document, or
//! an array of them), each document `{id, text, outlet?, published?, url?,
//! lang?}` as `rasid extract` reads them. The request is all or nothing: one
//! unreadable document refuses the whole request with every problem listed,
//! and the store writes a batch in one transaction.

use std::collections::HashSet;
use std::io::Cursor;

use rasid_docs::{Document, ReadError, Reader, ReaderOptions};
use rasid_extract::Extractor;
use rasid_store::{Outcome, Store};
use serde_json::{json, Value};

use crate::error::AppError;

/// Most documents one request may carry.
pub(crate) const MAX_DOCUMENTS: usize = 10_000;

/// The name given to the request body in problems (`"`request` line 3: …"`).
const INPUT: &str = "request";

/// The body's format, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `application/x-ndjson`, `application/jsonl`, `application/jsonlines`.
    JsonLines,
    /// `application/json`.
    Json,
}

impl Format {
    /// The format a `Content-Type` names.
    ///
    /// # Errors
    /// For any other type (415).
    pub(crate) fn from_content_type(value: Option<&str>) -> Result<Self, AppError> {
        let essence = value
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase());
        match essence.as_deref() {
            Some("application/json") => Ok(Format::Json),
            Some(
                "application/x-ndjson" | "application/jsonl" | "application/jsonlines"
                | "application/x-jsonlines",
            ) => Ok(Format::JsonLines),
            other => Err(AppError::UnsupportedMediaType(format!(
                "send documents as `application/x-ndjson` (JSON Lines) or `application/json`, not `{}`",
                other.unwrap_or("no Content-Type")
            ))),
        }
    }
}

/// Reads the documents of a body, with the notices about them (a
/// `published` that is not a date, so the document is stored undated; a
/// `lang` that is not Arabic over Arabic text); every problem is listed, none
/// is skipped.
///
/// # Errors
/// [`AppError::InvalidDocuments`] with one line per problem, or
/// [`AppError::BadRequest`] for a body that holds no document.
pub(crate) fn parse(body: &[u8], format: Format) -> Result<(Vec<Document>, Vec<String>), AppError> {
    let lines: Vec<u8> = match format {
        Format::JsonLines => body.to_vec(),
        Format::Json => {
            let value: Value = serde_json::from_slice(body)
                .map_err(|e| AppError::BadRequest(format!("the body is not JSON: {e}")))?;
            let items = match value {
                Value::Array(items) => items,
                object @ Value::Object(_) => vec![object],
                _ => {
                    return Err(AppError::BadRequest(
                        "a JSON body is a document object or an array of them".to_owned(),
                    ))
                }
            };
            // One compact line per item: JSON Lines line N is item N.
            let mut lines = Vec::with_capacity(body.len());
            for item in items {
                serde_json::to_writer(&mut lines, &item)
                    .map_err(|e| AppError::Internal(e.into()))?;
                lines.push(b'\n');
            }
            lines
        }
    };
    let mut problems = Vec::new();
    // Ids are required: an id made up from the line would name a different
    // document in every request.
    for (index, line) in lines.split(|&b| b == b'\n').enumerate() {
        if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(line) {
            if object.get("id").is_none_or(Value::is_null) {
                problems.push(format!(
                    "`{INPUT}` line {}: a document needs an `id`",
                    index + 1
                ));
            }
        }
    }
    let mut documents = Vec::new();
    let mut notices = Vec::new();
    let mut seen = HashSet::new();
    // Duplicates are refused below, with the whole request; the reader is
    // told to give them so that each is named.
    let reader = Reader::new(ReaderOptions {
        replace_duplicates: true,
        ..ReaderOptions::default()
    });
    for item in reader.read_jsonl(Cursor::new(&lines), INPUT) {
        match item {
            Ok(document) => {
                let line = document.origin.line.unwrap_or(0);
                if !seen.insert(document.id.clone()) {
                    problems.push(format!(
                        "`{INPUT}` line {line}: id `{}` is given twice",
                        document.id
                    ));
                }
                documents.push(document);
            }
            Err(ReadError::Empty { .. } | ReadError::Blank { .. }) => {
                return Err(AppError::BadRequest(
                    "the body holds no document".to_owned(),
                ));
            }
            Err(ReadError::DuplicateId { .. }) => {}
            Err(error) if error.document_follows() => notices.push(error.to_string()),
            Err(error) => problems.push(error.to_string()),
        }
    }
    if documents.len() > MAX_DOCUMENTS {
        return Err(AppError::BadRequest(format!(
            "{} documents in one request; send at most {MAX_DOCUMENTS}",
            documents.len()
        )));
    }
    if !problems.is_empty() {
        return Err(AppError::InvalidDocuments {
            detail: format!(
                "{} problem(s) in the documents; nothing was stored",
                problems.len()
            ),
            problems,
        });
    }
    Ok((documents, notices))
}

/// Extracts (on every core), stores and links the new claims in one
/// transaction, with the pipeline `rasid ingest` runs; answers what was done.
///
/// # Errors
/// When the store fails ([`AppError::Internal`]).
pub(crate) fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    documents: Vec<Document>,
) -> Result<Value, AppError> {
    let mut outcomes = Vec::with_capacity(documents.len());
    let report = rasid_pipeline::ingest_batch(store, extractor, documents, |progress| {
        let outcome = match progress.outcome {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
        };
        outcomes.push(json!({"id": progress.id, "outcome": outcome}));
    })
    .map_err(|e| AppError::Internal(e.into()))?;
    let incidents = store
        .counts()
        .map_err(|e| AppError::Internal(e.into()))?
        .incidents;
    let (stored, linked) = (report.ingest, report.link);
    Ok(json!({
        "added": stored.added,
        "updated": stored.updated,
        "unchanged": stored.unchanged,
        "claims": stored.claims,
        "incidents": incidents,
        "linked": {
            "founded": linked.founded,
            "joined": linked.joined,
            "rebuilt": linked.rebuilt,
            "dissolved": linked.dissolved,
        },
        "documents": outcomes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_and_json_read_alike() {
        let line = r#"{"id":"a","text":"قتل 3 مدنيين.","outlet":"X"}"#;
        let (from_lines, _) = parse(line.as_bytes(), Format::JsonLines).expect("reads");
        let (from_json, _) = parse(format!("[{line}]").as_bytes(), Format::Json).expect("reads");
        assert_eq!(from_lines.len(), 1);
        assert_eq!(from_lines[0].text, from_json[0].text);
    }

    #[test]
    fn every_problem_is_listed() {
        let body = "{\"text\":\"نص\"}\n{\"id\":\"b\"}\nnot json\n{\"id\":\"c\",\"text\":\"نص\"}\n{\"id\":\"c\",\"text\":\"نص\"}\n";
        match parse(body.as_bytes(), Format::JsonLines) {
            Err(AppError::InvalidDocuments { problems, .. }) => {
                assert_eq!(problems.len(), 4, "{problems:#?}");
                assert!(problems[0].contains("line 1") && problems[0].contains("`id`"));
                assert!(problems.iter().any(|p| p.contains("line 2")));
                assert!(problems.iter().any(|p| p.contains("line 3")));
                assert!(problems.iter().any(|p| p.contains("given twice")));
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(
            Format::from_content_type(Some("application/json; charset=utf-8")).ok(),
            Some(Format::Json)
        );
        assert_eq!(
            Format::from_content_type(Some("application/x-ndjson")).ok(),
            Some(Format::JsonLines)
        );
        assert!(Format::from_content_type(Some("text/html")).is_err());
        assert!(Format::from_content_type(None).is_err());
    }
}
