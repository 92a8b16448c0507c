//! The store as the commands use it: ingest with a progress bar.

use std::path::Path;

use anyhow::Context as _;
use rasid_extract::Extractor;
use rasid_store::{IngestReport, Store};

use crate::pipeline;

/// Reads, extracts and stores; every batch is one transaction. Returns the
/// totals and how many inputs could not be read.
pub(crate) fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[String],
    max_document_bytes: u64,
    batch_size: usize,
) -> anyhow::Result<(IngestReport, usize)> {
    let bar = pipeline::progress_bar();
    let mut total = IngestReport::default();
    let failed = pipeline::for_each_batch(paths, max_document_bytes, batch_size, |documents| {
        let path = store.path().display().to_string();
        let report = rasid_pipeline::ingest_batch(store, extractor, documents, |_| bar.inc(1))
            .with_context(|| format!("cannot store into `{path}`"))?;
        total.added += report.added;
        total.updated += report.updated;
        total.unchanged += report.unchanged;
        total.claims += report.claims;
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok((total, failed))
}

/// Opens (or creates) the store.
pub(crate) fn open(path: &Path) -> anyhow::Result<Store> {
    Store::open(path).with_context(|| format!("cannot open the store `{}`", path.display()))
}
