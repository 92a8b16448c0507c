//! Glue between the library stages, shared by the commands: read, extract
//! (in parallel, order kept), link.

use rasid_docs::{Document, Input, ReadError, Reader, ReaderOptions};
use rasid_extract::{Article, Claim, Extractor};
use rasid_link::{DocInfo, Incident, LinkOptions};
use rayon::prelude::*;

/// Extracts the claims of a batch of documents on every core, in order.
pub(crate) fn extract_batch(extractor: &Extractor, documents: &[Document]) -> Vec<Vec<Claim>> {
    documents
        .par_iter()
        .map(|d| {
            extractor.extract(&Article {
                id: &d.id,
                text: &d.text,
                outlet: d.outlet.as_deref(),
                published: d.published.as_deref(),
            })
        })
        .collect()
}

/// Extracts and serialises the claims of a batch as JSON Lines on every core,
/// in order: serialising is a good part of the work.
pub(crate) fn extract_batch_jsonl(extractor: &Extractor, documents: &[Document]) -> Vec<Vec<u8>> {
    documents
        .par_iter()
        .map(|d| {
            let claims = extractor.extract(&Article {
                id: &d.id,
                text: &d.text,
                outlet: d.outlet.as_deref(),
                published: d.published.as_deref(),
            });
            let mut out = Vec::with_capacity(claims.len() * 1024);
            for claim in &claims {
                // Serialising plain data into a Vec cannot fail.
                if serde_json::to_writer(&mut out, claim).is_ok() {
                    out.push(b'\n');
                }
            }
            out
        })
        .collect()
}

/// Reads documents in batches of `size`, reporting unreadable inputs on
/// stderr; returns how many failed.
pub(crate) fn for_each_batch(
    paths: &[String],
    max_document_bytes: u64,
    size: usize,
    mut f: impl FnMut(Vec<Document>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    let reader = Reader::new(ReaderOptions { max_document_bytes });
    let mut failed = 0;
    let mut batch = Vec::with_capacity(size);
    for item in reader.read(&inputs) {
        match item {
            Ok(document) => batch.push(document),
            Err(e) => {
                report(&e);
                failed += 1;
            }
        }
        if batch.len() >= size {
            f(std::mem::take(&mut batch))?;
        }
    }
    if !batch.is_empty() {
        f(batch)?;
    }
    Ok(failed)
}

pub(crate) fn report(e: &ReadError) {
    eprintln!("rasid: {e}");
}

/// Links claims of documents into incidents.
pub(crate) fn link(claims: Vec<Claim>, documents: &[Document]) -> Vec<Incident> {
    let infos: Vec<DocInfo<'_>> = documents
        .iter()
        .map(|d| DocInfo {
            id: &d.id,
            text: &d.text,
        })
        .collect();
    rasid_link::link(claims, &infos, &LinkOptions::default())
}
